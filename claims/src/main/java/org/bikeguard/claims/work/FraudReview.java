package org.bikeguard.claims.work;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.claim.Claim;
import org.bikeguard.claims.claim.ClaimRepository;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * The fraud-review queue. A claim that becomes {@code referred} (fraud signals at opening, or an
 * adjuster's referral) enters the queue ({@link #follow}); a reviewer, an adjuster or admin other
 * than the one who referred it, records the outcome: {@code cleared} sends the claim back to
 * normal handling ({@code open}; it still counts as referred for four eyes), {@code confirmed}
 * denies it with the reviewer's reason (and the policy clause, printed on the denial letter).
 * A review is {@code superseded} when the claim leaves the referral another way. Instants UTC,
 * shown Asia/Shanghai. Blocking (JDBC); thread-safe.
 */
public final class FraudReview {

    /** Longest reason or clause, characters. */
    public static final int MAX_TEXT = 1000;

    private static final String SELECT = "SELECT r.*, cl.type, cl.status, cl.plate, cl.case_no, cl.payout_fen, "
            + "cl.opened_at, (SELECT count(*) FROM claim_signal s WHERE s.claim_id = cl.id) AS signals "
            + "FROM fraud_review r JOIN claim cl ON cl.id = r.claim_id ";

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final Clock clock;

    /** @param calendar the working-day calendar the claim's follow-up uses (activities) */
    public FraudReview(ClaimsDatabase db, CalendarService calendar, Clock clock) {
        this.db = db;
        this.repo = new ClaimRepository(clock, new FollowUp(calendar, clock));
        this.clock = clock;
    }

    /** The claims waiting for review, oldest referral first. */
    public JsonArray queue() {
        return db.inTransaction(c -> new JsonArray(
                Sql.query(c, SELECT + "WHERE r.outcome IS NULL ORDER BY r.referred_at, r.id", FraudReview::row)));
    }

    /** A claim's reviews, oldest first. */
    public static JsonArray ofClaim(Connection c, long id) throws SQLException {
        return new JsonArray(Sql.query(c, SELECT + "WHERE r.claim_id = ? ORDER BY r.id", FraudReview::row, id));
    }

    /**
     * Records the outcome of claim {@code id}'s pending review.
     *
     * @param outcome {@code cleared} or {@code confirmed}
     * @param clause  the policy clause a confirmed fraud falls under (optional)
     * @throws ClaimsException 400 for a bad outcome or a missing reason, 409 when no review is
     *                         pending, 409 {@code four_eyes} when the referrer reviews
     */
    public JsonObject decide(long id, String outcome, String reason, String clause, String by) {
        if (!"cleared".equals(outcome) && !"confirmed".equals(outcome)) {
            throw ClaimsException.invalid("\"outcome\" must be cleared or confirmed");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_TEXT) {
            throw ClaimsException.invalid("\"reason\" must be 1 to " + MAX_TEXT + " characters");
        }
        if (clause != null && clause.length() > MAX_TEXT) {
            throw ClaimsException.invalid("\"clause\" is at most " + MAX_TEXT + " characters");
        }
        return db.inTransaction(c -> {
            Claim cl = repo.lock(c, id);
            Long reviewId = Sql.one(
                    c, "SELECT id FROM fraud_review WHERE claim_id = ? AND outcome IS NULL", rs -> rs.getLong(1), id);
            if (reviewId == null || !"referred".equals(cl.status())) {
                throw ClaimsException.conflict(
                        "claim " + id + " is not waiting for a fraud review", Map.of("status", cl.status()));
            }
            String referrer =
                    Sql.one(c, "SELECT referred_by FROM fraud_review WHERE id = ?", rs -> rs.getString(1), reviewId);
            if (by.equals(referrer)) {
                throw new ClaimsException(
                        409,
                        "four_eyes",
                        "whoever referred a claim cannot review it",
                        Map.of("reason", "referred-by-you", "referredBy", by));
            }
            Instant now = clock.instant();
            Sql.update(
                    c,
                    "UPDATE fraud_review SET reviewer = ?, outcome = ?, reason = ?, clause = ?, reviewed_at = ? WHERE id = ?",
                    by,
                    outcome,
                    reason.strip(),
                    clause == null || clause.isBlank() ? null : clause.strip(),
                    now,
                    reviewId);
            if ("cleared".equals(outcome)) {
                repo.status(c, id, "open");
            } else {
                Sql.update(
                        c,
                        "UPDATE claim SET status = 'denied', decision = 'deny', decision_reason = ?, decided_by = ?, "
                                + "decided_at = ?, updated_at = now() WHERE id = ?",
                        reason.strip(),
                        by,
                        now,
                        id);
            }
            repo.event(
                    c,
                    id,
                    by,
                    "fraud-review",
                    new JsonObject().put("outcome", outcome).put("reason", reason.strip()));
            return Sql.one(c, SELECT + "WHERE r.id = ?", FraudReview::row, reviewId);
        });
    }

    /**
     * Keeps the queue in step with the claim: a referred claim has one pending review (its
     * referrer updated on a later referral); a claim no longer referred has none.
     */
    static void follow(Connection c, long id, String status, String referredBy, Instant at) throws SQLException {
        if ("referred".equals(status)) {
            int updated = Sql.update(
                    c,
                    "UPDATE fraud_review SET referred_by = coalesce(?, referred_by) WHERE claim_id = ? AND outcome IS NULL",
                    referredBy,
                    id);
            if (updated == 0) {
                Sql.update(
                        c,
                        "INSERT INTO fraud_review (claim_id, referred_by, referred_at) VALUES (?, ?, ?)",
                        id,
                        referredBy,
                        at);
            }
        } else {
            Sql.update(
                    c,
                    "UPDATE fraud_review SET outcome = 'superseded', reason = ?, reviewed_at = ? "
                            + "WHERE claim_id = ? AND outcome IS NULL",
                    "claim " + status,
                    at,
                    id);
        }
    }

    private static JsonObject row(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("claimId", rs.getLong("claim_id"))
                .put("type", rs.getString("type"))
                .put("status", rs.getString("status"))
                .put("plate", rs.getString("plate"))
                .put("caseNo", rs.getString("case_no"))
                .put("payoutFen", Sql.longOrNull(rs, "payout_fen"))
                .put("signalCount", rs.getInt("signals"))
                .put("referredBy", rs.getString("referred_by"))
                .put("referredAt", ShanghaiTime.format(Sql.instant(rs, "referred_at")))
                .put("reviewer", rs.getString("reviewer"))
                .put("outcome", rs.getString("outcome"))
                .put("reason", rs.getString("reason"))
                .put("clause", rs.getString("clause"))
                .put("reviewedAt", ShanghaiTime.format(Sql.instant(rs, "reviewed_at")));
    }
}
