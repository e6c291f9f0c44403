package org.bikeguard.tracker.api;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.bikeguard.tracker.alert.Alerts;
import org.bikeguard.tracker.alert.WatchList;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * Everything {@link HttpApiVerticle} needs, built once by the application. Immutable; the
 * components it holds are thread-safe.
 *
 * @param config             the tracker configuration (HTTP port, bind host, admin password)
 * @param db                 the database (blocking JDBC, used on the {@code bikeguard-db} workers)
 * @param hazelcast          the Hazelcast member (for the {@code hazelcast} health check)
 * @param stations           the station registry
 * @param engine             the sighting engine (open and not yet persisted sightings)
 * @param metrics            the Prometheus registry served at {@code /metrics}
 * @param health             health checks served at {@code /health}; the verticle adds {@code db}
 *                           and {@code hazelcast} when absent
 * @param clock              the tracker's clock (UTC): token issue and expiry, "today" of the registry
 *                           (Asia/Shanghai dates), theft case times, and the default end of query
 *                           windows
 * @param routeContributors  called once per verticle instance with the router, after the standard
 *                           routes and the bearer-token authentication of {@code /api/v1/*} are
 *                           installed and before the 404 fallback: other modules mount their routes
 *                           here to share the port. An authenticated request carries a Vert.x
 *                           {@code User} whose principal is {@code {"username","role"}}. For
 *                           verticles deployed by name that publish a router in a local map,
 *                           use {@link PublishedRouters#mountAll}. Contributors are called once
 *                           per verticle instance, so they must be able to run several times.
 * @param alerts             the live-alarm subsystem (watch list, alarm hub); see {@link #watchList()}
 */
public record ApiContext(TrackerConfig config, Database db, HazelcastInstance hazelcast,
                         StationRegistry stations, SightingEngine engine,
                         PrometheusMeterRegistry metrics, HealthChecks health, Clock clock,
                         List<Consumer<Router>> routeContributors, Alerts alerts) {

    public ApiContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(hazelcast, "hazelcast");
        Objects.requireNonNull(stations, "stations");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(clock, "clock");
        routeContributors = List.copyOf(routeContributors);
        Objects.requireNonNull(alerts, "alerts");
    }

    /**
     * A context whose live-alarm subsystem is started here on {@code db} and {@code hazelcast}
     * (blocking; for tests and tools that build the API alone).
     */
    public ApiContext(TrackerConfig config, Database db, HazelcastInstance hazelcast,
                      StationRegistry stations, SightingEngine engine,
                      PrometheusMeterRegistry metrics, HealthChecks health, Clock clock,
                      List<Consumer<Router>> routeContributors) {
        this(config, db, hazelcast, stations, engine, metrics, health, clock, routeContributors,
                Alerts.start(hazelcast, db.dataSource(), stations, metrics, clock, config.sightingGap()));
    }

    /** The cluster-wide watch list (tags whose sightings raise {@code stolen} alarms). */
    public WatchList watchList() {
        return alerts.watchList();
    }

    /** A context with fresh health checks, the given clock and no route contributors. */
    public static ApiContext of(TrackerConfig config, Database db, HazelcastInstance hazelcast,
                                StationRegistry stations, SightingEngine engine,
                                PrometheusMeterRegistry metrics, Alerts alerts, Clock clock) {
        return new ApiContext(config, db, hazelcast, stations, engine, metrics, new HealthChecks(),
                clock, List.of(), alerts);
    }

    /** A copy with one more route contributor. */
    public ApiContext withRoutes(Consumer<Router> contributor) {
        List<Consumer<Router>> all = new java.util.ArrayList<>(routeContributors);
        all.add(contributor);
        return new ApiContext(config, db, hazelcast, stations, engine, metrics, health, clock, all, alerts);
    }
}
