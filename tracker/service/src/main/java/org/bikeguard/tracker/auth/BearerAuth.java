package org.bikeguard.tracker.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.UnauthenticatedException;

/**
 * Vert.x Web glue for bearer tokens: an authentication handler that checks
 * {@code Authorization: Bearer <token>} with {@link TokenChecks} (signature, expiry, not revoked,
 * user enabled with the token's role) and sets a Vert.x {@link User} whose principal is
 * {@code {"username","role","exp","jti"}} (so modules that only know Vert.x can read it), failing
 * the request with an {@link UnauthenticatedException} (401 JSON) otherwise; and role guards
 * failing with a {@link ForbiddenException} (403 JSON). Stateless; thread-safe; non-blocking.
 */
public final class BearerAuth {

    private BearerAuth() {}

    /**
     * The authentication handler.
     *
     * @param pool where the token's record is read on a cache miss
     */
    public static AuthenticationHandler handler(TokenChecks checks, Blocking pool) {
        return SimpleAuthenticationHandler.create().authenticate(ctx -> authenticate(ctx, checks, pool));
    }

    private static Future<User> authenticate(RoutingContext ctx, TokenChecks checks, Blocking pool) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || h.isBlank()) {
            return Future.failedFuture(new UnauthenticatedException("missing Authorization: Bearer token"));
        }
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(new UnauthenticatedException("Authorization must use the Bearer scheme"));
        }
        return checks.authenticate(h.substring(7).trim(), pool).map(BearerAuth::user);
    }

    /** The Vert.x user of verified claims. */
    public static User user(TokenService.Claims c) {
        return User.create(new JsonObject()
                .put("username", c.username())
                .put("role", c.role().wire())
                .put("exp", c.expiresAt().getEpochSecond())
                .put("jti", c.tokenId()));
    }

    /** A handler that lets the request through only for the given roles (403 otherwise). */
    public static Handler<RoutingContext> requireRole(Role first, Role... more) {
        Set<Role> allowed = EnumSet.of(first, more);
        String list = allowed.stream().map(Role::wire).collect(Collectors.joining(", "));
        return ctx -> {
            Role r = role(ctx);
            if (r == null) {
                ctx.fail(new UnauthenticatedException("authentication required"));
            } else if (!allowed.contains(r)) {
                ctx.fail(new ForbiddenException(
                        "role " + r.wire() + " may not do this; allowed: " + list,
                        new JsonObject()
                                .put("role", r.wire())
                                .put("allowed", Arrays.stream(list.split(", ")).toList())));
            } else {
                ctx.next();
            }
        };
    }

    /** The authenticated user's role, or {@code null}. */
    public static Role role(RoutingContext ctx) {
        User u = ctx.user();
        if (u == null || u.principal() == null) {
            return null;
        }
        try {
            return Role.fromWire(u.principal().getString("role"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The id ({@code jti}) of the authenticated request's token, or {@code null}. */
    public static String tokenId(RoutingContext ctx) {
        User u = ctx.user();
        return u == null || u.principal() == null ? null : u.principal().getString("jti");
    }

    /** The authenticated username, or {@code null}. */
    public static String username(RoutingContext ctx) {
        User u = ctx.user();
        return u == null || u.principal() == null ? null : u.principal().getString("username");
    }
}
