package org.bikeguard.tracker.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps request bodies unread until a route decides to read them: pauses every API request that
 * carries a body, so that nothing of it is buffered while the token is checked (the body handler
 * after authentication, or a public route's small one, resumes it). An answer given while the body
 * is still unread (401, 403, 404, 413...) says {@code Connection: close} and closes the HTTP/1.x
 * connection once written, since the rest of the body was never read (after discarding what the
 * client still sends for at most {@value #LINGER_MS} ms, so that it reads the answer). Requests without a body are left alone (keep-alive works). Stateless;
 * thread-safe.
 */
final class BodyGate implements Handler<RoutingContext> {

    /** Longest time the rest of an unread body is discarded before the connection closes, ms. */
    static final long LINGER_MS = 2_000;

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
            // waiting for the unread body: close it once the answer is written (after a short linger,
            // so that a client still sending reads the answer rather than a reset)
            ctx.addEndHandler(ar -> {
                if (!req.isEnded() && req.version() != HttpVersion.HTTP_2) {
                    lingerThenClose(ctx.vertx(), req);
                }
            });
        }
        ctx.next();
    }

    /**
     * Discards (never buffers) what the client still sends of the body for at most
     * {@value #LINGER_MS} ms, then closes the connection; closes at once when the body ends sooner.
     */
    private static void lingerThenClose(Vertx vertx, HttpServerRequest req) {
        HttpConnection conn = req.connection();
        long timer = vertx.setTimer(LINGER_MS, t -> conn.close());
        try {
            req.handler(ignored -> {});
            req.endHandler(v -> {
                vertx.cancelTimer(timer);
                conn.close();
            });
            req.resume();
        } catch (IllegalStateException alreadyRead) {
            vertx.cancelTimer(timer);
            conn.close();
        }
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
