package org.bikeguard.tracker.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps request bodies unread until a route decides to read them: pauses every API request that
 * carries a body, so that nothing of it is buffered while the token is checked (the body handler
 * after authentication, or a public route's small one, resumes it). An answer given while the body
 * is still unread (401, 403, 404, 413...) says {@code Connection: close} and closes the HTTP/1.x
 * connection once written, since the rest of the body was never read. Requests without a body are left alone (keep-alive works). Stateless;
 * thread-safe.
 */
final class BodyGate implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (mayHaveBody(req)) {
            req.pause();
            ctx.addHeadersEndHandler(v -> {
                if (!req.isEnded() && req.version() != HttpVersion.HTTP_2) {
                    ctx.response().putHeader("Connection", "close");
                }
            });
            // Vert.x keeps an HTTP/1.x connection open whatever the answer's Connection header says,
            // waiting for the unread body: close it once the answer is written
            ctx.addEndHandler(ar -> {
                if (!req.isEnded() && req.version() != HttpVersion.HTTP_2) {
                    req.connection().close();
                }
            });
        }
        ctx.next();
    }

    private static boolean mayHaveBody(HttpServerRequest req) {
        if (req.version() == HttpVersion.HTTP_2) {
            return !req.isEnded();
        }
        String length = req.getHeader("Content-Length");
        return req.getHeader("Transfer-Encoding") != null
                || (length != null && !length.trim().equals("0"));
    }
}
