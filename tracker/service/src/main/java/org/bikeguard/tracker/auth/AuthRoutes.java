package org.bikeguard.tracker.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ConflictException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;

/**
 * {@code POST /api/v1/auth/token} (public), {@code POST /api/v1/users} (admin) and
 * {@code GET /api/v1/auth/me} (any valid token: who the token belongs to, {@code {"username","role"}};
 * co-deployed and standalone modules such as claims check tokens with it). Password work runs on
 * the blocking workers. Thread-safe.
 */
public final class AuthRoutes {

    private final Blocking blocking;
    private final Users users;
    private final TokenService tokens;

    /** @param blocking the workers for PBKDF2 and JDBC */
    public AuthRoutes(Blocking blocking, Users users, TokenService tokens) {
        this.blocking = blocking;
        this.users = users;
        this.tokens = tokens;
    }

    /** Mounts the public token route; call before the authentication handler. */
    public void mountPublic(Router r) {
        r.post("/api/v1/auth/token").handler(this::token);
    }

    /** Mounts the routes that need an authenticated user. */
    public void mountProtected(Router r) {
        r.post("/api/v1/users").handler(BearerAuth.requireRole(Role.ADMIN)).handler(this::createUser);
        r.get("/api/v1/auth/me")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("username", BearerAuth.username(ctx))
                                .put("role", BearerAuth.role(ctx).wire())));
    }

    private void token(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String username = Bodies.string(body, "username");
        String password = Bodies.string(body, "password");
        blocking.run(() -> users.verify(username, password))
                .onSuccess(account -> {
                    if (account.isEmpty()) {
                        ctx.fail(new UnauthenticatedException("invalid username or password"));
                        return;
                    }
                    String token =
                            tokens.issue(account.get().username(), account.get().role());
                    Responses.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("token", token)
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
            throw BadInputException.violation(e.getMessage(), null);
        }
        blocking.run(() -> users.create(username, password, role))
                .recover(e -> io.vertx.core.Future.failedFuture(
                        e instanceof Users.DuplicateUserException d ? new ConflictException(d.getMessage(), null) : e))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }
}
