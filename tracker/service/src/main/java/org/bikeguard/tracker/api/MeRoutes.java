package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.bikeguard.tracker.auth.BearerAuth;

/**
 * {@code GET /api/v1/auth/me} (any valid token): who the token belongs to,
 * {@code {"username","role"}}. Co-deployed and standalone modules (claims) check tokens with it.
 * Non-blocking; thread-safe.
 */
final class MeRoutes {

    void mount(Router r) {
        r.get("/api/v1/auth/me").handler(ctx -> Responses.json(ctx, 200, new JsonObject()
                .put("username", BearerAuth.username(ctx)).put("role", BearerAuth.role(ctx).wire())));
    }
}
