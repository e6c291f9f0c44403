package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.bikeguard.claims.tracker.TrackerGateway.TheftCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment of a theft claim and the bike's recovery: payment rechecks the theft case as the
 * tracker shows it now (a found bike means no payment, and the claim closes), needs the signed
 * rights transfer and, where four eyes apply, the second approval; it is idempotent under a key.
 * Money in fen; instants UTC. Blocking (JDBC); stateless; thread-safe.
 */
public final class TheftPayments {

    private static final Logger LOG = LoggerFactory.getLogger(TheftPayments.class);

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final FourEyesApprovals fourEyes;
    private final Receivables receivables;
    private final Clock clock;

    public TheftPayments(
            ClaimsDatabase db, ClaimRepository repo, FourEyesApprovals fourEyes, Receivables receivables, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.fourEyes = fourEyes;
        this.receivables = receivables;
        this.clock = clock;
    }

    /**
     * A payment made.
     *
     * @param paymentId the payment
     * @param replay    true when the idempotency key had already paid: this is the first payment
     */
    public record Paid(long paymentId, boolean replay) {}

    /**
     * The payout already recorded under {@code key} for this claim (a retried payment), or null.
     *
     * @throws ClaimsException 409 when the key was used for another claim
     */
    public Long paidWithKey(long id, String key) {
        return key == null ? null : db.inTransaction(c -> repo.paymentByKey(c, id, key));
    }

    /**
     * Pays an approved claim whose rights-transfer is signed, after checking the theft case as the
     * tracker shows it now: a bike found means no payment, and the claim closes. Idempotent under
     * {@code key}: a retry with the same key returns the first payment.
     *
     * @param current the theft case as the tracker shows it now
     * @param key     idempotency key, or null
     * @throws ClaimsException 409 {@code reason: bike-recovered} (the claim is then closed), 409 when
     *                         not approved, not signed or already paid
     */
    public Paid pay(long id, String reference, String key, TheftCase current, String by) {
        Long first = paidWithKey(id, key);
        if (first != null) {
            return new Paid(first, true);
        }
        String before = db.inTransaction(c -> repo.lockTheft(c, id).status());
        if (!"approved".equals(before)) {
            throw ClaimsException.conflict("only an approved claim can be paid", Map.of("status", before));
        }
        if (current.recoveredAt() != null || "recovered".equals(current.status())) {
            String status = recover(id, current.recoveredAt(), null, by);
            throw ClaimsException.conflict(
                    "the bike was found (theft case " + current.id() + "): no payment; the claim is " + status,
                    Map.of("reason", "bike-recovered", "status", status));
        }
        return db.inTransaction(c -> {
            Claim cl = repo.lockTheft(c, id);
            Long raced = repo.paymentByKey(c, id, key);
            if (raced != null) {
                return new Paid(raced, true);
            }
            if (!"approved".equals(cl.status())) {
                throw ClaimsException.conflict("only an approved claim can be paid", Map.of("status", cl.status()));
            }
            if (cl.theft().rightsSignedAt() == null) {
                throw ClaimsException.conflict("the owner has not signed the rights-transfer", Map.of());
            }
            fourEyes.requireBeforePayment(cl);
            Instant now = clock.instant();
            long pid = repo.payment(c, id, "payout", cl.payoutFen(), reference, key, now, by);
            repo.status(c, id, "paid");
            repo.event(
                    c,
                    id,
                    by,
                    "paid",
                    new JsonObject().put("amountFen", cl.payoutFen()).put("paymentId", pid));
            LOG.info("theft claim paid [id: {}, amountFen: {}, by: {}]", id, cl.payoutFen(), by);
            return new Paid(pid, false);
        });
    }

    /**
     * The bike was found. Before payment the claim closes. After payment the owner either returns
     * the payout and takes the bike back ({@code return}: the payout becomes a {@link Receivables
     * receivable} until the money is received) or the bike goes to the insurer ({@code salvage}).
     */
    public String recover(long id, Instant foundAt, String resolution, String by) {
        return db.inTransaction(c -> {
            Claim cl = repo.lockTheft(c, id);
            String status;
            String recovery;
            if (Set.of("open", "referred", "approved", "denied").contains(cl.status())) {
                status = "closed";
                recovery = "before-payment";
            } else if ("paid".equals(cl.status())) {
                if ("return".equals(resolution)) {
                    receivables.open(c, id, cl.payoutFen(), "bike-recovered", null, by);
                    status = "returned";
                    recovery = "returned";
                } else if ("salvage".equals(resolution)) {
                    status = "salvaged";
                    recovery = "salvage";
                } else {
                    throw ClaimsException.invalid("after payment, resolution must be return or salvage");
                }
            } else {
                throw ClaimsException.conflict("a " + cl.status() + " claim cannot record a recovery", Map.of());
            }
            Sql.update(
                    c,
                    "UPDATE claim SET status = ?, recovery = ?, recovered_at = ?, updated_at = now() WHERE id = ?",
                    status,
                    recovery,
                    foundAt == null ? clock.instant() : foundAt,
                    id);
            repo.event(c, id, by, "recovered", new JsonObject().put("recovery", recovery));
            LOG.info("theft claim recovery [id: {}, recovery: {}, by: {}]", id, recovery, by);
            return status;
        });
    }
}
