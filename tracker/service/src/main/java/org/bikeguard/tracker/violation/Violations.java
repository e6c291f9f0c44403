package org.bikeguard.tracker.violation;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.bikeguard.tracker.ingest.TopicHandler;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The violations subsystem of a member: intersections (database, kept in memory, reloaded on every
 * member when one changes them: Hazelcast topic {@value #INTERSECTIONS_TOPIC}), the phase book
 * (controllers' messages are stored by the member they reach and shared on
 * {@value #PHASES_TOPIC}), the live detector on the ingest hook and the routes.
 *
 * <p>A station's frames are looked at on the member they reach, right after decoding, like the
 * stolen and tamper alarms; the passages of an intersection are decided on the member that owns it
 * (docs/architecture.md, "Violations at intersections"); the {@code violation} table's unique key
 * keeps a passage raised twice one row. Thread-safe.
 */
public final class Violations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Violations.class);
    static final String INTERSECTIONS_TOPIC = "bikeguard.intersections";
    static final String PHASES_TOPIC = "bikeguard.signal-phases";
    /** Phase history loaded into memory at start. */
    static final Duration HISTORY_LOADED = Duration.ofHours(24);

    private final HazelcastInstance hz;
    private final DataSource ds;
    private final Clock clock;
    private final IntersectionStore intersectionStore;
    private final ViolationStore store;
    private final PhaseStore phaseStore;
    private final PhaseBook phases;
    private final StationRegistry stations;
    private final ScheduledExecutorService detectorThread;
    private final ExecutorService dbThread;
    private final ViolationDetector detector;
    private final ITopic<String> intersectionTopic;
    private final ITopic<String> phaseTopic;
    private final UUID intersectionListener;
    private final UUID phaseListener;
    private final Counter raised;
    private final Timer latency;
    private final Timer detectLatency;
    private volatile Map<String, Intersection> intersections = Map.of();
    /** Violations waiting for the database; beyond {@value #MAX_PENDING_INSERTS} new ones are dropped and counted. */
    private final java.util.concurrent.atomic.AtomicInteger pendingInserts =
            new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicLong droppedInserts = new java.util.concurrent.atomic.AtomicLong();
    static final int MAX_PENDING_INSERTS = 10_000;
    static final int INSERT_BATCH = 500;
    private final java.util.concurrent.ConcurrentLinkedQueue<Violation> toInsert =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

    private Violations(
            HazelcastInstance hz,
            DataSource ds,
            StationRegistry stations,
            MeterRegistry metrics,
            Clock clock,
            TrackerConfig.ViolationSettings settings)
            throws SQLException {
        this.hz = hz;
        this.ds = ds;
        this.clock = clock;
        this.stations = stations;
        this.intersectionStore = new IntersectionStore(ds, clock);
        this.store = new ViolationStore(ds);
        this.phaseStore = new PhaseStore(ds);
        this.phases = new PhaseBook(id -> {
            Intersection x = intersections.get(id);
            return x == null ? null : x.plan();
        });
        this.dbThread = Executors.newSingleThreadExecutor(r -> daemon(r, "bikeguard-violation-db"));
        this.raised = Counter.builder("bikeguard.violations.raised")
                .description("Violations this member detected and stored (new rows)")
                .register(metrics);
        this.latency = Timer.builder("bikeguard.violations.latency")
                .description("From the newest read of a passage (event time) to its violation stored")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.detectLatency = Timer.builder("bikeguard.violations.detect.latency")
                .description(
                        "From the arrival of a passage's decisive read (its frame's receipt) to its violation stored:"
                                + " the tracker's share of the latency, without the station's and the network's")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(metrics);
        reload();
        for (PhaseMessage m : phaseStore.since(clock.instant().minus(HISTORY_LOADED), null, 1_000_000)) {
            phases.add(m);
        }
        this.intersectionTopic = hz.getTopic(INTERSECTIONS_TOPIC);
        this.phaseTopic = hz.getTopic(PHASES_TOPIC);
        this.intersectionListener = intersectionTopic.addMessageListener(m -> dbThread.execute(this::reloadQuietly));
        this.phaseListener =
                phaseTopic.addMessageListener(m -> phases.add(fromJson(new JsonObject(m.getMessageObject()))));
        if (settings.enabled()) {
            this.detectorThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bikeguard-violations"));
            this.detector = new ViolationDetector(
                    detectorThread,
                    phases,
                    id -> {
                        Intersection x = intersections.get(id);
                        return x == null ? Intersection.DEFAULT_TOLERANCE_MS : x.toleranceMs();
                    },
                    (id, approach) -> {
                        Intersection x = intersections.get(id);
                        return x == null ? List.of() : x.exitMovements(approach);
                    },
                    settings.gapMs(),
                    clock,
                    this::queueInsert,
                    index());
            detector.owners(owners(hz));
            hz.getUserContext().put(ZoneReads.RECEIVER, detector);
            FunctionCounter.builder("bikeguard.violations.forwarded", detector, ViolationDetector::forwarded)
                    .description("Zone reads sent to the member that owns their intersection")
                    .register(metrics);
            FunctionCounter.builder("bikeguard.violations.reads", detector, ViolationDetector::reads)
                    .description("Reads of intersection zones the violation detector applied")
                    .register(metrics);
            FunctionCounter.builder("bikeguard.violations.dropped", detector, ViolationDetector::dropped)
                    .description("Reads of intersection zones dropped because the detector's queue was full")
                    .register(metrics);
            FunctionCounter.builder(
                            "bikeguard.violations.unstored",
                            droppedInserts,
                            java.util.concurrent.atomic.AtomicLong::get)
                    .description("Violations dropped because too many were waiting for the database")
                    .register(metrics);
        } else {
            this.detectorThread = null;
            this.detector = null;
        }
    }

    /**
     * A cluster: an intersection's passages are decided by the owner of its id's Hazelcast partition (so that the
     * reads of its stations meet, whichever members the stations connect to); other members send them there on the
     * executor {@value ZoneReads#EXECUTOR} (one thread per member keeps a sender's frames in order).
     */
    private static ViolationDetector.Owners owners(HazelcastInstance hz) {
        try {
            hz.getConfig()
                    .addExecutorConfig(new com.hazelcast.config.ExecutorConfig(ZoneReads.EXECUTOR).setPoolSize(1));
        } catch (RuntimeException e) {
            LOG.debug("violation executor keeps its configuration [error: {}]", e.toString());
        }
        com.hazelcast.core.IExecutorService executor = hz.getExecutorService(ZoneReads.EXECUTOR);
        return new ViolationDetector.Owners() {
            @Override
            public boolean isLocal(String intersection) {
                if (hz.getCluster().getMembers().size() == 1) {
                    return true;
                }
                com.hazelcast.cluster.Member owner =
                        hz.getPartitionService().getPartition(intersection).getOwner();
                return owner == null || owner.localMember();
            }

            @Override
            public void send(String intersection, ZoneReads reads) {
                executor.executeOnKeyOwner(reads, intersection);
            }
        };
    }

    /**
     * Starts the subsystem on a migrated database. Blocking (loads the intersections and a day of phases).
     *
     * @param clock the tracker's clock: when a passage is idle, detection and receipt times
     */
    public static Violations start(
            HazelcastInstance hz,
            DataSource ds,
            StationRegistry stations,
            MeterRegistry metrics,
            Clock clock,
            TrackerConfig.ViolationSettings settings) {
        try {
            return new Violations(hz, ds, stations, metrics, clock, settings);
        } catch (SQLException e) {
            throw new IllegalStateException("violations not started: " + e.getMessage(), e);
        }
    }

    /** The ingest hook (does nothing when detection is off). */
    public NewFrameListener detector() {
        return detector == null ? NewFrameListener.NONE : detector;
    }

    /** The handler of the controllers' phase topics. */
    public TopicHandler signals() {
        return new SignalIntake(this::intersection, this::storePhase);
    }

    /** Mounts the routes (once per HTTP verticle instance). */
    public Consumer<Router> routes(Vertx vertx, String pool, int threads, int maxPending) {
        AuditLog audit = new AuditLog(ds, clock);
        return r -> new ViolationRoutes(this, Blocking.shared(vertx, pool, threads, maxPending), audit).mount(r);
    }

    Intersection intersection(String id) {
        return intersections.get(id);
    }

    ViolationStore store() {
        return store;
    }

    PhaseStore phaseStore() {
        return phaseStore;
    }

    /** The phase book (tests). */
    PhaseBook phases() {
        return phases;
    }

    /** Saves intersections, reloads them here and tells the other members. Blocking. */
    void save(List<Intersection> xs) throws SQLException {
        intersectionStore.saveAll(xs);
        reload();
        intersectionTopic.publish("changed");
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("intersections not reloaded [error: {}]", e.toString());
        }
    }

    private synchronized void reload() throws SQLException {
        Map<String, Intersection> m = new HashMap<>();
        for (Intersection x : intersectionStore.all()) {
            m.put(x.id(), x);
        }
        intersections = Map.copyOf(m);
        if (detector != null) {
            detector.zones(index());
        }
    }

    private ZoneIndex index() {
        return ZoneIndex.of(intersections.values(), idx -> {
            Station s = stations.byIndex(idx);
            return s == null ? null : s.id();
        });
    }

    private CompletableFuture<Long> storePhase(PhaseMessage m) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            dbThread.execute(() -> {
                try {
                    if (phaseStore.insert(m, clock.instant())) {
                        phaseTopic.publish(toJson(m).encode());
                    }
                    done.complete(m.seq());
                } catch (SQLException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void queueInsert(Violation v) {
        if (pendingInserts.incrementAndGet() > MAX_PENDING_INSERTS) {
            pendingInserts.decrementAndGet();
            droppedInserts.incrementAndGet();
            return;
        }
        toInsert.add(v);
        if (draining.compareAndSet(false, true)) {
            try {
                dbThread.execute(this::drainInserts);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                draining.set(false); // closing
            }
        }
    }

    /** On the database thread: everything queued, in transactions of up to {@value #INSERT_BATCH}. */
    private void drainInserts() {
        while (true) {
            List<Violation> batch = new java.util.ArrayList<>();
            for (Violation v; batch.size() < INSERT_BATCH && (v = toInsert.poll()) != null; ) {
                batch.add(v);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                if (toInsert.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            pendingInserts.addAndGet(-batch.size());
            try {
                Instant now = clock.instant();
                boolean[] fresh = store.insertAll(batch, now);
                long stored = clock.millis();
                for (int i = 0; i < fresh.length; i++) {
                    if (fresh[i]) {
                        Violation v = batch.get(i);
                        raised.increment();
                        latency.record(Math.max(0, stored - v.passageEnd()), TimeUnit.MILLISECONDS);
                        detectLatency.record(Math.max(0, stored - v.arrivedAt()), TimeUnit.MILLISECONDS);
                        LOG.debug("violation {}", Passages.describe(v));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn(
                        "{} violations not stored [first: {}, error: {}]",
                        batch.size(),
                        Passages.describe(batch.get(0)),
                        e.toString());
            }
        }
    }

    static JsonObject toJson(PhaseMessage m) {
        return new JsonObject()
                .put("intersection", m.intersection())
                .put("seq", m.seq())
                .put("ts", m.at())
                .put("green", new JsonArray(List.copyOf(m.green())))
                .put("amber", new JsonArray(List.copyOf(m.amber())));
    }

    static PhaseMessage fromJson(JsonObject o) {
        return new PhaseMessage(
                o.getString("intersection"),
                o.getLong("seq"),
                o.getLong("ts"),
                java.util.Set.copyOf(o.getJsonArray("green").getList()),
                java.util.Set.copyOf(o.getJsonArray("amber").getList()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        try {
            intersectionTopic.removeMessageListener(intersectionListener);
            phaseTopic.removeMessageListener(phaseListener);
        } catch (RuntimeException e) {
            LOG.debug("topic listeners not removed [error: {}]", e.toString());
        }
        if (detector != null) {
            hz.getUserContext().remove(ZoneReads.RECEIVER, detector);
        }
        if (detectorThread != null) {
            detectorThread.shutdownNow();
        }
        dbThread.shutdown();
        try {
            dbThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
