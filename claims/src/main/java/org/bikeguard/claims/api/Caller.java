package org.bikeguard.claims.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;

/**
 * The authenticated user of a request, from {@code ctx.user().principal()} =
 * {@code {"username","role"}} as set by the tracker's (or the standalone app's) bearer-token
 * authentication. Immutable.
 *
 * @param role owner, installer, police, adjuster or admin
 */
public record Caller(String username, String role) {

    /** Roles that handle claims. */
    public static final Set<String> STAFF = Set.of("adjuster", "admin");

    /** The caller, or 401 when the request is not authenticated. */
    public static Caller of(RoutingContext ctx) {
        if (ctx.user() == null || ctx.user().principal() == null) {
            throw new ClaimsException(401, "unauthorized", "a bearer token is required", java.util.Map.of());
        }
        JsonObject p = ctx.user().principal();
        String username = p.getString("username");
        String role = p.getString("role");
        if (username == null || role == null) {
            throw new ClaimsException(401, "unauthorized", "the token names no user or role", java.util.Map.of());
        }
        return new Caller(username, role);
    }

    /**
     * The caller's own bearer token ({@code Authorization: Bearer}), forwarded to the tracker so
     * its audit names the caller; null when there is none.
     */
    public static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        return h != null && h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? h.substring(7).trim()
                : null;
    }

    /** Whether the caller has one of {@code roles}. */
    public boolean is(String... roles) {
        for (String r : roles) {
            if (r.equals(role)) {
                return true;
            }
        }
        return false;
    }

    /** 403 unless the caller has one of {@code roles}. */
    public Caller require(String... roles) {
        if (!is(roles)) {
            throw ClaimsException.forbidden("role " + role + " may not do this");
        }
        return this;
    }

    /** Whether the caller is claims staff (adjuster or admin). */
    public boolean staff() {
        return STAFF.contains(role);
    }
}
