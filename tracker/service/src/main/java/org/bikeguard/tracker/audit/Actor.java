package org.bikeguard.tracker.audit;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * Whom an audit row names for a request: the token's user, or, when the claims service asked on
 * a user's behalf ({@value #ON_BEHALF_HEADER}, checked by {@link AuditRoutes}), that user, with
 * the service's username in {@code via}. Immutable; thread-safe.
 *
 * @param username who the row names
 * @param role     their role (wire name)
 * @param via      the username of the service that asked for them, or null
 */
public record Actor(String username, String role, String via) {

    /**
     * Request header carrying the bearer token of the user a service acts for. Honoured only on
     * requests authenticated with an {@code admin} token (the claims service's); see docs/claims.md.
     */
    public static final String ON_BEHALF_HEADER = "X-Bikeguard-On-Behalf-Of";

    /** Key under which {@link AuditRoutes} leaves the checked on-behalf actor in the routing context. */
    static final String CONTEXT_KEY = "bikeguard.audit.actor";

    /** The actor of an authenticated request (call on the request's event loop). */
    public static Actor of(RoutingContext ctx) {
        if (ctx.get(CONTEXT_KEY) instanceof Actor a) {
            return a;
        }
        Role r = BearerAuth.role(ctx);
        return new Actor(BearerAuth.username(ctx), r == null ? null : r.wire(), null);
    }

    /** {@code details} with {@code via} added when a service asked on the actor's behalf. */
    public JsonObject details(JsonObject details) {
        JsonObject d = details == null ? new JsonObject() : details;
        if (via != null) {
            d.put("via", via);
        }
        return d;
    }
}
