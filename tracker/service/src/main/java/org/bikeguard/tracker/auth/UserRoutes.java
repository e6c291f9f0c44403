package org.bikeguard.tracker.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ConflictException;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Responses;

/**
 * Administering people's accounts (admin only; every change audited on subject
 * {@code user:<username>}):
 * <ul>
 * <li>{@code POST /api/v1/users {"username","password","role"}} → 201 {@code {"id"}}; 409 when taken</li>
 * <li>{@code GET /api/v1/users/{username}} → role, disabled, lock and failure count, live tokens</li>
 * <li>{@code POST /api/v1/users/{username}/unlock} → lifts a lock, forgets the failures ({@code auth.unlocked})</li>
 * <li>{@code POST /api/v1/users/{username}/password {"password"}} → sets a password and revokes
 * every token of the user ({@code auth.password_reset})</li>
 * <li>{@code POST /api/v1/users/{username}/disable} and {@code /enable}: a disabled user cannot log
 * in and every token is revoked ({@code user.disabled}, {@code user.enabled})</li>
 * <li>{@code PUT /api/v1/users/{username}/role {"role"}} → the tokens carrying the old role are
 * revoked ({@code user.role_changed}); staff roles only: owner accounts belong to the registry</li>
 * <li>{@code POST /api/v1/users/{username}/revoke-tokens} → revokes every token of the user
 * ({@code auth.tokens_revoked})</li>
 * </ul>
 * An admin cannot disable or demote themselves (409). Every answer on a user is the account's
 * state as {@code GET} gives it, plus {@code revokedTokens} where tokens were revoked. Thread-safe.
 */
public final class UserRoutes {

    /** Instants as the API writes them: ISO-8601 UTC with milliseconds. */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AuthRoutes.Parts p;
    private final Blocking passwordWork;
    private final Blocking blocking;

    /**
     * @param passwordWork the small bounded pool for PBKDF2
     * @param blocking     the API workers (JDBC)
     */
    public UserRoutes(AuthRoutes.Parts parts, Blocking passwordWork, Blocking blocking) {
        this.p = parts;
        this.passwordWork = passwordWork;
        this.blocking = blocking;
    }

    /** Mounts the routes (behind the authentication handler). */
    public void mount(Router r) {
        var admin = BearerAuth.requireRole(Role.ADMIN);
        r.post("/api/v1/users").handler(admin).handler(this::create);
        r.get("/api/v1/users/:username").handler(admin).handler(ctx -> reply(ctx, blocking, () -> state(ctx, null)));
        r.post("/api/v1/users/:username/unlock").handler(admin).handler(this::unlock);
        r.post("/api/v1/users/:username/password").handler(admin).handler(this::resetPassword);
        r.post("/api/v1/users/:username/disable").handler(admin).handler(ctx -> disable(ctx, true));
        r.post("/api/v1/users/:username/enable").handler(admin).handler(ctx -> disable(ctx, false));
        r.put("/api/v1/users/:username/role").handler(admin).handler(this::role);
        r.post("/api/v1/users/:username/revoke-tokens").handler(admin).handler(this::revokeTokens);
    }

    private void create(RoutingContext ctx) {
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
        String by = BearerAuth.username(ctx);
        passwordWork
                .run(() -> {
                    long id;
                    try {
                        id = p.users().create(username, password, role);
                    } catch (Users.DuplicateUserException d) {
                        throw new ConflictException(d.getMessage(), null);
                    }
                    audit(by, "user.created", username, new JsonObject().put("role", role.wire()));
                    return new JsonObject().put("id", id);
                })
                .onSuccess(o -> Responses.json(ctx, 201, o))
                .onFailure(ctx::fail);
    }

    private void unlock(RoutingContext ctx) {
        String by = BearerAuth.username(ctx);
        reply(ctx, blocking, () -> {
            String user = existing(ctx);
            var before = p.attempts().unlock(user);
            boolean wasLocked = before.map(s -> s.lockedAt() != null).orElse(false);
            audit(
                    by,
                    "auth.unlocked",
                    user,
                    new JsonObject()
                            .put("wasLocked", wasLocked)
                            .put(
                                    "failures",
                                    before.map(LoginAttempts.State::failures).orElse(0)));
            return state(ctx, null).put("wasLocked", wasLocked);
        });
    }

    private void resetPassword(RoutingContext ctx) {
        String password = Bodies.string(Bodies.jsonObject(ctx), "password");
        try {
            Users.checkPassword(password);
        } catch (IllegalArgumentException e) {
            throw BadInputException.invalid("password", e.getMessage());
        }
        String by = BearerAuth.username(ctx);
        reply(ctx, passwordWork, () -> {
            String user = existing(ctx);
            p.users().setPassword(user, password);
            int revoked = revokeAll(user, by, "password_reset");
            audit(by, "auth.password_reset", user, new JsonObject().put("revokedTokens", revoked));
            return state(ctx, revoked);
        });
    }

    private void disable(RoutingContext ctx, boolean disable) {
        String by = BearerAuth.username(ctx);
        if (disable && ctx.pathParam("username").equals(by)) {
            throw new ConflictException("an admin cannot disable their own account", null);
        }
        reply(ctx, blocking, () -> {
            String user = existing(ctx);
            p.users().setDisabled(user, disable ? p.clock().instant() : null);
            Integer revoked = disable ? revokeAll(user, by, "disabled") : null;
            p.checks().userChanged(user);
            audit(by, disable ? "user.disabled" : "user.enabled", user, new JsonObject().put("revokedTokens", revoked));
            return state(ctx, revoked);
        });
    }

    private void role(RoutingContext ctx) {
        Role role;
        try {
            role = Role.fromWire(Bodies.string(Bodies.jsonObject(ctx), "role"));
        } catch (IllegalArgumentException e) {
            throw BadInputException.invalid("role", e.getMessage());
        }
        String by = BearerAuth.username(ctx);
        if (ctx.pathParam("username").equals(by)) {
            throw new ConflictException("an admin cannot change their own role", null);
        }
        reply(ctx, blocking, () -> {
            String user = existing(ctx);
            Role from = p.users().status(user).orElseThrow().role();
            if (from == Role.OWNER || role == Role.OWNER) {
                throw new ConflictException(
                        "owner accounts belong to the registry; roles change between staff roles only",
                        new JsonObject().put("role", from.wire()));
            }
            if (from == role) {
                return state(ctx, null);
            }
            p.users().setRole(user, role);
            int revoked = revokeAll(user, by, "role_changed");
            audit(
                    by,
                    "user.role_changed",
                    user,
                    new JsonObject()
                            .put("from", from.wire())
                            .put("to", role.wire())
                            .put("revokedTokens", revoked));
            return state(ctx, revoked);
        });
    }

    private void revokeTokens(RoutingContext ctx) {
        String by = BearerAuth.username(ctx);
        reply(ctx, blocking, () -> {
            String user = existing(ctx);
            int revoked = revokeAll(user, by, "revoked_by_admin");
            audit(by, "auth.tokens_revoked", user, new JsonObject().put("revokedTokens", revoked));
            return state(ctx, revoked);
        });
    }

    /** Revokes every token of {@code user} and tells every member. Blocking. */
    private int revokeAll(String user, String by, String reason) {
        int n = p.issued().revokeAll(user, null, by, reason, p.clock().instant());
        p.checks().userChanged(user);
        return n;
    }

    /** The path's username when such an account exists; 404 otherwise. Blocking. */
    private String existing(RoutingContext ctx) {
        String user = ctx.pathParam("username");
        if (p.users().status(user).isEmpty()) {
            throw new NotFoundException("no user " + user, new JsonObject().put("username", user));
        }
        return user;
    }

    /** The account's state. Blocking. */
    private JsonObject state(RoutingContext ctx, Integer revoked) {
        String user = ctx.pathParam("username");
        Users.Status s = p.users()
                .status(user)
                .orElseThrow(() -> new NotFoundException("no user " + user, new JsonObject().put("username", user)));
        Instant now = p.clock().instant();
        var f = p.attempts().state(user);
        JsonObject o = new JsonObject()
                .put("username", s.username())
                .put("role", s.role().wire())
                .put("disabled", s.disabledAt() != null)
                .put("disabledAt", iso(s.disabledAt()))
                .put("createdAt", iso(s.createdAt()))
                .put("locked", f.map(x -> x.lockedAt() != null).orElse(false))
                .put("lockedAt", f.map(x -> iso(x.lockedAt())).orElse(null))
                .put("failures", f.map(LoginAttempts.State::failures).orElse(0))
                .put(
                        "nextAttemptAt",
                        f.filter(x -> x.nextAttemptAt().isAfter(now))
                                .map(x -> iso(x.nextAttemptAt()))
                                .orElse(null))
                .put("liveTokens", p.issued().live(user, now));
        if (revoked != null) {
            o.put("revokedTokens", revoked);
        }
        return o;
    }

    private static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    private void audit(String by, String action, String user, JsonObject details) {
        p.audit().record(by, Role.ADMIN.wire(), action, "user:" + user, null, details);
    }

    private static void reply(RoutingContext ctx, Blocking pool, Callable<JsonObject> task) {
        pool.run(task).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
