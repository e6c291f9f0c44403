package org.bikeguard.tracker.owner;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.RateLimitedException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;
import org.bikeguard.tracker.auth.AddressThrottle;
import org.bikeguard.tracker.auth.AuthRoutes;
import org.bikeguard.tracker.auth.Logins;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Owner;
import org.bikeguard.tracker.registry.Owners;

/**
 * The owners' login with an SMS code as second factor (public routes, small bodies):
 * <ul>
 * <li>{@code POST /api/v1/auth/sms/start {"username","password"}} → {@code {"challenge","expiresInS",
 * "sentTo","resendAfterS"}}: the password is checked exactly as by {@code /api/v1/auth/token} (the
 * same throttles, lock and audit); on success a code goes to the owner's phone through the
 * {@link SmsGateway}. 403 for an account that is not an owner's; 429 when a code was sent less
 * than 60 s ago or 5 in the hour ({@link SmsChallenges})</li>
 * <li>{@code POST /api/v1/auth/sms/verify {"challenge","code"}} → {@code {"token","role","expiresInS"}}
 * (the owner's usual token; audited {@code auth.login} with {@code factor: "sms"}); 401 with
 * {@code details.reason} {@code wrong} ({@code attemptsLeft}), {@code too_many}, {@code expired},
 * {@code used} or {@code unknown}</li>
 * </ul>
 * Password and code work run on the password workers. Thread-safe.
 */
public final class OwnerLoginRoutes {

    private final Logins logins;
    private final AddressThrottle addresses;
    private final SmsChallenges challenges;
    private final SmsGateway sms;
    private final Owners owners;
    private final Blocking passwordWork;
    private final Clock clock;

    /** @param passwordWork the small bounded pool of password checks */
    public OwnerLoginRoutes(
            Logins logins,
            AddressThrottle addresses,
            SmsChallenges challenges,
            SmsGateway sms,
            Owners owners,
            Blocking passwordWork,
            Clock clock) {
        this.logins = logins;
        this.addresses = addresses;
        this.challenges = challenges;
        this.sms = sms;
        this.owners = owners;
        this.passwordWork = passwordWork;
        this.clock = clock;
    }

    /** Mounts the public routes; call before the authentication handler. */
    public void mountPublic(Router r, Handler<RoutingContext> smallBody) {
        r.post("/api/v1/auth/sms/start").handler(smallBody).handler(this::start);
        r.post("/api/v1/auth/sms/verify").handler(smallBody).handler(this::verify);
    }

    private void start(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String username = Bodies.string(body, "username");
        String password = Bodies.string(body, "password");
        if (username.isEmpty() || username.length() > 64 || password.length() > 1024) {
            throw BadInputException.invalid("username", "username 1..64 and password at most 1024 characters");
        }
        String address = AuthRoutes.address(ctx);
        var wait = addresses.admit(address, clock.instant());
        if (wait.isPresent()) {
            throw new RateLimitedException("login.address", seconds(wait.get()));
        }
        passwordWork
                .run(() -> logins.checkPassword(username, password, address))
                .andThen(ar -> addresses.done(address, ar.succeeded() && checkedAndWrong(ar.result()), clock.instant()))
                .compose(o -> passwordWork.run(() -> sendCode(o, username)))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    /** After the password step: a code for an owner, else the step's error. Blocking (JDBC, the gateway). */
    private JsonObject sendCode(Logins.Outcome o, String username) {
        if (!(o instanceof Logins.Outcome.Verified v)) {
            throw failure(o);
        }
        if (v.account().role() != Role.OWNER) {
            throw new ForbiddenException(
                    "the SMS login is for owners; staff log in at /api/v1/auth/token",
                    new JsonObject().put("role", v.account().role().wire()));
        }
        String phone = owners.byUsername(username).map(Owner::phone).orElse(username);
        SmsChallenges.Started s = challenges.start(v.account());
        sms.send(phone, "【bikeguard】登录验证码 " + s.code() + "，5 分钟内有效，请勿告诉他人。");
        return new JsonObject()
                .put("challenge", s.id())
                .put("expiresInS", SmsChallenges.TTL.toSeconds())
                .put("sentTo", LogSmsGateway.mask(phone))
                .put("resendAfterS", SmsChallenges.RESEND_AFTER.toSeconds());
    }

    private void verify(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        String challenge = Bodies.string(body, "challenge");
        String code = Bodies.string(body, "code").trim();
        if (challenge.length() > 64 || !code.matches("\\d{" + SmsChallenges.CODE_DIGITS + "}")) {
            throw BadInputException.invalid("code", "must be " + SmsChallenges.CODE_DIGITS + " digits");
        }
        String address = AuthRoutes.address(ctx);
        passwordWork
                .run(() -> logins.issue(challenges.verify(challenge, code), address, "sms"))
                .onSuccess(i -> Responses.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("token", i.token())
                                .put("role", i.role().wire())
                                .put("expiresInS", i.lifetime().toSeconds())))
                .onFailure(ctx::fail);
    }

    private static boolean checkedAndWrong(Logins.Outcome o) {
        return o instanceof Logins.Outcome.Wrong || (o instanceof Logins.Outcome.Locked l && l.byThisAttempt());
    }

    /** The API error of a failed password step, as {@code /api/v1/auth/token} answers it. */
    private static RuntimeException failure(Logins.Outcome o) {
        if (o instanceof Logins.Outcome.Throttled t) {
            return new RateLimitedException("login.account", seconds(t.retryAfter()));
        }
        if (o instanceof Logins.Outcome.Locked) {
            return new ApiException(
                    423,
                    AuthRoutes.ACCOUNT_LOCKED,
                    "the account is locked after too many failed logins; an administrator can unlock it",
                    null);
        }
        if (o instanceof Logins.Outcome.Disabled) {
            return new ApiException(403, AuthRoutes.ACCOUNT_DISABLED, "the account is disabled", null);
        }
        return new UnauthenticatedException("invalid username or password");
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
