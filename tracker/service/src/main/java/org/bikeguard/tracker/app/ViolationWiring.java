package org.bikeguard.tracker.app;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.http.HttpApiVerticle;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.violation.Violations;

/**
 * The traffic violations as {@link TrackerApp} wires them: {@link Violations} started on this
 * member (its ingest hook and the controllers' phase topics are taken by the app's frame intake),
 * its routes on the police pool ({@value HttpApiVerticle#POLICE_POOL}). No periodic jobs of the
 * app's. Thread-safe (the subsystem is).
 */
final class ViolationWiring implements Feature {

    private final Violations violations;

    private ViolationWiring(Violations violations) {
        this.violations = violations;
    }

    /**
     * Starts the violations subsystem. Blocking.
     *
     * @param clock the tracker's clock (violation times, UTC)
     */
    static ViolationWiring start(
            HazelcastInstance hz,
            DataSource ds,
            StationRegistry stations,
            MeterRegistry metrics,
            Clock clock,
            TrackerConfig.ViolationSettings settings) {
        return new ViolationWiring(Violations.start(hz, ds, stations, metrics, clock, settings));
    }

    /** The violations subsystem (intersections, phases, detection). */
    Violations violations() {
        return violations;
    }

    @Override
    public Consumer<Router> routes(Vertx vertx) {
        return violations.routes(
                vertx, HttpApiVerticle.POLICE_POOL, HttpApiVerticle.POLICE_THREADS, HttpApiVerticle.POLICE_MAX_PENDING);
    }

    @Override
    public void close() {
        violations.close();
    }
}
