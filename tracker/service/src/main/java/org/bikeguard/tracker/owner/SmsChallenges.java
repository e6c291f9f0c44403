package org.bikeguard.tracker.owner;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.common.web.RateLimitedException;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.Users;
import org.bikeguard.tracker.registry.Sql;

/**
 * The SMS codes of owners' logins, in table {@code sms_challenges} (so any cluster member can
 * check a code another one sent). A code has {@value #CODE_DIGITS} digits, lives
 * {@link #TTL} (5 min), allows {@value #MAX_FAILURES} wrong tries and one login. Sending is limited
 * per account: one code per {@link #RESEND_AFTER} (60 s) and {@value #MAX_PER_HOUR} per hour
 * (429 {@code rate_limited}, limit {@code sms.account}). Only the SHA-256 of {@code id:code} is
 * stored. Times from the injected clock. Blocking (JDBC); thread-safe.
 */
public final class SmsChallenges {

    /** Digits of a code. */
    public static final int CODE_DIGITS = 6;
    /** How long a code is good. */
    public static final Duration TTL = Duration.ofMinutes(5);
    /** Wrong codes a challenge allows; the next try needs a new code. */
    public static final int MAX_FAILURES = 5;
    /** Least time between two codes for one account. */
    public static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    /** Codes per account per hour. */
    public static final int MAX_PER_HOUR = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;
    private final Clock clock;

    public SmsChallenges(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** A new challenge: its id (given to the browser) and the code (sent by SMS only). */
    public record Started(String id, String code, Instant expiresAt) {}

    /**
     * Creates a challenge for an account whose password just checked out.
     *
     * @throws RateLimitedException when the account had a code less than 60 s ago or 5 in the hour
     */
    public Started start(Users.Account account) {
        Instant now = clock.instant();
        return Sql.tx(ds, c -> {
            try (PreparedStatement lock =
                    Sql.prepare(c, "SELECT id FROM users WHERE id = ? FOR UPDATE", account.id())) {
                lock.executeQuery().close(); // one code at a time per account
            }
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT count(*), max(created_at), min(created_at) FROM sms_challenges"
                                    + " WHERE username = ? AND created_at > ?",
                            account.username(),
                            Timestamp.from(now.minus(Duration.ofHours(1))));
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    Instant last = rs.getTimestamp(2).toInstant();
                    Instant first = rs.getTimestamp(3).toInstant();
                    if (rs.getInt(1) >= MAX_PER_HOUR) {
                        throw limited(Duration.between(now, first.plus(Duration.ofHours(1))));
                    }
                    if (last.plus(RESEND_AFTER).isAfter(now)) {
                        throw limited(Duration.between(now, last.plus(RESEND_AFTER)));
                    }
                }
            }
            byte[] idBytes = new byte[16];
            RANDOM.nextBytes(idBytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
            String code = String.format("%0" + CODE_DIGITS + "d", RANDOM.nextInt((int) Math.pow(10, CODE_DIGITS)));
            Instant expires = now.plus(TTL);
            Sql.update(
                    c,
                    "INSERT INTO sms_challenges (id, user_id, username, code_hash, created_at, expires_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    id,
                    account.id(),
                    account.username(),
                    hash(id, code),
                    Timestamp.from(now),
                    Timestamp.from(expires));
            return new Started(id, code, expires);
        });
    }

    /**
     * Checks a code and uses the challenge up: the account to log in.
     *
     * @throws ApiException 401 {@code unauthorized} with {@code details.reason} {@code unknown},
     *                      {@code expired}, {@code used}, {@code too_many} (5 wrong codes: ask for a
     *                      new one) or {@code wrong} (with {@code details.attemptsLeft})
     */
    public Users.Account verify(String id, String code) {
        Instant now = clock.instant();
        return Sql.tx(ds, c -> {
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT user_id, username, code_hash, expires_at, failures, used_at"
                                    + " FROM sms_challenges WHERE id = ? FOR UPDATE",
                            id);
                    ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw refused("unknown", "no such SMS code request; ask for a new code", null);
                }
                if (rs.getTimestamp("used_at") != null) {
                    throw refused("used", "this SMS code was used already; ask for a new code", null);
                }
                if (!rs.getTimestamp("expires_at").toInstant().isAfter(now)) {
                    throw refused("expired", "the SMS code expired; ask for a new code", null);
                }
                int failures = rs.getInt("failures");
                if (failures >= MAX_FAILURES) {
                    throw refused("too_many", "too many wrong SMS codes; ask for a new code", 0);
                }
                if (!MessageDigest.isEqual(
                        hash(id, code).getBytes(StandardCharsets.US_ASCII),
                        rs.getString("code_hash").getBytes(StandardCharsets.US_ASCII))) {
                    failed(c, id);
                    int left = MAX_FAILURES - failures - 1;
                    throw left == 0
                            ? refused("too_many", "too many wrong SMS codes; ask for a new code", 0)
                            : refused("wrong", "wrong SMS code", left);
                }
                Users.Account a = new Users.Account(rs.getLong("user_id"), rs.getString("username"), Role.OWNER);
                Sql.update(c, "UPDATE sms_challenges SET used_at = ? WHERE id = ?", Timestamp.from(now), id);
                return a;
            }
        });
    }

    /** Forgets challenges older than a day. @return rows removed */
    public int purge() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(1));
        return Sql.tx(
                ds, c -> Sql.update(c, "DELETE FROM sms_challenges WHERE created_at < ?", Timestamp.from(cutoff)));
    }

    /** Counts a wrong code; committed even though the request then fails. */
    private void failed(Connection c, String id) throws SQLException {
        Sql.update(c, "UPDATE sms_challenges SET failures = failures + 1 WHERE id = ?", id);
        c.commit();
    }

    private static ApiException refused(String reason, String message, Integer attemptsLeft) {
        JsonObject d = new JsonObject().put("reason", reason);
        if (attemptsLeft != null) {
            d.put("attemptsLeft", attemptsLeft);
        }
        return new ApiException(401, org.bikeguard.common.web.ErrorCodes.UNAUTHORIZED, message, d);
    }

    private static RateLimitedException limited(Duration wait) {
        return new RateLimitedException("sms.account", Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private static String hash(String id, String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((id + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
