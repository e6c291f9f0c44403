package org.bikeguard.tracker.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Routers;
import org.bikeguard.tracker.alert.AlertRoutes;
import org.bikeguard.tracker.analysis.AnalysisRoutes;
import org.bikeguard.tracker.audit.AuditRoutes;
import org.bikeguard.tracker.auth.AuthRoutes;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.UserRoutes;
import org.bikeguard.tracker.casework.CaseRoutes;
import org.bikeguard.tracker.certificate.CertificateRoutes;
import org.bikeguard.tracker.found.FoundRoutes;
import org.bikeguard.tracker.owner.OwnerLoginRoutes;
import org.bikeguard.tracker.owner.OwnerPages;
import org.bikeguard.tracker.owner.OwnerPortalRoutes;
import org.bikeguard.tracker.pages.InstallerPages;
import org.bikeguard.tracker.pages.PublicPages;
import org.bikeguard.tracker.police.ConsoleRoutes;
import org.bikeguard.tracker.police.PoliceRoutes;
import org.bikeguard.tracker.registry.BikeRoutes;
import org.bikeguard.tracker.registry.InstallationRoutes;
import org.bikeguard.tracker.registry.OwnerRoutes;
import org.bikeguard.tracker.registry.PublicRegistryRoutes;
import org.bikeguard.tracker.registry.SelfServiceRoutes;
import org.bikeguard.tracker.search.SearchRoutes;
import org.bikeguard.tracker.sightings.BikeSightings;
import org.bikeguard.tracker.sightings.BikeTrackRoutes;
import org.bikeguard.tracker.sightings.TagRoutes;
import org.bikeguard.tracker.station.StationRoutes;
import org.bikeguard.tracker.theft.TheftRoutes;
import org.bikeguard.tracker.traffic.NamingRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's HTTP API (described in {@code /api/v1/openapi.yaml}): assembles the features'
 * routes into one router with the error contract of {@link ApiErrors}. Deploy one or more
 * instances with the same {@link ApiServices}; Vert.x shares the port between them.
 * {@link #start()} builds the router and completes once the server listens.
 *
 * <p>Order of the router: request metric; security headers on every answer
 * ({@link SecurityHeaders}); the body gate ({@link BodyGate}: API bodies stay unread until a
 * route reads them); health, metrics and the OpenAPI document; the public routes, each reading at
 * most {@value #PUBLIC_BODY_LIMIT_BYTES} bytes of body (the login); the alarm WebSocket (it
 * authenticates itself); then the bearer-token check of {@code /api/v1/*}, and only after it the
 * body handler of {@value #BODY_LIMIT_BYTES} bytes (413 beyond) and the protected routes. So an
 * unauthenticated request is answered 401 without its body being read.
 *
 * <p>Blocking work runs on bounded pools: JDBC on {@value #WORKER_POOL} ({@value #WORKER_THREADS}
 * threads, at most {@value #MAX_PENDING} tasks pending per instance); password hashing (PBKDF2:
 * logins, password changes, new users) on {@value #PASSWORD_POOL} ({@link #PASSWORD_THREADS}
 * threads, at most {@value #PASSWORD_MAX_PENDING} pending, 503 beyond), so that a login flood
 * cannot take the threads of anything else; token-record reads on {@value #AUTH_POOL}
 * ({@value #AUTH_THREADS} threads); printed certificates (JasperReports) on {@value #RENDER_POOL}
 * ({@value #RENDER_THREADS} threads, at most {@value #RENDER_MAX_PENDING} pending); the alarm and police routes on {@value #POLICE_POOL}
 * ({@value #POLICE_THREADS} threads, at most {@value #POLICE_MAX_PENDING} pending for each of the
 * two per instance). Idle HTTP connections close after {@code BIKEGUARD_HTTP_IDLE_TIMEOUT_S}.
 * Metrics: {@code bikeguard_api_requests_total{method,status}},
 * {@code bikeguard_api_blocking_pending{instance}}, {@code bikeguard_api_blocking_rejected_total},
 * {@code bikeguard_auth_password_rejected_total}, {@code bikeguard_auth_logins_total{outcome}}.
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
    /** Largest accepted request body (authenticated requests). */
    public static final long BODY_LIMIT_BYTES = 10L * 1024 * 1024;
    /** Largest body a public route (the login) reads before any authentication. */
    public static final long PUBLIC_BODY_LIMIT_BYTES = 16 * 1024;
    /** Worker pool of password hashing. */
    public static final String PASSWORD_POOL = "bikeguard-password";
    /** Threads of {@link #PASSWORD_POOL}: half the cores, within 2..8. */
    public static final int PASSWORD_THREADS =
            Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));
    /** Password tasks allowed queued or running per verticle instance before 503. */
    public static final int PASSWORD_MAX_PENDING = 32;
    /** Worker pool of token-record reads (cache misses of the token check). */
    public static final String AUTH_POOL = "bikeguard-auth";
    /** Threads of {@link #AUTH_POOL}. */
    public static final int AUTH_THREADS = 2;
    /** Worker pool of PDF rendering (printed certificates). */
    public static final String RENDER_POOL = "bikeguard-render";
    /** Threads of {@link #RENDER_POOL}. */
    public static final int RENDER_THREADS = 2;
    /** Renderings allowed queued or running per verticle instance before 503. */
    public static final int RENDER_MAX_PENDING = 16;
    /** Largest WebSocket message accepted (the alarm socket's first message carries a token). */
    static final int MAX_WEBSOCKET_MESSAGE = 64 * 1024;
    /** How often expired token records and forgotten login failures are purged. */
    static final long PURGE_PERIOD_MS = TimeUnit.MINUTES.toMillis(10);

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final ApiServices s;
    private final boolean tls;
    private final HttpServerOptions serverOptions;
    private Blocking blocking;
    private Blocking alertWork;
    private Blocking policeWork;
    private Blocking passwordWork;
    private Blocking authWork;
    private Blocking renderWork;
    private volatile HttpServer server;
    private volatile HttpServer metricsServer;

    /** @param services the shared services (the same instance may serve several verticle instances) */
    public HttpApiVerticle(ApiServices services) {
        this(services, new HttpServerOptions());
    }

    /**
     * @param services      the shared services (the same instance may serve several verticle instances)
     * @param serverOptions the server's options (HTTPS from {@code tracker.tls.ServerTls}); copied. With
     *                      TLS on, answers carry {@code Strict-Transport-Security}
     */
    public HttpApiVerticle(ApiServices services, HttpServerOptions serverOptions) {
        this.s = services;
        this.serverOptions = new HttpServerOptions(serverOptions);
        this.tls = serverOptions.isSsl();
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
        Counter passwordRejected = Counter.builder("bikeguard.auth.password.rejected")
                .description("Password-hashing tasks (logins, password changes) refused because the pool was full")
                .register(s.metrics);
        passwordWork = new Blocking(
                PASSWORD_POOL,
                vertx.createSharedWorkerExecutor(PASSWORD_POOL, PASSWORD_THREADS),
                PASSWORD_MAX_PENDING,
                passwordRejected::increment);
        authWork = Blocking.shared(vertx, AUTH_POOL, AUTH_THREADS, MAX_PENDING);
        renderWork = Blocking.shared(vertx, RENDER_POOL, RENDER_THREADS, RENDER_MAX_PENDING);
        SystemRoutes.standardChecks(s.health, blocking, s.ds, s.hz);
        vertx.setPeriodic(PURGE_PERIOD_MS, id -> authWork.run(() -> {
                    s.issuedTokens.purge(s.clock.instant());
                    s.smsChallenges.purge();
                    return s.loginAttempts.purge(s.clock.instant());
                })
                .onFailure(e -> LOG.warn("purging token and login records failed [error: {}]", e.toString())));
        HttpServerOptions options = new HttpServerOptions(serverOptions);
        return vertx.createHttpServer(limits(options))
                .requestHandler(router())
                .listen(s.httpPort, s.bindHost)
                .onSuccess(srv -> {
                    server = srv;
                    LOG.info("HTTP API listening [host: {}, port: {}]", s.bindHost, srv.actualPort());
                })
                .compose(srv -> metricsListener());
    }

    /**
     * The limits every listener gets: idle timeout, WebSocket message size, and no HTTP/2 upgrade on
     * plaintext ({@code Upgrade: h2c}): the answer to an upgrading request now and then stalled until
     * the idle timeout closed the connection (HttpHardeningIT); browsers never ask for h2c, and such
     * a client is simply answered over HTTP/1.1.
     */
    private HttpServerOptions limits(HttpServerOptions o) {
        return o.setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) s.exposure.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_MESSAGE)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_MESSAGE);
    }

    /** The separate {@code /metrics} listener when {@code BIKEGUARD_METRICS_BIND} is set. */
    private Future<?> metricsListener() {
        if (s.exposure.metricsBind().isEmpty()) {
            return Future.succeededFuture();
        }
        var bind = s.exposure.metricsBind().get();
        Router r = Router.router(vertx);
        r.route().handler(new SecurityHeaders(false));
        new SystemRoutes(s.metrics, s.health, s.exposure).mountMetricsListener(r);
        Routers.endWithErrors(r, ApiErrors.handler());
        return vertx.createHttpServer(limits(new HttpServerOptions()))
                .requestHandler(r)
                .listen(bind.port(), bind.host())
                .onSuccess(srv -> {
                    metricsServer = srv;
                    LOG.info("metrics listening [host: {}, port: {}]", bind.host(), srv.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        if (blocking == null) {
            return Future.succeededFuture();
        }
        return Future.join(
                blocking.close(),
                alertWork.close(),
                policeWork.close(),
                passwordWork.close(),
                authWork.close(),
                renderWork.close());
    }

    /** The port actually bound (useful with port 0), or -1 before the server listens. */
    public int actualPort() {
        HttpServer srv = server;
        return srv == null ? -1 : srv.actualPort();
    }

    /** The port of the separate metrics listener, or -1 when there is none. */
    public int metricsPort() {
        HttpServer srv = metricsServer;
        return srv == null ? -1 : srv.actualPort();
    }

    private Router router() {
        Router r = Router.router(vertx);
        r.route().handler(this::countRequest);
        r.route().handler(new SecurityHeaders(tls));
        r.route("/api/v1/*").handler(new BodyGate());
        new SystemRoutes(s.metrics, s.health, s.exposure).mount(r);
        AuthRoutes.Parts parts = new AuthRoutes.Parts(
                s.users,
                s.logins,
                s.loginAttempts,
                s.addresses,
                s.issuedTokens,
                s.tokenChecks,
                s.audit,
                s.clock,
                s.metrics);
        AuthRoutes auth = new AuthRoutes(parts, passwordWork, blocking);
        auth.mountPublic(r, Routers.bodyHandler(PUBLIC_BODY_LIMIT_BYTES));
        new PublicRegistryRoutes(blocking, s.bikes, s.owners, s.lookupLimits).mount(r);
        FoundRoutes found = new FoundRoutes(blocking, s.bikes, s.foundReports, s.lookupLimits, s.audit);
        found.mountPublic(r, Routers.bodyHandler(PUBLIC_BODY_LIMIT_BYTES));
        new PublicPages().mount(r);
        new InstallerPages().mount(r);
        new OwnerLoginRoutes(s.logins, s.addresses, s.smsChallenges, s.sms, s.owners, passwordWork, s.clock)
                .mountPublic(r, Routers.bodyHandler(PUBLIC_BODY_LIMIT_BYTES));
        OwnerPages.mount(r);
        new NamingRoutes(blocking, s.ds, s.clock).mount(r);
        new org.bikeguard.tracker.traffic.ConsoleRoutes().mount(r);
        AlertRoutes alertRoutes =
                new AlertRoutes(vertx, alertWork, s.alerts, s.audit, s.tokenChecks, authWork, s.clock);
        alertRoutes.mountStream(r);
        r.route("/api/v1/*").handler(BearerAuth.handler(s.tokenChecks, authWork));
        r.route("/api/v1/*").handler(Routers.bodyHandler(BODY_LIMIT_BYTES));
        new AuditRoutes(blocking, s.ds, s.audit, s.tokenChecks).mount(r);
        auth.mountProtected(r);
        new UserRoutes(parts, passwordWork, blocking).mount(r);
        alertRoutes.mount(r);
        new StationRoutes(blocking, s.stations).mount(r);
        BikeSightings sightings = new BikeSightings(vertx, blocking, s.ds, s.engine, s.stations);
        new TagRoutes(blocking, s.ds, sightings, s.audit, s.caseRule).mount(r);
        new PoliceRoutes(vertx, policeWork, s.ds, s.stations, s.engine, s.alerts, s.audit, s.caseRule, s.sightingGap)
                .mount(r);
        new AnalysisRoutes(
                        policeWork,
                        s.ds,
                        s.stations,
                        s.alerts.watchList(),
                        s.audit,
                        s.caseRule,
                        org.bikeguard.tracker.alert.PatternRules.SHANGHAI,
                        s.engine)
                .mount(r);
        new ConsoleRoutes(vertx, s.dataDir).mount(r);
        new OwnerRoutes(blocking, s.owners, s.bikes, s.audit, s.stations, s.clock).mount(r);
        new BikeRoutes(blocking, s.owners, s.bikes, s.changes, s.audit, s.caseFollowsBike).mount(r);
        new BikeTrackRoutes(blocking, s.bikes, sightings, s.audit, s.caseRule).mount(r);
        new TheftRoutes(blocking, s.thefts, s.caseEvents, s.owners, s.bikes, s.audit, sightings, s.clock).mount(r);
        new org.bikeguard.tracker.theft.TheftHeatmapRoutes(blocking, s.ds, s.clock).mount(r);
        new CaseRoutes(blocking, s.ds, s.thefts, s.bikes, s.stations, s.audit, s.clock).mount(r);
        new SearchRoutes(vertx, policeWork, s.ds, s.engine, s.stations, s.audit).mount(r);
        new SelfServiceRoutes(
                        blocking, s.owners, s.bikes, s.changes, s.requests, s.appointments, s.lookupLimits, s.clock)
                .mount(r);
        new InstallationRoutes(blocking, s.appointments, s.requests, s.stations).mount(r);
        new OwnerPortalRoutes(
                        blocking,
                        s.ds,
                        s.owners,
                        s.bikes,
                        s.appointments,
                        s.transferOffers,
                        s.paymentOrders,
                        s.lookupLimits,
                        s.exposure.publicUrl(),
                        s.clock)
                .mount(r);
        found.mount(r);
        new CertificateRoutes(
                        blocking,
                        renderWork,
                        s.bikes,
                        s.owners,
                        s.appointments,
                        s.audit,
                        s.exposure.publicUrl(),
                        s.clock)
                .mount(r);
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
