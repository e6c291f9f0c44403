package org.bikeguard.common.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writing answers. Every method is a no-op when the answer has already ended or the connection
 * closed. Stateless; thread-safe.
 */
public final class Responses {

    /** JSON. */
    public static final String JSON = "application/json";
    /** JSON with an explicit charset (the claims module's answers). */
    public static final String JSON_UTF8 = "application/json; charset=utf-8";

    private Responses() {}

    /** Answers {@code body} as {@value #JSON}. */
    public static void json(RoutingContext ctx, int status, JsonObject body) {
        send(ctx, status, JSON, body.encode());
    }

    /** Answers {@code body} as {@value #JSON}. */
    public static void json(RoutingContext ctx, int status, JsonArray body) {
        send(ctx, status, JSON, body.encode());
    }

    /** Answers a text body of the given type. */
    public static void send(RoutingContext ctx, int status, String contentType, String body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .end(body);
    }

    /**
     * When {@code f} completes: answers its {@link JsonObject} or {@link JsonArray} result (any
     * other result as {@code {}}) with {@code status} and {@code contentType}, or fails the request
     * with its failure (answered by {@link ApiErrors}).
     */
    public static void reply(RoutingContext ctx, Future<?> f, int status, String contentType) {
        f.onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Object v = ar.result();
            String body = v instanceof JsonObject jo
                    ? jo.encode()
                    : v instanceof JsonArray ja ? ja.encode() : new JsonObject().encode();
            send(ctx, status, contentType, body);
        });
    }
}
