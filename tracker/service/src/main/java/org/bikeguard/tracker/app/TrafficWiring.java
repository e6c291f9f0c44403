package org.bikeguard.tracker.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.http.HttpApiVerticle;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.traffic.TrafficFeature;

/**
 * Notices, zones and the monthly rules as {@link TrackerApp} wires them: the {@link TrafficFeature}
 * (its zones' hook is taken by the app's frame intake), its routes on the API's worker pool
 * ({@value HttpApiVerticle#WORKER_POOL}), and two jobs on threads of their own: {@code notices}
 * every second and {@code zone-stay-retention} hourly. Thread-safe (the feature is).
 */
final class TrafficWiring implements Feature {

    private final TrafficFeature traffic;

    private TrafficWiring(TrafficFeature traffic) {
        this.traffic = traffic;
    }

    /**
     * Builds the feature from the tracker's configuration (sighting gap, notices, data directory,
     * zone stay retention). Blocking: loads the zones.
     *
     * @param clock the tracker's clock
     */
    static TrafficWiring start(
            TrackerConfig config, DataSource ds, StationRegistry stations, Clock clock, MeterRegistry metrics)
            throws SQLException {
        return new TrafficWiring(new TrafficFeature(
                ds,
                stations,
                clock,
                config.sightingGap(),
                config.notices(),
                config.dataDir(),
                config.zoneStayRetention(),
                metrics));
    }

    /** Notices, zones and the monthly rules. */
    TrafficFeature traffic() {
        return traffic;
    }

    @Override
    public Consumer<Router> routes(Vertx vertx) {
        return traffic.routes(Blocking.shared(
                vertx, HttpApiVerticle.WORKER_POOL, HttpApiVerticle.WORKER_THREADS, HttpApiVerticle.MAX_PENDING));
    }

    @Override
    public void schedule(PeriodicJobs jobs) {
        // its own thread: a slow notice gateway (10 s per attempt) must not delay the cluster tick
        jobs.everyOnOwnThread("notices", 1, 1, TimeUnit.SECONDS, traffic::tick);
        // zone stays past their retention, on every member (idempotent), in batches that may take a while
        jobs.everyOnOwnThread("zone-stay-retention", 10, 60, TimeUnit.MINUTES, traffic::purgeZoneStays);
    }

    @Override
    public void close() {
        traffic.close();
    }
}
