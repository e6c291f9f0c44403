package org.bikeguard.tracker.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's HTTP API (see {@code /api/v1/openapi.yaml}). Deploy one or more instances; they
 * share the port. {@link #start()} completes once the server listens.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final ApiContext api;
    private volatile HttpServer server;

    public HttpApiVerticle(ApiContext api) {
        this.api = api;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        api.routeContributors().forEach(c -> c.accept(router));
        return vertx.createHttpServer().requestHandler(router)
                .listen(api.config().httpPort(), api.config().bindHost())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API listening [host: {}, port: {}]", api.config().bindHost(), s.actualPort());
                });
    }

    /** The port actually bound (useful with port 0), or -1 before start. */
    public int actualPort() {
        HttpServer s = server;
        return s == null ? -1 : s.actualPort();
    }
}
