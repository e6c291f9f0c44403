package org.bikeguard.claims.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.bikeguard.claims.ClaimsConfig;
import org.bikeguard.claims.ClaimsVerticle;
import org.bikeguard.common.tls.PemReloader;
import org.bikeguard.common.tls.ReloadingKeyManager;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.Routers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the claims module on its own: deploys {@link ClaimsVerticle}, then an HTTP server on
 * {@code BIKEGUARD_CLAIMS_HTTP_PORT} (default 8081) that authenticates {@code /api/v1/*} bearer
 * tokens with the tracker and mounts the claims router. With {@code BIKEGUARD_TLS_CERT} and
 * {@code BIKEGUARD_TLS_KEY} the server speaks HTTPS only, and the files are checked every
 * {@value #TLS_RELOAD_S} s and reloaded when they change. Exits non-zero when the start fails.
 */
public final class ClaimsMain {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsMain.class);

    /** Seconds between two checks of the TLS files. */
    static final int TLS_RELOAD_S = 5;

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
        HttpServerOptions serverOptions;
        try {
            serverOptions = serverOptions(config.tls());
        } catch (IOException | GeneralSecurityException e) {
            return Future.failedFuture(new IllegalArgumentException(
                    "BIKEGUARD_TLS_CERT/BIKEGUARD_TLS_KEY unusable: " + e.getMessage(), e));
        }
        TrackerTokenAuth auth =
                new TrackerTokenAuth(vertx, config.trackerUrl(), config.tls().trackerCa(), Clock.systemUTC());
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
                    return vertx.createHttpServer(serverOptions)
                            .requestHandler(root)
                            .listen(config.httpPort());
                });
    }

    /**
     * Plain HTTP, or HTTPS with a certificate reloaded when its files change. Blocking (reads the files). No HTTP/2
     * upgrade on plaintext: as in the tracker, an answer to an {@code Upgrade: h2c} request could stall.
     */
    private static HttpServerOptions serverOptions(ClaimsConfig.Tls tls) throws IOException, GeneralSecurityException {
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        if (tls.cert() == null) {
            return options;
        }
        ReloadingKeyManager keys = ReloadingKeyManager.load(Path.of(tls.cert()), Path.of(tls.key()));
        new PemReloader(
                List.of(keys),
                Duration.ofSeconds(TLS_RELOAD_S),
                what -> {}); // daemon thread, lives as long as the process
        LOG.info("HTTPS on [{}]", ReloadingKeyManager.describe(keys.certificate()));
        return options.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(keys));
    }

    @SuppressWarnings("unchecked")
    private static Router published(Vertx vertx) {
        Shareable s = (Shareable)
                vertx.sharedData().getLocalMap(ClaimsVerticle.ROUTERS_MAP).get(ClaimsVerticle.ROUTER_KEY);
        return ((Supplier<Router>) s).get();
    }
}
