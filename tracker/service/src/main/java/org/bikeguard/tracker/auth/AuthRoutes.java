package org.bikeguard.tracker.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;

/**
 * The routes of one's own session:
 * <ul>
 * <li>{@code POST /api/v1/auth/token {"username","password"}} (public) → {@code {"token","role","expiresInS"}};
 * 401 wrong, 429 {@code rate_limited} with {@code Retry-After} while the account or the
 * address must wait, 423 {@code account_locked}, 403 {@code account_disabled} (right password),
 * 503 when the password workers are saturated ({@link Logins}, {@link AddressThrottle})</li>
 * <li>{@code POST /api/v1/auth/logout} → 204: the request's token is revoked on every member</li>
 * <li>{@code GET /api/v1/auth/me} → {@code {"username","role"}} (co-deployed and standalone
 * modules such as claims check tokens with it)</li>
 * <li>{@code POST /api/v1/auth/password {"oldPassword","newPassword"}} → {@code {"revokedTokens"}}:
 * the old password counts against the account's throttle like a login; the user's other tokens
 * are revoked (audited {@code auth.password_changed})</li>
 * </ul>
 * Password work runs on the password workers; the rest on the API workers. Metric
 * {@code bikeguard_auth_logins_total{outcome}}. Thread-safe.
 */
public final class AuthRoutes {

    /** Error code of 429 answers. */
    public static final String TOO_MANY_REQUESTS = org.bikeguard.common.web.ErrorCodes.RATE_LIMITED;
    /** Error code of a locked account (423). */
    public static final String ACCOUNT_LOCKED = "account_locked";
    /** Error code of a disabled account (403). */
    public static final String ACCOUNT_DISABLED = "account_disabled";

    /** The services the routes use. */
    public record Parts(
            Users users,
            Logins logins,
            LoginAttempts attempts,
            AddressThrottle addresses,
            IssuedTokens issued,
            TokenChecks checks,
            AuthAudit audit,
            Clock clock,
            MeterRegistry metrics) {}

    private final Parts p;
    private final Blocking passwordWork;
    private final Blocking blocking;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    /**
     * @param passwordWork the small bounded pool for PBKDF2 (logins, password changes)
     * @param blocking     the API workers (JDBC)
     */
    public AuthRoutes(Parts parts, Blocking passwordWork, Blocking blocking) {
        this.p = parts;
        this.passwordWork = passwordWork;
        this.blocking = blocking;
    }

    /**
     * Mounts the public login route, with its own small body limit; call before the
     * authentication handler.
     */
    public void mountPublic(Router r, io.vertx.core.Handler<RoutingContext> smallBody) {
        r.post("/api/v1/auth/token").handler(smallBody).handler(this::token);
    }

    /** Mounts the routes that need an authenticated user. */
    public void mountProtected(Router r) {
        r.post("/api/v1/auth/logout").handler(this::logout);
        r.post("/api/v1/auth/password").handler(this::changePassword);
        r.get("/api/v1/auth/me")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("username", BearerAuth.username(ctx))
                                .put("role", BearerAuth.role(ctx).wire())));
    }

    /** The address a request came from (the TCP peer; forwarded-for headers are not trusted). */
    public static String address(RoutingContext ctx) {
        var a = ctx.request().remoteAddress();
        return a == null ? "unknown" : a.hostAddress() == null ? a.host() : a.hostAddress();
    }

    private void token(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String username = Bodies.string(body, "username");
        String password = Bodies.string(body, "password");
        if (username.isEmpty() || username.length() > 64 || password.length() > 1024) {
            throw BadInputException.invalid("username", "username 1..64 and password at most 1024 characters");
        }
        String address = address(ctx);
        var wait = p.addresses().admit(address, p.clock().instant());
        if (wait.isPresent()) {
            count("address_throttled");
            fail(ctx, throttled(wait.get(), "too many failed logins from this address"));
            return;
        }
        passwordWork
                .run(() -> p.logins().attempt(username, password, address))
                .andThen(ar -> p.addresses()
                        .done(
                                address,
                                ar.succeeded() && checkedAndWrong(ar.result()),
                                p.clock().instant()))
                .onSuccess(outcome -> answer(ctx, outcome))
                .onFailure(e -> {
                    count(e instanceof org.bikeguard.common.web.UnavailableException ? "busy" : "error");
                    ctx.response().putHeader("Retry-After", "1");
                    ctx.fail(e);
                });
    }

    /** Whether the attempt's password was checked and wrong (what an address is charged for). */
    private static boolean checkedAndWrong(Logins.Outcome o) {
        return o instanceof Logins.Outcome.Wrong || (o instanceof Logins.Outcome.Locked l && l.byThisAttempt());
    }

    private void answer(RoutingContext ctx, Logins.Outcome outcome) {
        if (outcome instanceof Logins.Outcome.Issued i) {
            count("ok");
            Responses.json(
                    ctx,
                    200,
                    new JsonObject()
                            .put("token", i.token())
                            .put("role", i.role().wire())
                            .put("expiresInS", i.lifetime().toSeconds()));
        } else if (outcome instanceof Logins.Outcome.Wrong w) {
            count("wrong");
            if (!w.retryAfter().isZero()) {
                ctx.response().putHeader("Retry-After", Long.toString(seconds(w.retryAfter())));
            }
            ctx.fail(new UnauthenticatedException("invalid username or password"));
        } else if (outcome instanceof Logins.Outcome.Throttled t) {
            count("throttled");
            fail(ctx, throttled(t.retryAfter(), "too many failed logins for this account"));
        } else if (outcome instanceof Logins.Outcome.Locked) {
            count("locked");
            ctx.fail(new ApiException(
                    423,
                    ACCOUNT_LOCKED,
                    "the account is locked after too many failed logins; an administrator can unlock it",
                    null));
        } else {
            count("disabled");
            ctx.fail(new ApiException(403, ACCOUNT_DISABLED, "the account is disabled", null));
        }
    }

    private void logout(RoutingContext ctx) {
        String user = BearerAuth.username(ctx);
        String role = BearerAuth.role(ctx).wire();
        String jti = BearerAuth.tokenId(ctx);
        blocking.run(() -> {
                    p.issued().revoke(jti, user, "logout", p.clock().instant());
                    p.checks().tokenChanged(jti);
                    p.audit().record(user, role, "auth.logout", "user:" + user, null, new JsonObject());
                    return null;
                })
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void changePassword(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String old = Bodies.string(body, "oldPassword");
        String fresh = Bodies.string(body, "newPassword");
        try {
            Users.checkPassword(fresh);
        } catch (IllegalArgumentException e) {
            throw BadInputException.invalid("newPassword", e.getMessage());
        }
        if (fresh.equals(old)) {
            throw BadInputException.invalid("newPassword", "must differ from the old password");
        }
        String user = BearerAuth.username(ctx);
        String role = BearerAuth.role(ctx).wire();
        String jti = BearerAuth.tokenId(ctx);
        String address = address(ctx);
        passwordWork
                .run(() -> {
                    var admission = p.attempts().admit(user, address, p.clock().instant());
                    if (admission instanceof LoginAttempts.Admission.Throttled t) {
                        throw throttled(t.retryAfter(), "too many wrong passwords");
                    }
                    if (admission instanceof LoginAttempts.Admission.Locked) {
                        throw new ApiException(423, ACCOUNT_LOCKED, "the account is locked", null);
                    }
                    if (!(p.users().check(user, old) instanceof Users.Check.Right)) {
                        wrongOldPassword(
                                user, role, address, ((LoginAttempts.Admission.Admitted) admission).failures());
                        throw new ForbiddenException("the old password is wrong", null);
                    }
                    p.attempts().succeeded(user);
                    p.users().setPassword(user, fresh);
                    int revoked = p.issued()
                            .revokeAll(
                                    user,
                                    jti,
                                    user,
                                    "password_changed",
                                    p.clock().instant());
                    p.checks().userChanged(user);
                    p.audit()
                            .record(
                                    user,
                                    role,
                                    "auth.password_changed",
                                    "user:" + user,
                                    null,
                                    new JsonObject().put("revokedTokens", revoked));
                    return new JsonObject().put("revokedTokens", revoked);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(e -> fail(ctx, e));
    }

    /** Counts a wrong old password like a failed login (it may lock the account) and audits it. Blocking. */
    private void wrongOldPassword(String user, String role, String address, int failures) {
        JsonObject details = new JsonObject().put("address", address).put("failures", failures);
        if (p.attempts().failed(user, failures, p.clock().instant())) {
            p.audit().record(Logins.ANONYMOUS, Logins.ANONYMOUS, "auth.locked", "user:" + user, null, details);
        }
        p.audit().record(user, role, "auth.password_change_failed", "user:" + user, null, details);
    }

    /** Fails the request, with {@code Retry-After} for a 429 that carries {@code retryAfterS}. */
    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ApiException a && a.status() == 429 && a.details().containsKey("retryAfterS")) {
            ctx.response().putHeader("Retry-After", String.valueOf(a.details().getValue("retryAfterS")));
        }
        ctx.fail(e);
    }

    private static ApiException throttled(Duration wait, String why) {
        long s = seconds(wait);
        return new ApiException(
                429, TOO_MANY_REQUESTS, why + "; retry after " + s + " s", new JsonObject().put("retryAfterS", s));
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("bikeguard.auth.logins")
                        .description("Login attempts by outcome")
                        .tag("outcome", o)
                        .register(p.metrics()))
                .increment();
    }
}
