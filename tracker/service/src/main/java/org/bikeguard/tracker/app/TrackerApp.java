package org.bikeguard.tracker.app;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.bikeguard.tracker.alert.Alerts;
import org.bikeguard.tracker.cluster.ClusterJobs;
import org.bikeguard.tracker.cluster.HotStateGate;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.http.ApiServices;
import org.bikeguard.tracker.http.HealthChecks;
import org.bikeguard.tracker.http.HttpApiVerticle;
import org.bikeguard.tracker.http.PublishedRouters;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.ingest.FrameIntake;
import org.bikeguard.tracker.ingest.FrameLogWriter;
import org.bikeguard.tracker.ingest.IngestBudget;
import org.bikeguard.tracker.ingest.IngestMetrics;
import org.bikeguard.tracker.ingest.RedeliveryFilter;
import org.bikeguard.tracker.ingest.StationActivity;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.LiveKeys;
import org.bikeguard.tracker.persist.CheckpointStore;
import org.bikeguard.tracker.persist.FrameLanes;
import org.bikeguard.tracker.persist.PartitionMaintenance;
import org.bikeguard.tracker.persist.Recovery;
import org.bikeguard.tracker.registry.IdNumberReencryption;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.tls.ServerTls;
import org.bikeguard.tracker.traffic.TrafficFeature;
import org.bikeguard.tracker.violation.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running tracker: wires database, Hazelcast member, sighting engine, frame log, recovery,
 * MQTT ingest ({@link MqttListeners}), HTTP API and the periodic jobs (event-time sweep every
 * second, checkpoints, partition maintenance), with the features beside that pipeline, each a
 * {@link Feature} that brings its routes, jobs and close (alarms, violations, station health,
 * notices and zones), and takes them down on {@link #close()}.
 *
 * <p>Thread safety: {@link #start} builds everything on the calling thread; {@link #close()} is
 * synchronized and idempotent. The accessors may be called from any thread once {@code start}
 * returned; after {@code close}, those of the closed parts (engine, database, alarms, traffic,
 * violations, station activity) return null.
 */
public final class TrackerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerApp.class);
    /**
     * Local map through which co-deployed modules (claims) get the tracker's clock: a Java object,
     * not a setting, so it cannot travel in their JSON deployment config. It holds nothing else.
     */
    public static final String SHARED_CLOCK_MAP = "bikeguard.clock";

    /** Name of the advisory lock under which members create and drop time partitions. */
    static final String PARTITIONS_LOCK = "bikeguard.tracker.partitions";

    private static final int FRAME_BATCH = 4_000;
    /** Seconds between checks of the key file. */
    static final int KEY_CHECK_S = 10;

    /** Key of the tracker's clock (a {@link ClockHandle}) in {@link #SHARED_CLOCK_MAP}. */
    public static final String SHARED_CLOCK_KEY = "clock";

    private final TrackerConfig config;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Database db;
    private LiveKeys keys;
    private HazelcastInstance hz;
    private AlarmWiring alarms;
    private ViolationWiring violations;
    private SightingEngine engine;
    private FrameLogWriter writer;
    private StationHealthWiring stationHealth;
    private FrameApplier applier;
    private ClusterJobs clusterJobs;
    private PeriodicJobs jobs;
    private Vertx vertx;
    private PrometheusMeterRegistry metrics;
    private HealthChecks health;
    private int httpPort;
    private int mqttPort;
    private int mqttTlsPort = -1;
    private ServerTls tls;
    private TrafficWiring traffic;

    private TrackerApp(TrackerConfig config, Clock clock) {
        this.config = config;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts everything on the system clock (UTC); on failure, stops what had started and rethrows. */
    public static TrackerApp start(TrackerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts everything on the given clock; on failure, stops what had started and rethrows.
     *
     * @param clock every decision the tracker takes by time reads this clock: the future-timestamp
     *              check of frames and their arrival times, the closure of sightings at silent
     *              stations (after the gap of this clock's time), frame-log partitions and their
     *              retention, redelivery memory after a restart, token expiry, alarm times, theft
     *              cases and registry dates ("today" in Asia/Shanghai), the station-transition
     *              statistic, and co-deployed modules (claims) that pick it up from
     *              {@link #SHARED_CLOCK_MAP}. Periodic jobs are still scheduled in real time, so a
     *              clock other than the system's should tick (tests use one offset to a fixed start).
     */
    public static TrackerApp start(TrackerConfig config, Clock clock) {
        TrackerApp app = new TrackerApp(config, clock);
        try {
            app.startAll();
            return app;
        } catch (Exception e) {
            app.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        long t0 = System.currentTimeMillis();
        LOG.info("starting bikeguard tracker [{}]", config.summary());
        KeyStartup.Opened opened = KeyStartup.open(config);
        db = opened.db();
        keys = opened.keys();
        PartitionMaintenance maintenance =
                new PartitionMaintenance(db.dataSource(), db.timescale(), config.frameLogRetention(), clock);
        runExclusively(db, maintenance);

        EngineConfig engineConfig =
                new EngineConfig(config.sightingGap().toMillis(), config.bucketCount(), config.clustered() ? 1 : 0);
        hz = HazelcastSetup.start(config, engineConfig);
        StationRegistry stations = StationRegistry.load(
                hz,
                db.dataSource(),
                keys.ring(KeyPurpose.STATION_SECRET).versions().get(0).material());
        engine = new SightingEngine(hz, engineConfig);

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = metrics;
        closeables.add(JvmMeters.bind(metrics));
        HazelcastSetup.bindMetrics(hz, metrics);
        alarms = AlarmWiring.start(hz, db.dataSource(), stations, engine, metrics, clock, config.sightingGap());
        violations = ViolationWiring.start(hz, db.dataSource(), stations, metrics, clock, config.violations());
        IngestMetrics ingestMetrics = new IngestMetrics(metrics);
        CheckpointStore store = new CheckpointStore(db.dataSource(), idx -> stationId(stations, idx));
        FrameLanes lanes = new FrameLanes(db.dataSource(), clock);
        String member = hz.getCluster().getLocalMember().getUuid().toString();
        int lane = lanes.claim(member);
        applier = new FrameApplier(engine, config.sightingGap().toMillis(), clock, ingestMetrics, lane);
        ToIntFunction<String> stationIdx = id -> stationIdx(stations, id);
        HotStateGate.await(
                hz,
                () -> Recovery.restoreCluster(
                        store, lanes, engine, applier, db.dataSource(), lane, memberIds(), stationIdx),
                Duration.ofMinutes(30));
        clusterJobs = new ClusterJobs(new ClusterJobs.Parts(
                hz,
                lane,
                applier,
                engine,
                lanes,
                store,
                db.dataSource(),
                stationIdx,
                clock,
                config.sightingGap(),
                config.checkpointInterval(),
                metrics));
        RedeliveryFilter redeliveries = new RedeliveryFilter();

        // Backpressure: frames are charged at intake and released once applied (or failed to log).
        IngestBudget budget = new IngestBudget(config.ingestBufferBytes()).register(metrics);
        applier.onApplied(budget::applied);
        writer = new FrameLogWriter(
                        db,
                        ingestMetrics,
                        budget.hardLimit(),
                        FRAME_BATCH,
                        lane,
                        f -> applier.submit(budget.charged(f)))
                .start();
        stationHealth = new StationHealthWiring(db.dataSource(), stations, clock);
        traffic = TrafficWiring.start(config, db.dataSource(), stations, clock, metrics);
        FrameIntake intake = new FrameIntake(
                writer,
                redeliveries,
                ingestMetrics,
                clock,
                StationActivity.both(
                        StationActivity.both(
                                alarms.alerts().detector(),
                                violations.violations().detector()),
                        StationActivity.both(
                                stationHealth.activity(), traffic.traffic().listener())),
                budget);
        intake.otherTopics(violations.violations().signals());
        if (config.tls().enabled()) {
            tls = ServerTls.start(config.tls(), metrics, ingestMetrics::connectionRefused);
            closeables.add(tls);
        }
        MqttListeners mqtt = new MqttListeners(config, stations, intake, ingestMetrics, tls, metrics);

        vertx = Vertx.vertx();
        vertx.sharedData().getLocalMap(SHARED_CLOCK_MAP).put(SHARED_CLOCK_KEY, new ClockHandle(clock));
        health = new HealthChecks()
                .register(
                        "framelog",
                        () -> writer.lagSeconds() < 30
                                ? Future.succeededFuture()
                                : Future.failedFuture("frame log lags " + writer.lagSeconds() + " s"));
        // the feature services behind the HTTP API, built once (this bootstraps the admin account)
        ApiServices api = ApiServices.start(
                config,
                db,
                keys,
                hz,
                stations,
                engine,
                metrics,
                health,
                clock,
                // the features' routes, then those co-deployed modules (claims) publish: mounted at /*, so last
                List.of(
                        stationHealth.routes(vertx),
                        traffic.routes(vertx),
                        violations.routes(vertx),
                        PublishedRouters.mountAll(vertx, PublishedRouters.DEFAULT_MAP)),
                alarms.alerts());
        List<String> extra = ExtraVerticles.available(config.extraVerticles());
        ExtraVerticles.deploy(vertx, extra, ExtraVerticles.config(db, config)).await();
        HttpApiVerticle http =
                new HttpApiVerticle(api, tls == null ? new HttpServerOptions() : tls.https(new HttpServerOptions()));
        vertx.deployVerticle(http).await();
        httpPort = http.actualPort();
        mqttPort = mqtt.deployPlain(vertx);
        mqttTlsPort = mqtt.deployTls(vertx);

        jobs = new PeriodicJobs(metrics);
        jobs.every("cluster", 1, 1, TimeUnit.SECONDS, clusterJobs::tick);
        jobs.every("stations", 10, 10, TimeUnit.SECONDS, stations::reconcile);
        traffic.schedule(jobs);
        stationHealth.schedule(jobs);
        jobs.every("partitions", 1, 1, TimeUnit.HOURS, () -> runExclusively(db, maintenance));
        // the key file is read again every KEY_CHECK_S s (a rotation reaches this member without a restart);
        // when the current ID-number keys differ from the last re-encryption pass's, a pass runs on its own thread
        IdNumberReencryption reencryption = new IdNumberReencryption(db.dataSource(), api.vault(), metrics);
        jobs.everyWithPass("keys", KEY_CHECK_S, keys::reload, "reencryption", reencryption::runIfKeysChanged);
        LOG.info(
                "bikeguard tracker ready [http{}: {}, mqtt: {}:{}, mqtt over TLS: {}, stations: {}, startMs: {}]",
                tls == null ? "" : "s",
                httpPort,
                mqtt.plainHost(),
                mqttPort,
                tls == null ? "off" : config.bindHost() + ":" + mqttTlsPort,
                stations.size(),
                System.currentTimeMillis() - t0);
    }

    private Set<String> memberIds() {
        Set<String> members = new HashSet<>();
        hz.getCluster().getMembers().forEach(m -> members.add(m.getUuid().toString()));
        return members;
    }

    private static String stationId(StationRegistry stations, int idx) {
        Station s = stations.byIndex(idx);
        return s == null ? "#" + idx : s.id();
    }

    private static int stationIdx(StationRegistry stations, String id) {
        Station s = stations.byId(id);
        return s == null ? -1 : s.idx();
    }

    /**
     * Partition maintenance creates partitions if they do not exist: members of a cluster run it
     * one at a time (advisory lock {@value #PARTITIONS_LOCK}), so that none fails on a partition
     * another is creating at the same moment.
     */
    private static void runExclusively(Database db, PartitionMaintenance maintenance) {
        db.exclusively(PARTITIONS_LOCK, maintenance::run);
    }

    /** The clock this tracker decides by. */
    public Clock clock() {
        return clock;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The plaintext MQTT port. */
    public int mqttPort() {
        return mqttPort;
    }

    /** The MQTT over TLS port, or -1 without TLS. */
    public int mqttTlsPort() {
        return mqttTlsPort;
    }

    /** The servers' TLS (certificate in use, reload now), or null without TLS. */
    public ServerTls tls() {
        return tls;
    }

    public SightingEngine engine() {
        return engine;
    }

    public Database database() {
        return db;
    }

    /** The keys in use (they follow the key file). */
    public LiveKeys keys() {
        return keys;
    }

    /** Per-station frame and read counts behind station health. */
    public StationActivity stationActivity() {
        return stationHealth == null ? null : stationHealth.activity();
    }

    /** The live-alarm subsystem (watch list, alarm hub). */
    public Alerts alerts() {
        return alarms == null ? null : alarms.alerts();
    }

    /** Notices, zones and the monthly rules. */
    public TrafficFeature traffic() {
        return traffic == null ? null : traffic.traffic();
    }

    /** The violations subsystem (intersections, phases, detection). */
    public Violations violations() {
        return violations == null ? null : violations.violations();
    }

    /** The registry served at {@code /metrics}. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The checks served at {@code /health}; a check registered here is asked from the next request on. */
    public HealthChecks health() {
        return health;
    }

    /** Forces a checkpoint now if this member leads the cluster (tests, shutdown); returns whether one was taken. */
    public boolean checkpoint() {
        return clusterJobs != null && clusterJobs.checkpointNow();
    }

    /**
     * Stops in order: the periodic jobs, Vert.x (MQTT, HTTP and co-deployed verticles: no new
     * frames), the frame log (queued frames written), station health (its counts written), a last
     * checkpoint, the applier, the features notices and zones, violations and alarms (the reverse of
     * their start), the engine, Hazelcast, the database, then TLS and the GC metrics. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
        if (vertx != null) {
            vertx.close().await();
            vertx = null;
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
        stationHealth = close(stationHealth);
        if (clusterJobs != null) {
            checkpoint();
            clusterJobs = null;
        }
        if (applier != null) {
            applier.close();
            applier = null;
        }
        traffic = close(traffic);
        violations = close(violations);
        alarms = close(alarms);
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (hz != null) {
            hz.shutdown();
            hz = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
        closeables.clear();
        LOG.info("bikeguard tracker stopped");
    }

    /** Closes {@code feature} when it was started; returns null, for its field. */
    private static <F extends Feature> F close(F feature) {
        if (feature != null) {
            feature.close();
        }
        return null;
    }
}
