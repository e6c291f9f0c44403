package org.bikeguard.tracker.registry;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * The authenticated caller of a registry or theft route: username and role from the bearer token.
 * Immutable; thread-safe.
 */
public record Caller(String username, Role role) {

    /** The caller of an authenticated request. */
    public static Caller of(RoutingContext ctx) {
        return new Caller(BearerAuth.username(ctx), BearerAuth.role(ctx));
    }

    /** Whether the caller has role {@code r}. */
    public boolean is(Role r) {
        return role == r;
    }

    /**
     * For an owner caller, their owner id (an owner account without an owner record owns nothing:
     * -1); for other roles {@code null}. Blocking (JDBC).
     */
    public Long ownerScope(Owners owners) {
        if (!is(Role.OWNER)) {
            return null;
        }
        Optional<Long> id = owners.idOf(username);
        return id.orElse(-1L);
    }
}
