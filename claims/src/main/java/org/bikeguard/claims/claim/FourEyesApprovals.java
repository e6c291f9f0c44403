package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four eyes on payouts, theft and liability alike: a payout above {@code aboveFen}, or a claim that
 * was ever referred, needs a second adjuster's approval before payment; whoever referred cannot
 * approve, and the second adjuster is neither the one who approved nor the one who referred. A
 * theft claim is approved by its decision; a liability claim by its settlement (the amount agreed
 * with the third party). Money in fen; instants UTC. Blocking (JDBC); stateless; thread-safe.
 */
public final class FourEyesApprovals {

    private static final Logger LOG = LoggerFactory.getLogger(FourEyesApprovals.class);

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final long aboveFen;
    private final Clock clock;

    /** @param aboveFen payouts above this amount (fen) need a second approval */
    public FourEyesApprovals(ClaimsDatabase db, ClaimRepository repo, long aboveFen, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.aboveFen = aboveFen;
        this.clock = clock;
    }

    /** Whether {@code cl} is approved for payment: an approved theft claim, a settled liability claim. */
    static boolean approvedForPayment(Claim cl) {
        return cl.isTheft() ? "approved".equals(cl.status()) : "settled".equals(cl.status());
    }

    /**
     * Whoever referred a claim cannot approve it.
     *
     * @throws ClaimsException 409 {@code four_eyes}, {@code reason: referred-by-you}
     */
    void requireNotReferrer(Claim cl, String by) {
        if (by.equals(cl.fourEyes().referredBy())) {
            throw new ClaimsException(
                    409,
                    "four_eyes",
                    "whoever referred a claim cannot approve it",
                    Map.of("reason", "referred-by-you", "referredBy", by));
        }
    }

    /**
     * After a decision: a referral records who referred; an approval needs a second adjuster when
     * the claim was ever referred or its payout is above {@code aboveFen}; any decision clears an
     * earlier second approval. Inside the caller's transaction.
     *
     * @param cl the claim as it stands after the decision was written
     */
    void afterDecision(Connection c, Claim cl, String decision, String by) throws SQLException {
        if ("refer".equals(decision)) {
            Sql.update(c, "UPDATE claim SET referred_by = ?, was_referred = true WHERE id = ?", by, cl.id());
        }
        boolean needed = "approve".equals(decision)
                && (cl.fourEyes().wasReferred() || "referred".equals(cl.status()) || cl.payoutFen() > aboveFen);
        Sql.update(
                c,
                "UPDATE claim SET second_approval_needed = ?, second_approved_by = NULL, second_approved_at = NULL "
                        + "WHERE id = ?",
                needed,
                cl.id());
    }

    /**
     * A second adjuster approves an approved theft claim or a settled liability claim that needs
     * four eyes: not the one who approved it, nor the one who referred it.
     *
     * @throws ClaimsException 409 {@code four_eyes} when the same person tries, 409 when no second
     *                         approval is pending
     */
    public void secondApproval(long id, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw ClaimsException.invalid("an approval needs a reason");
        }
        db.inTransaction(c -> {
            Claim cl = repo.lock(c, id);
            Claim.FourEyes fe = cl.fourEyes();
            if (!approvedForPayment(cl) || !fe.waitingForSecond()) {
                throw ClaimsException.conflict(
                        "no second approval is pending on this claim",
                        Map.of("status", cl.status(), "needed", fe.secondNeeded()));
            }
            if (by.equals(cl.decision().by()) || by.equals(fe.referredBy())) {
                throw new ClaimsException(
                        409,
                        "four_eyes",
                        "the second approval must come from another adjuster than the one who approved or referred",
                        Map.of(
                                "reason",
                                "same-adjuster",
                                "approvedBy",
                                cl.decision().by()));
            }
            Sql.update(
                    c,
                    "UPDATE claim SET second_approved_by = ?, second_approved_at = ?, updated_at = now() WHERE id = ?",
                    by,
                    clock.instant(),
                    id);
            repo.event(c, id, by, "second-approval", new JsonObject().put("reason", reason));
            LOG.info("second approval [id: {}, by: {}]", id, by);
            return null;
        });
    }

    /**
     * Refuses payment while a needed second approval is missing.
     *
     * @throws ClaimsException 409 {@code reason: second-approval-needed}
     */
    void requireBeforePayment(Claim cl) {
        if (cl.fourEyes().waitingForSecond()) {
            throw ClaimsException.conflict(
                    "the approval needs a second adjuster's before payment",
                    Map.of(
                            "reason",
                            "second-approval-needed",
                            "approvedBy",
                            cl.decision().by()));
        }
    }
}
