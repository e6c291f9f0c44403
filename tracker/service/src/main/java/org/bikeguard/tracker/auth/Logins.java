package org.bikeguard.tracker.auth;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login attempt from admission to token: the account's throttle and lock
 * ({@link LoginAttempts}), the password check ({@link Users}, PBKDF2), then the token, recorded in
 * {@link IssuedTokens}. Audits every failed password check ({@code auth.login_failed}), every lock
 * ({@code auth.locked}), as actor {@value #ANONYMOUS} (the caller is not known to be anyone yet),
 * and every login ({@code auth.login}, as the user), on subject {@code user:<username>}; attempts refused
 * unchecked (throttled or locked) are counted by the caller's metrics, not audited, so that a
 * flood cannot flood the audit. Blocking (JDBC and PBKDF2): run on the password workers.
 * Thread-safe.
 */
public final class Logins {

    /** The audit's actor and role for a caller not yet authenticated. */
    public static final String ANONYMOUS = "anonymous";

    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    private final Users users;
    private final LoginAttempts attempts;
    private final TokenService tokens;
    private final IssuedTokens issued;
    private final AuthAudit audit;
    private final Clock clock;

    /** What became of an attempt. */
    public sealed interface Outcome {
        /** Logged in. */
        record Issued(String token, Role role, Duration lifetime) implements Outcome {}

        /** Unknown user or wrong password; {@code retryAfter} is the wait now imposed (zero: none). */
        record Wrong(Duration retryAfter) implements Outcome {}

        /** Refused unchecked: too soon after the last failure. */
        record Throttled(Duration retryAfter) implements Outcome {}

        /**
         * Refused: the account is locked; {@code byThisAttempt} when this attempt's wrong password
         * locked it (it was checked), otherwise it was refused unchecked.
         */
        record Locked(Instant since, boolean byThisAttempt) implements Outcome {}

        /** The password is right but the account is disabled. */
        record Disabled() implements Outcome {}

        /**
         * The password is right and the account enabled, no token issued yet: the answer of
         * {@link #checkPassword} (the caller asks for a second factor, then calls {@link #issue}).
         */
        record Verified(Users.Account account) implements Outcome {}
    }

    public Logins(
            Users users,
            LoginAttempts attempts,
            TokenService tokens,
            IssuedTokens issued,
            AuthAudit audit,
            Clock clock) {
        this.users = users;
        this.attempts = attempts;
        this.tokens = tokens;
        this.issued = issued;
        this.audit = audit;
        this.clock = clock;
    }

    /** Tries to log in {@code username} from {@code address}. Blocking. */
    public Outcome attempt(String username, String password, String address) {
        Outcome checked = checkPassword(username, password, address);
        return checked instanceof Outcome.Verified v ? issue(v.account(), address, "password") : checked;
    }

    /**
     * The first step of a login with a second factor: the account's throttle and lock and the
     * password check exactly as {@link #attempt}, answering {@link Outcome.Verified} instead of a
     * token when the password is right. Blocking.
     */
    public Outcome checkPassword(String username, String password, String address) {
        Instant now = clock.instant();
        LoginAttempts.Admission admission = attempts.admit(username, address, now);
        if (admission instanceof LoginAttempts.Admission.Throttled t) {
            return new Outcome.Throttled(t.retryAfter());
        }
        if (admission instanceof LoginAttempts.Admission.Locked l) {
            return new Outcome.Locked(l.since(), false);
        }
        int failures = ((LoginAttempts.Admission.Admitted) admission).failures();
        Users.Check check = users.check(username, password);
        if (check instanceof Users.Check.Wrong) {
            return wrong(username, address, failures);
        }
        if (!attempts.succeeded(username)) {
            return new Outcome.Locked(clock.instant(), false);
        }
        if (check instanceof Users.Check.Disabled) {
            audit(
                    username,
                    "auth.login_failed",
                    new JsonObject().put("address", address).put("reason", "disabled"));
            return new Outcome.Disabled();
        }
        return new Outcome.Verified(((Users.Check.Right) check).account());
    }

    /**
     * Issues a token to an account whose password (and second factor, if any) checked out,
     * records it and audits {@code auth.login} with {@code details.factor}. Blocking.
     *
     * @param factor how the login was proven ({@code password}, {@code sms})
     */
    public Outcome.Issued issue(Users.Account a, String address, String factor) {
        Instant issuedAt = clock.instant();
        String token = tokens.issue(a.username(), a.role());
        TokenService.Claims claims;
        try {
            claims = tokens.verify(token);
        } catch (TokenService.InvalidTokenException e) {
            throw new IllegalStateException("a token just issued does not verify: " + e.getMessage(), e);
        }
        issued.issued(claims.tokenId(), a.username(), issuedAt, claims.expiresAt(), address);
        audit.record(
                a.username(),
                a.role().wire(),
                "auth.login",
                "user:" + a.username(),
                null,
                "password".equals(factor)
                        ? new JsonObject().put("address", address)
                        : new JsonObject().put("address", address).put("factor", factor));
        return new Outcome.Issued(token, a.role(), Duration.between(issuedAt, claims.expiresAt()));
    }

    private Outcome wrong(String username, String address, int failures) {
        Instant now = clock.instant();
        boolean locked = attempts.failed(username, failures, now);
        Duration wait = attempts.policy().accountDelay(failures);
        audit(
                username,
                "auth.login_failed",
                new JsonObject()
                        .put("address", address)
                        .put("failures", failures)
                        .put("retryAfterS", wait.toSeconds()));
        if (locked) {
            LOG.warn(
                    "account locked after failed logins [username: {}, failures: {}, address: {}]",
                    username,
                    failures,
                    address);
            audit(
                    username,
                    "auth.locked",
                    new JsonObject().put("address", address).put("failures", failures));
            return new Outcome.Locked(now, true);
        }
        return new Outcome.Wrong(wait);
    }

    private void audit(String username, String action, JsonObject details) {
        audit.record(ANONYMOUS, ANONYMOUS, action, "user:" + username, null, details);
    }
}
