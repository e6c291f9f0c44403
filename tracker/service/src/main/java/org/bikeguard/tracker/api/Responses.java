package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers. Stateless. */
final class Responses {

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        send(ctx, status, "application/json", body.encode());
    }

    static void json(RoutingContext ctx, int status, JsonArray body) {
        send(ctx, status, "application/json", body.encode());
    }

    static void send(RoutingContext ctx, int status, String contentType, String body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }
}
