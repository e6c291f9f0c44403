package org.bikeguard.tracker.alert;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.bikeguard.common.worker.SerialWorker;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alarm candidates into alarms and delivers them to every member's subscribers.
 *
 * <p>One {@link SerialWorker} thread per member ({@code bikeguard-alarms}, at most
 * {@value #QUEUE} candidates waiting) takes candidates in order, gives each the
 * next id of the cluster-wide counter ({@link AlarmIds}, seeded
 * at start above the highest stored id plus a margin so that ids stay increasing across
 * restarts), completes it (plate and case from the watch list, recent sightings, likely next
 * stations), hands it to this member's subscribers, queues it for the {@link AlarmStore} and
 * publishes it on the topic {@value #TOPIC}, whose listener on every other member does the same
 * there. Delivery appends the alarm to a ring of the last {@value #RING} alarms and hands it to
 * the local subscribers (the WebSocket consoles). Messages from one member arrive in publish
 * order, which on that member is id order.
 *
 * <p>Catch-up without gaps or duplicates: {@link #subscribe} registers the subscriber and takes
 * the ring's alarms after {@code since} under one lock, so every alarm is either in that snapshot
 * or delivered live afterwards; the caller merges the snapshot with the stored alarms (which
 * cover what fell out of the ring) and skips ids it has already sent. Thread-safe.
 */
public final class AlarmHub implements AutoCloseable {

    /** The topic alarms travel on (JSON text). */
    public static final String TOPIC = "bikeguard.alarms";
    /** Alarms kept in memory per member for catch-up. */
    public static final int RING = 10_000;
    /** Candidates waiting at most; more are dropped. */
    static final int QUEUE = 100_000;
    /** Stolen alarms waiting for their companions; beyond this they go without (the alarm itself is out already). */
    static final int ENRICH_QUEUE = 256;
    /** Ids skipped after a restart (alarms raised but not yet stored at a crash keep unique ids). */
    static final long RESTART_MARGIN = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmHub.class);
    /** Bucket bounds of {@code bikeguard_alarms_latency_seconds} (the target is a p99 of 50 ms). */
    private static final Duration[] LATENCY_BUCKETS = java.util.stream.LongStream.of(
                    1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000, 2000)
            .mapToObj(Duration::ofMillis)
            .toArray(Duration[]::new);

    /** Receives alarms on the hub thread or a Hazelcast event thread: must not block. */
    public interface Subscriber {
        /**
         * @param id    the alarm id
         * @param json  the alarm's JSON text
         * @param local this member's own alarm, to be told when it is written to the console
         *              ({@link Raised#written()}); {@code null} for another member's alarm
         */
        void deliver(long id, String json, Raised local);
    }

    /**
     * An alarm raised by this member, on its way to a console: {@link #written()} records the time
     * from the detector seeing the read to now in {@code bikeguard_alarms_latency_seconds}.
     */
    public record Raised(Timer latency, long seenNanos) {
        /** The alarm has just been handed to a console's connection. */
        public void written() {
            latency.record(System.nanoTime() - seenNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Adds fields to a {@code stolen} alarm's JSON after it has gone out: the alarm is never held
     * back for it. Called on its own thread ({@code bikeguard-alarm-enrich}, never an event loop or
     * the hub thread); may block briefly; must not throw. A {@code companions} list it adds is
     * stored with the alarm ({@link AlarmStore#companions}); the enriched alarm then travels as an
     * update ({@link #afterEnrichment}).
     */
    public interface Enricher {
        /** Puts extra fields into {@code json}, the wire form of {@code alarm}. */
        void enrich(Alarm alarm, JsonObject json);
    }

    /** An alarm in the ring. */
    public record Entry(long id, String json) {}

    private final StationRegistry stations;
    private final WatchList watchList;
    private final Trails trails;
    private final Transitions transitions;
    private final AlarmStore store;
    private final Clock clock;
    private final AlarmIds ids;
    private final ITopic<String> topic;
    private final UUID listener;
    private final SerialWorker<AlarmCandidate> candidates;
    private final ArrayDeque<Entry> ring = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final MeterRegistry metrics;
    private final Timer raiseToPublish;
    private final Timer queued;
    private final Timer idCall;
    private final java.util.Map<AlarmType, Timer> latency = new java.util.EnumMap<>(AlarmType.class);
    private volatile LongFunction<String> plates = tag -> null;
    private volatile Enricher stolenEnricher = null;
    private volatile java.util.function.Consumer<String> enriched = json -> {};
    private final SerialWorker<Enrichment> enrichments;

    private record Enrichment(Alarm alarm, JsonObject wire) {}

    AlarmHub(
            HazelcastInstance hz,
            StationRegistry stations,
            WatchList watchList,
            Trails trails,
            Transitions transitions,
            AlarmStore store,
            Clock clock,
            MeterRegistry metrics) {
        this.stations = stations;
        this.watchList = watchList;
        this.trails = trails;
        this.transitions = transitions;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.raiseToPublish = Timer.builder("bikeguard.alarms.raise")
                .description("Candidate taken by the hub thread to alarm published")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.queued = Timer.builder("bikeguard.alarms.queued")
                .description("Candidate seen by a detector to taken by the hub thread")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.idCall = Timer.builder("bikeguard.alarms.id")
                .description("The cluster-wide alarm id call")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        for (AlarmType t : AlarmType.values()) {
            latency.put(
                    t,
                    Timer.builder("bikeguard.alarms.latency")
                            .description("This member's alarms: the detector seeing the read to the alarm"
                                    + " written to a console WebSocket (once per console)")
                            .tag("type", t.wire())
                            .serviceLevelObjectives(LATENCY_BUCKETS)
                            .register(metrics));
        }
        this.ids = new AlarmIds(hz);
        ids.atLeast(store.maxId() + RESTART_MARGIN);
        this.topic = hz.getTopic(TOPIC);
        // this member's own alarms are delivered locally by the hub thread (one thread hop less)
        this.listener = topic.addMessageListener(m -> {
            if (m.getPublishingMember() == null || !m.getPublishingMember().localMember()) {
                learn(m.getMessageObject());
                onPublished(m.getMessageObject(), null);
            }
        });
        this.candidates = SerialWorker.<AlarmCandidate>named("bikeguard-alarms")
                .capacity(QUEUE)
                .stopTimeout(Duration.ofSeconds(5))
                .each(this::raiseNow)
                .start();
        this.enrichments = SerialWorker.<Enrichment>named("bikeguard-alarm-enrich")
                .capacity(ENRICH_QUEUE)
                .stopTimeout(Duration.ofSeconds(5))
                .each(this::enrichNow)
                .start();
    }

    /** Queues a candidate; never blocks (dropped and logged when {@value #QUEUE} are waiting, or after close). */
    public void raise(AlarmCandidate c) {
        if (!candidates.offer(c)) {
            LOG.warn(
                    "alarm candidate dropped, {} [type: {}, tag: {}]",
                    candidates.isClosed() ? "hub closed" : "queue full",
                    c.type(),
                    Long.toHexString(c.tag()));
        }
    }

    /** Where plates of tags that are not on the watch list come from (the bike registry); blocking allowed. */
    public void plateLookup(LongFunction<String> lookup) {
        this.plates = lookup == null ? tag -> null : lookup;
    }

    /** What adds fields to {@code stolen} alarms (the companions of the last hour); null for none. */
    public void enrichStolen(Enricher e) {
        this.stolenEnricher = e;
    }

    /** Where a stolen alarm's enriched JSON goes (the alarm updates every console receives). */
    public void afterEnrichment(java.util.function.Consumer<String> sink) {
        this.enriched = sink == null ? json -> {} : sink;
    }

    /**
     * Registers a subscriber and returns, atomically with the registration, the ring's alarms
     * with id &gt; {@code since} in ring order ({@code since < 0}: none).
     */
    public List<Entry> subscribe(Subscriber s, long since) {
        synchronized (lock) {
            subscribers.add(s);
            List<Entry> out = new ArrayList<>();
            if (since >= 0) {
                for (Entry e : ring) {
                    if (e.id() > since) {
                        out.add(e);
                    }
                }
            }
            return out;
        }
    }

    public void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    /** Number of local subscribers. */
    public int subscribers() {
        return subscribers.size();
    }

    /**
     * A stolen alarm raised by another member marks that sighting as known here too, so a station
     * that reconnects to this member mid-sighting does not raise it again.
     */
    private void learn(String json) {
        try {
            JsonObject o = new JsonObject(json);
            Station st = stations.byId(o.getString("station"));
            if (st != null && AlarmType.STOLEN.wire().equals(o.getString("type"))) {
                trails.onRead(
                        org.bikeguard.protocol.TagIds.parse(o.getString("tag")),
                        st.idx(),
                        java.time.Instant.parse(o.getString("at")).toEpochMilli());
            }
        } catch (RuntimeException e) {
            LOG.debug("remote alarm not learned [error: {}]", e.toString());
        }
    }

    private void onPublished(String json, Raised local) {
        long id;
        try {
            id = new JsonObject(json).getLong("id");
        } catch (RuntimeException e) {
            LOG.warn("malformed alarm on the topic ignored [error: {}]", e.toString());
            return;
        }
        synchronized (lock) {
            ring.addLast(new Entry(id, json));
            if (ring.size() > RING) {
                ring.removeFirst();
            }
            for (Subscriber s : subscribers) {
                try {
                    s.deliver(id, json, local);
                } catch (RuntimeException e) {
                    LOG.warn("alarm subscriber failed [error: {}]", e.toString());
                }
            }
        }
    }

    /** One candidate, on the hub thread. */
    private void raiseNow(AlarmCandidate c) {
        long t0 = System.nanoTime();
        queued.record(t0 - c.seenNanos(), TimeUnit.NANOSECONDS);
        try {
            Alarm a = complete(c);
            if (a != null) {
                JsonObject wire = a.toJson();
                String json = wire.encode();
                if (a.type() == AlarmType.STOLEN
                        && stolenEnricher != null
                        && !enrichments.offer(new Enrichment(a, wire))) {
                    LOG.debug("alarm not enriched, queue full [id: {}]", a.id());
                }
                onPublished(json, new Raised(latency.get(a.type()), c.seenNanos()));
                store.enqueue(a);
                topic.publish(json);
                Counter.builder("bikeguard.alarms.raised")
                        .description("Alarms raised by this member")
                        .tag("type", a.type().wire())
                        .register(metrics)
                        .increment();
                LOG.info(
                        "alarm raised [id: {}, type: {}, tag: {}, station: {}]",
                        a.id(),
                        a.type().wire(),
                        Long.toHexString(a.tag()).toUpperCase(java.util.Locale.ROOT),
                        a.station());
            }
        } catch (RuntimeException e) {
            LOG.error("raising an alarm failed [type: {}]", c.type(), e);
        }
        raiseToPublish.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    private Alarm complete(AlarmCandidate c) {
        Station st = stations.byIndex(c.stationIdx());
        if (st == null) {
            return null;
        }
        WatchList.Entry w = watchList.get(c.tag());
        // a watched tag's plate comes with its case (no database round trip on the stolen path)
        String plate = w != null ? w.plate() : lookupPlate(c.tag());
        List<Alarm.Recent> recent = new ArrayList<>(c.recent());
        if (w != null && c.type() == AlarmType.STOLEN) {
            recent = trails.recent(c.tag(), stations::byIndex);
        }
        long t0 = System.nanoTime();
        long id = ids.next();
        idCall.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        return new Alarm(
                id,
                c.type(),
                w == null ? null : w.caseId(),
                w == null ? null : w.caseNo(),
                c.tag(),
                plate,
                st.id(),
                st.lon(),
                st.lat(),
                c.at(),
                clock.millis(),
                recent,
                transitions.likelyNext(st.id(), stations, 3));
    }

    /**
     * On the enrichment thread: adds the fields, stores the companions found with the alarm, and
     * sends the alarm again as an update when any field was added.
     */
    private void enrichNow(Enrichment e) {
        Enricher en = stolenEnricher;
        if (en == null) {
            return;
        }
        int before = e.wire().size();
        try {
            en.enrich(e.alarm(), e.wire());
        } catch (RuntimeException ex) {
            LOG.debug("alarm not enriched [id: {}, error: {}]", e.alarm().id(), ex.toString());
            return;
        }
        if (e.wire().getValue("companions") instanceof io.vertx.core.json.JsonArray companions) {
            try {
                store.companions(e.alarm().id(), companions);
            } catch (java.sql.SQLException | RuntimeException ex) {
                LOG.warn(
                        "alarm companions not stored [id: {}, error: {}]",
                        e.alarm().id(),
                        ex.toString());
            }
        }
        if (e.wire().size() > before) {
            enriched.accept(e.wire().encode());
        }
    }

    private String lookupPlate(long tag) {
        try {
            return plates.apply(tag);
        } catch (RuntimeException e) {
            LOG.debug("plate lookup failed [error: {}]", e.toString());
            return null;
        }
    }

    /** Raises the queued candidates (up to 5 s), stops the thread, and leaves the topic. */
    @Override
    public void close() {
        candidates.close();
        enrichments.close();
        ids.close();
        try {
            topic.removeMessageListener(listener);
        } catch (RuntimeException e) {
            LOG.debug("alarm topic listener not removed [error: {}]", e.toString());
        }
    }
}
