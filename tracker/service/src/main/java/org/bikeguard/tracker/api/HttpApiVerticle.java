package org.bikeguard.tracker.api;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.PasswordHasher;
import org.bikeguard.tracker.auth.ServerKeys;
import org.bikeguard.tracker.auth.TokenService;
import org.bikeguard.tracker.auth.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's HTTP API (described in {@code /api/v1/openapi.yaml}). Deploy one or more
 * instances with the same {@link ApiContext}; Vert.x shares the port between them. {@link #start()}
 * loads the token key and creates the bootstrap {@code admin} if missing (on a worker), builds
 * the router and completes once the server listens.
 *
 * <p>Blocking work (JDBC, PBKDF2) runs on the shared worker pool {@value #WORKER_POOL}
 * ({@value #WORKER_THREADS} threads, at most {@value #MAX_PENDING} tasks pending per instance).
 * Request bodies are limited to {@value #BODY_LIMIT_BYTES} bytes (413 beyond).
 * Metrics: {@code bikeguard_api_requests_total{method,status}}.
 */
public final class HttpApiVerticle extends VerticleBase {

    /** Name of the shared worker pool for blocking API work. */
    public static final String WORKER_POOL = "bikeguard-db";
    /** Threads of {@link #WORKER_POOL}. */
    public static final int WORKER_THREADS = 8;
    /** Blocking tasks allowed queued or running per verticle instance before 503. */
    public static final int MAX_PENDING = 256;
    /** Largest accepted request body. */
    public static final long BODY_LIMIT_BYTES = 10L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final ApiContext api;
    private Blocking blocking;
    private volatile HttpServer server;

    /** @param api the shared context (the same instance may serve several verticle instances) */
    public HttpApiVerticle(ApiContext api) {
        this.api = api;
    }

    @Override
    public Future<?> start() {
        blocking = new Blocking(vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_THREADS), MAX_PENDING,
                api.metrics(), Integer.toHexString(System.identityHashCode(this)));
        SystemRoutes.standardChecks(api.health(), blocking, api.db().dataSource(), api.hazelcast());
        return blocking.run(this::initAuth)
                .compose(auth -> vertx.createHttpServer()
                        .requestHandler(router(auth))
                        .listen(api.config().httpPort(), api.config().bindHost()))
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API listening [host: {}, port: {}]", api.config().bindHost(), s.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        return blocking == null ? Future.succeededFuture() : blocking.close();
    }

    /** The port actually bound (useful with port 0), or -1 before the server listens. */
    public int actualPort() {
        HttpServer s = server;
        return s == null ? -1 : s.actualPort();
    }

    private record Auth(Users users, TokenService tokens) {
    }

    /** Blocking: keys from the database, PBKDF2 for a new admin. */
    private Auth initAuth() {
        var ds = api.db().dataSource();
        Users users = new Users(ds, new PasswordHasher());
        users.bootstrapAdmin(api.config().adminPassword());
        TokenService tokens = new TokenService(ServerKeys.getOrCreate(ds, ServerKeys.TOKEN_SIGNING), api.clock());
        return new Auth(users, tokens);
    }

    private Router router(Auth auth) {
        Router r = Router.router(vertx);
        r.route().handler(this::countRequest);
        new SystemRoutes(api).mount(r);
        r.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        AuthRoutes authRoutes = new AuthRoutes(blocking, auth.users(), auth.tokens());
        authRoutes.mountPublic(r);
        new PublicRegistryRoutes(blocking, api).mount(r);
        new org.bikeguard.tracker.alert.AlertRoutes(vertx, api, auth.tokens()).mount(r);
        r.route("/api/v1/*").handler(BearerAuth.handler(auth.tokens()));
        authRoutes.mountProtected(r);
        new StationRoutes(blocking, api.stations()).mount(r);
        new TagRoutes(vertx, blocking, api).mount(r);
        new org.bikeguard.tracker.police.PoliceRoutes(vertx, api).mount(r);
        new org.bikeguard.tracker.police.ConsoleRoutes(vertx, api).mount(r);
        new MeRoutes().mount(r);
        new OwnerRoutes(blocking, api).mount(r);
        new BikeRoutes(blocking, api).mount(r);
        new BikeTrackRoutes(vertx, blocking, api).mount(r);
        new TheftRoutes(vertx, blocking, api).mount(r);
        new SelfServiceRoutes(blocking, api).mount(r);
        new InstallationRoutes(blocking, api).mount(r);
        api.routeContributors().forEach(c -> c.accept(r));
        r.route().failureHandler(ApiErrors::handle);
        r.errorHandler(404, ctx -> ApiErrors.respond(ctx, new ApiException.NotFoundException(
                "no route for " + ctx.request().method() + " " + ctx.request().path(), null)));
        r.errorHandler(405, ctx -> ApiErrors.respond(ctx, ApiErrors.fromStatus(405)));
        r.errorHandler(500, ApiErrors::handle);
        return r;
    }

    private void countRequest(RoutingContext ctx) {
        ctx.addEndHandler(ignored -> Counter.builder("bikeguard.api.requests")
                .description("HTTP API requests answered")
                .tag("method", ctx.request().method().name())
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(api.metrics())
                .increment());
        ctx.next();
    }
}
