package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.TokenService;
import org.bikeguard.tracker.auth.Users;

/**
 * {@code POST /api/v1/auth/token} (public) and {@code POST /api/v1/users} (admin). Password work
 * runs on the blocking workers. Thread-safe.
 */
final class AuthRoutes {

    private final Blocking blocking;
    private final Users users;
    private final TokenService tokens;

    AuthRoutes(Blocking blocking, Users users, TokenService tokens) {
        this.blocking = blocking;
        this.users = users;
        this.tokens = tokens;
    }

    /** Mounts the public token route; call before the authentication handler. */
    void mountPublic(Router r) {
        r.post("/api/v1/auth/token").handler(this::token);
    }

    /** Mounts the routes that need an authenticated user. */
    void mountProtected(Router r) {
        r.post("/api/v1/users").handler(BearerAuth.requireRole(Role.ADMIN)).handler(this::createUser);
    }

    private void token(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String username = Bodies.string(body, "username");
        String password = Bodies.string(body, "password");
        blocking.run(() -> users.verify(username, password))
                .onSuccess(account -> {
                    if (account.isEmpty()) {
                        ctx.fail(new ApiException.UnauthorizedException("invalid username or password"));
                        return;
                    }
                    String token = tokens.issue(account.get().username(), account.get().role());
                    Responses.json(ctx, 200, new JsonObject().put("token", token)
                            .put("role", account.get().role().wire())
                            .put("expiresInS", TokenService.LIFETIME.toSeconds()));
                })
                .onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String username = Bodies.string(body, "username");
        String password = Bodies.string(body, "password");
        Role role;
        try {
            role = Role.fromWire(Bodies.string(body, "role"));
            Users.checkUsername(username);
            Users.checkPassword(password);
        } catch (IllegalArgumentException e) {
            throw new ApiException.ValidationException(e.getMessage(), null);
        }
        blocking.run(() -> users.create(username, password, role))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }
}
