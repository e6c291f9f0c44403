package org.bikeguard.tracker.alert;

import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-alarm subsystem of one tracker member: the cluster-wide {@link WatchList}, the ingest
 * hook ({@link #detector()}), the cluster-wide {@link TamperSightings}, the {@link PatternDetector}
 * with its {@link Forwarder} to the tags' owners ({@link TagOwners}), the {@link AlarmHub} that
 * numbers and broadcasts alarms, the {@link AlarmStore} and the learned {@link Transitions}. One
 * scheduler thread ({@code bikeguard-alerts}) seeds the recent trail of newly watched tags from
 * the database, counts station transitions every minute, forgets trails of tags no longer watched
 * and re-reads tag ownership every second. Thread-safe.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    /** Seconds between runs of the transition-counting job. */
    static final int TRANSITIONS_EVERY_S = 60;
    /** Reads per forwarded batch at most. */
    static final int FORWARD_BATCH = 8_192;
    /** Unanswered batches per member at most (about a second and a half of flushes). */
    static final int FORWARD_IN_FLIGHT = 32;

    private final WatchList watchList;
    private final AlarmStore store;
    private final Transitions transitions;
    private final Trails trails;
    private final TagOwners owners;
    private final Forwarder forwarder;
    private final PatternDetector patterns;
    private final AlarmHub hub;
    private final AlarmUpdates updates;
    private final NewFrameListener detector;
    private final ScheduledExecutorService scheduler;
    private final StationRegistry stations;
    private final HazelcastInstance hz;

    private Alerts(
            HazelcastInstance hz,
            DataSource ds,
            StationRegistry stations,
            MeterRegistry metrics,
            Clock clock,
            Duration sightingGap) {
        this.stations = stations;
        this.hz = hz;
        this.watchList = WatchList.start(hz, ds);
        this.store = new AlarmStore(ds, clock);
        this.transitions = new Transitions(ds, clock);
        this.trails = new Trails(sightingGap.toMillis());
        TamperSightings tamper = new TamperSightings(hz, sightingGap.toMillis());
        this.hub = new AlarmHub(hz, stations, watchList, trails, transitions, store, clock, metrics);
        this.updates = new AlarmUpdates(hz);
        hub.afterEnrichment(updates::publish); // a stolen alarm's companions follow it as an update
        this.owners = new TagOwners(hz);
        this.forwarder = new Forwarder(forwardingTransport(hz), FORWARD_BATCH, FORWARD_IN_FLIGHT);
        this.patterns = new PatternDetector(
                PatternRules.defaults(sightingGap), stations::byIndex, hub::raise, 16_384, owners::routes, forwarder);
        hz.getUserContext().put(PatternBatch.RECEIVER, patterns);
        this.detector = new LiveDetector(watchList, trails, tamper, hub, patterns);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bikeguard-alerts");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("bikeguard.alarms.patterns.dropped", patterns, PatternDetector::dropped)
                .description("Frames the clone/silent rules skipped because their queue was full")
                .register(metrics);
        Gauge.builder("bikeguard.alarms.patterns.remote.dropped", patterns, PatternDetector::droppedRemote)
                .description("Read batches from other members the clone/silent rules refused (queue full)")
                .register(metrics);
        Gauge.builder("bikeguard.alarms.patterns.members", owners, o -> o.routes()
                        .slots())
                .description("Members among which the clone/silent rules share the tags (1: alone, nothing forwarded)")
                .register(metrics);
        FunctionCounter.builder("bikeguard.alarms.patterns.forwarded", forwarder, Forwarder::forwardedReads)
                .description("Reads sent to the member owning their tag for the clone/silent rules")
                .register(metrics);
        FunctionCounter.builder("bikeguard.alarms.patterns.forward.failed", forwarder, Forwarder::failedReads)
                .description("Reads of other members' tags lost for the clone/silent rules (member unreachable,"
                        + " refused, or too many batches unanswered)")
                .register(metrics);
        Gauge.builder("bikeguard.alarms.store.pending", store, AlarmStore::pending)
                .description("Alarms queued for the database")
                .register(metrics);
        Gauge.builder("bikeguard.alarms.subscribers", hub, AlarmHub::subscribers)
                .description("Alarm stream consoles connected to this member")
                .register(metrics);
        hub.plateLookup(tag -> plateOf(ds, tag));
        watchList.onWatched(tag -> scheduler.execute(() -> seed(tag)));
        for (WatchList.Entry e : watchList.all()) {
            scheduler.execute(() -> seed(e.tag()));
        }
        scheduler.scheduleWithFixedDelay(this::periodic, 1, TRANSITIONS_EVERY_S, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(owners::refresh, 1, 1, TimeUnit.SECONDS);
        // whoever owns the member may shut it down without closing us (tests): stop with it
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                close();
            }
        });
    }

    /**
     * Starts the subsystem on a migrated database and a running member. Blocking.
     *
     * @param clock       the tracker's clock: alarm, acknowledgement and dispatch times and the
     *                    "now" of the station-transition statistic
     * @param sightingGap the tracker's sighting gap (one stolen/tamper alarm per sighting)
     */
    public static Alerts start(
            HazelcastInstance hz,
            DataSource ds,
            StationRegistry stations,
            MeterRegistry metrics,
            Clock clock,
            Duration sightingGap) {
        return new Alerts(hz, ds, stations, metrics, clock, sightingGap);
    }

    /** The cluster-wide list of tags whose sightings raise {@code stolen} alarms. */
    public WatchList watchList() {
        return watchList;
    }

    /** The hook for {@code FrameIntake}: called for every new (not redelivered) frame. */
    public NewFrameListener detector() {
        return detector;
    }

    public AlarmHub hub() {
        return hub;
    }

    /** Changes to stored alarms, to every member's consoles. */
    public AlarmUpdates updates() {
        return updates;
    }

    public AlarmStore store() {
        return store;
    }

    public Transitions transitions() {
        return transitions;
    }

    public StationRegistry stations() {
        return stations;
    }

    /** Runs the transition job once now and reloads the table (tests, tools). Blocking. */
    public long countTransitionsNow() throws java.sql.SQLException {
        long n = transitions.advance();
        transitions.reload();
        return n;
    }

    /**
     * Pattern batches travel on an executor of one thread per member, so that a sender's batches
     * are applied in the order they were sent. (Added to the running cluster's configuration; the
     * same settings from every member.)
     */
    private static Forwarder.Transport forwardingTransport(HazelcastInstance hz) {
        try {
            hz.getConfig().addExecutorConfig(new ExecutorConfig(PatternBatch.EXECUTOR).setPoolSize(1));
        } catch (RuntimeException e) {
            LOG.warn("pattern executor keeps its configuration [error: {}]", e.toString());
        }
        return Forwarder.over(hz);
    }

    /** The plate of the registered bike carrying the tag, or {@code null} (also when there is no registry). */
    private static String plateOf(DataSource ds, long tag) {
        try (java.sql.Connection c = ds.getConnection();
                java.sql.PreparedStatement st = c.prepareStatement(
                        "SELECT plate FROM bikes WHERE tag = ? AND status <> 'deregistered' LIMIT 1")) {
            st.setLong(1, tag);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            LOG.debug("no plate for tag [tag: {}, error: {}]", Long.toHexString(tag), e.toString());
            return null;
        }
    }

    private void seed(long tag) {
        try {
            List<Alarm.Recent> history = store.lastSightings(tag, Trails.KEEP);
            trails.seed(tag, history, id -> {
                var s = stations.byId(id);
                return s == null ? -1 : s.idx();
            });
        } catch (Exception e) {
            LOG.warn(
                    "recent sightings of a watched tag not loaded [tag: {}, error: {}]",
                    Long.toHexString(tag),
                    e.toString());
        }
    }

    private void periodic() {
        try {
            transitions.advance();
            transitions.reload();
        } catch (Exception e) {
            LOG.warn("counting station transitions failed [error: {}]", e.toString());
        }
        trails.retain(watchList::contains);
    }

    /** Stops the threads (the store writes what is queued first). Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler.isShutdown()) {
            return;
        }
        scheduler.shutdownNow();
        try {
            hz.getUserContext().remove(PatternBatch.RECEIVER, patterns);
        } catch (RuntimeException e) {
            LOG.debug("pattern receiver not removed [error: {}]", e.toString());
        }
        owners.close();
        patterns.close();
        hub.close();
        updates.close();
        store.close();
        watchList.close();
    }
}
