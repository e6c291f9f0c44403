package org.bikeguard.tracker.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Routers;
import org.bikeguard.tracker.alert.AlertRoutes;
import org.bikeguard.tracker.auth.AuthRoutes;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.police.ConsoleRoutes;
import org.bikeguard.tracker.police.PoliceRoutes;
import org.bikeguard.tracker.registry.BikeRoutes;
import org.bikeguard.tracker.registry.InstallationRoutes;
import org.bikeguard.tracker.registry.OwnerRoutes;
import org.bikeguard.tracker.registry.PublicRegistryRoutes;
import org.bikeguard.tracker.registry.SelfServiceRoutes;
import org.bikeguard.tracker.sightings.BikeSightings;
import org.bikeguard.tracker.sightings.BikeTrackRoutes;
import org.bikeguard.tracker.sightings.TagRoutes;
import org.bikeguard.tracker.station.StationRoutes;
import org.bikeguard.tracker.theft.TheftRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's HTTP API (described in {@code /api/v1/openapi.yaml}): assembles the features'
 * routes into one router with the error contract of {@link ApiErrors}. Deploy one or more
 * instances with the same {@link ApiServices}; Vert.x shares the port between them.
 * {@link #start()} builds the router and completes once the server listens.
 *
 * <p>Blocking work (JDBC, PBKDF2) runs on the shared worker pool {@value #WORKER_POOL}
 * ({@value #WORKER_THREADS} threads, at most {@value #MAX_PENDING} tasks pending per instance);
 * the alarm and police routes use {@value #POLICE_POOL} ({@value #POLICE_THREADS} threads, at
 * most {@value #POLICE_MAX_PENDING} pending for each of the two per instance). Request bodies are
 * limited to {@value #BODY_LIMIT_BYTES} bytes (413 beyond). Metrics:
 * {@code bikeguard_api_requests_total{method,status}}, {@code bikeguard_api_blocking_pending{instance}},
 * {@code bikeguard_api_blocking_rejected_total}.
 */
public final class HttpApiVerticle extends VerticleBase {

    /** Name of the shared worker pool for blocking API work. */
    public static final String WORKER_POOL = "bikeguard-db";
    /** Threads of {@link #WORKER_POOL}. */
    public static final int WORKER_THREADS = 8;
    /** Blocking tasks allowed queued or running per verticle instance before 503. */
    public static final int MAX_PENDING = 256;
    /** Worker pool of the alarm and police routes. */
    public static final String POLICE_POOL = "bikeguard-police-db";
    /** Threads of {@link #POLICE_POOL}. */
    public static final int POLICE_THREADS = 4;
    /** Tasks of the alarm routes, and of the police routes, allowed pending per verticle instance. */
    public static final int POLICE_MAX_PENDING = 128;
    /** Largest accepted request body. */
    public static final long BODY_LIMIT_BYTES = 10L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final ApiServices s;
    private final HttpServerOptions serverOptions;
    private Blocking blocking;
    private Blocking alertWork;
    private Blocking policeWork;
    private volatile HttpServer server;

    /** @param services the shared services (the same instance may serve several verticle instances) */
    public HttpApiVerticle(ApiServices services) {
        this(services, new HttpServerOptions());
    }

    /**
     * @param services      the shared services (the same instance may serve several verticle instances)
     * @param serverOptions the server's options (HTTPS from {@code tracker.tls.ServerTls}); copied
     */
    public HttpApiVerticle(ApiServices services, HttpServerOptions serverOptions) {
        this.s = services;
        this.serverOptions = new HttpServerOptions(serverOptions);
    }

    @Override
    public Future<?> start() {
        Counter rejected = Counter.builder("bikeguard.api.blocking.rejected")
                .description("Blocking API tasks rejected because the worker queue was full")
                .register(s.metrics);
        blocking = new Blocking(
                WORKER_POOL,
                vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_THREADS),
                MAX_PENDING,
                rejected::increment);
        Gauge.builder("bikeguard.api.blocking.pending", blocking, Blocking::pending)
                .description("Blocking API tasks queued or running")
                .tag("instance", Integer.toHexString(System.identityHashCode(this)))
                .register(s.metrics);
        alertWork = Blocking.shared(vertx, POLICE_POOL, POLICE_THREADS, POLICE_MAX_PENDING);
        policeWork = Blocking.shared(vertx, POLICE_POOL, POLICE_THREADS, POLICE_MAX_PENDING);
        SystemRoutes.standardChecks(s.health, blocking, s.ds, s.hz);
        return vertx.createHttpServer(new HttpServerOptions(serverOptions))
                .requestHandler(router())
                .listen(s.httpPort, s.bindHost)
                .onSuccess(srv -> {
                    server = srv;
                    LOG.info("HTTP API listening [host: {}, port: {}]", s.bindHost, srv.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        if (blocking == null) {
            return Future.succeededFuture();
        }
        return Future.join(blocking.close(), alertWork.close(), policeWork.close());
    }

    /** The port actually bound (useful with port 0), or -1 before the server listens. */
    public int actualPort() {
        HttpServer srv = server;
        return srv == null ? -1 : srv.actualPort();
    }

    private Router router() {
        Router r = Router.router(vertx);
        r.route().handler(this::countRequest);
        new SystemRoutes(s.metrics, s.health).mount(r);
        r.route().handler(Routers.bodyHandler(BODY_LIMIT_BYTES));
        AuthRoutes auth = new AuthRoutes(blocking, s.users, s.tokens);
        auth.mountPublic(r);
        new PublicRegistryRoutes(blocking, s.bikes).mount(r);
        new AlertRoutes(vertx, alertWork, s.alerts, s.audit, s.tokens).mount(r);
        r.route("/api/v1/*").handler(BearerAuth.handler(s.tokens));
        auth.mountProtected(r);
        new StationRoutes(blocking, s.stations).mount(r);
        BikeSightings sightings = new BikeSightings(vertx, blocking, s.ds, s.engine, s.stations);
        new TagRoutes(blocking, s.ds, sightings, s.audit, s.caseRule).mount(r);
        new PoliceRoutes(vertx, policeWork, s.ds, s.stations, s.engine, s.alerts, s.audit, s.caseRule, s.sightingGap)
                .mount(r);
        new ConsoleRoutes(vertx, s.dataDir).mount(r);
        new OwnerRoutes(blocking, s.owners, s.bikes, s.audit, s.stations, s.clock).mount(r);
        new BikeRoutes(blocking, s.owners, s.bikes, s.changes, s.audit, s.caseFollowsBike).mount(r);
        new BikeTrackRoutes(blocking, s.bikes, sightings, s.audit, s.caseRule).mount(r);
        new TheftRoutes(blocking, s.thefts, s.caseEvents, s.owners, s.bikes, s.audit, sightings, s.clock).mount(r);
        new SelfServiceRoutes(blocking, s.owners, s.bikes, s.changes, s.requests, s.appointments, s.clock).mount(r);
        new InstallationRoutes(blocking, s.appointments, s.requests, s.stations).mount(r);
        s.routeContributors.forEach(c -> c.accept(r));
        Routers.endWithErrors(r, ApiErrors.handler());
        return r;
    }

    private void countRequest(RoutingContext ctx) {
        ctx.addEndHandler(ignored -> Counter.builder("bikeguard.api.requests")
                .description("HTTP API requests answered")
                .tag("method", ctx.request().method().name())
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(s.metrics)
                .increment());
        ctx.next();
    }
}
