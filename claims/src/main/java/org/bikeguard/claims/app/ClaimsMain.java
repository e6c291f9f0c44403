package org.bikeguard.claims.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.function.Supplier;
import org.bikeguard.claims.ClaimsConfig;
import org.bikeguard.claims.ClaimsVerticle;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.Routers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the claims module on its own: deploys {@link ClaimsVerticle}, then an HTTP server on
 * {@code BIKEGUARD_CLAIMS_HTTP_PORT} (default 8081) that authenticates {@code /api/v1/*} bearer
 * tokens with the tracker and mounts the claims router. Exits non-zero when the start fails.
 */
public final class ClaimsMain {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsMain.class);

    private ClaimsMain() {}

    public static void main(String[] args) {
        ClaimsConfig config;
        try {
            config = ClaimsConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            LOG.error("invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        start(vertx, config)
                .onSuccess(server -> LOG.info("claims listening [port: {}]", server.actualPort()))
                .onFailure(e -> {
                    LOG.error("claims failed to start", e);
                    vertx.close().onComplete(v -> System.exit(1));
                });
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() ->
                        vertx.close().toCompletionStage().toCompletableFuture().join()));
    }

    /** Deploys the verticle and starts the HTTP server; completes with the listening server. */
    public static Future<HttpServer> start(Vertx vertx, ClaimsConfig config) {
        TrackerTokenAuth auth = new TrackerTokenAuth(vertx, config.trackerUrl(), Clock.systemUTC());
        return vertx.deployVerticle(new ClaimsVerticle(config, null, Clock.systemUTC()))
                .compose(id -> {
                    Router root = Router.router(vertx);
                    root.post("/api/v1/auth/token")
                            .handler(Routers.bodyHandler(16 * 1024))
                            .handler(auth::proxyLogin);
                    root.route("/api/v1/*")
                            .handler(auth.handler())
                            .failureHandler(ApiErrors.handler(Responses.JSON_UTF8));
                    root.route("/*").subRouter(published(vertx));
                    return vertx.createHttpServer().requestHandler(root).listen(config.httpPort());
                });
    }

    @SuppressWarnings("unchecked")
    private static Router published(Vertx vertx) {
        Shareable s = (Shareable)
                vertx.sharedData().getLocalMap(ClaimsVerticle.ROUTERS_MAP).get(ClaimsVerticle.ROUTER_KEY);
        return ((Supplier<Router>) s).get();
    }
}
