package org.bikeguard.claims.claim;

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
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money owed back on a claim: a returned payout is a receivable until it is received. Opened when
 * the bike of a paid theft claim is found and the owner takes it back ({@code bike-recovered}),
 * or when the payment side sends a payout back ({@code payment-returned}); {@code open} →
 * {@code received} when an adjuster records the receipt, which books a {@code refund} payment (so
 * paid figures net of refunds drop only when the money is in). A payout sent back, once received,
 * no longer counts as the claim's payout: the claim is approved (theft) or settled (liability)
 * again and can be paid anew. Money in fen; instants UTC. Blocking (JDBC); stateless; thread-safe.
 */
public final class Receivables {

    private static final Logger LOG = LoggerFactory.getLogger(Receivables.class);

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final Clock clock;

    public Receivables(ClaimsDatabase db, ClaimRepository repo, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.clock = clock;
    }

    /** Opens a receivable inside the caller's transaction (the claim's row locked); returns its id. */
    long open(Connection c, long claimId, long amountFen, String reason, String reference, String by)
            throws SQLException {
        long id = Sql.insert(
                c,
                "INSERT INTO receivable (claim_id, amount_fen, reason, opened_at, opened_by, reference) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                claimId,
                amountFen,
                reason,
                clock.instant(),
                by,
                reference);
        repo.event(
                c,
                claimId,
                by,
                "receivable-opened",
                new JsonObject()
                        .put("receivableId", id)
                        .put("amountFen", amountFen)
                        .put("reason", reason));
        LOG.info("receivable opened [id: {}, claim: {}, amountFen: {}, reason: {}]", id, claimId, amountFen, reason);
        return id;
    }

    /**
     * A receivable, and whether this call opened it.
     *
     * @param created false when an open one already existed (a retried call)
     */
    public record Opened(JsonObject receivable, boolean created) {}

    /**
     * The payment side sent the payout of paid claim {@code claimId} back: opens a receivable for
     * the payout's amount. Idempotent: while one is open, a repeat answers it.
     *
     * @param reference the payment side's reference of the returned transfer, or null
     * @throws ClaimsException 409 when the claim is not paid
     */
    public Opened paymentReturned(long claimId, String reference, String by) {
        return db.inTransaction(c -> {
            Claim cl = repo.lock(c, claimId);
            JsonObject open = Sql.one(
                    c,
                    "SELECT * FROM receivable WHERE claim_id = ? AND reason = 'payment-returned' AND state = 'open'",
                    Receivables::json,
                    claimId);
            if (open != null) {
                return new Opened(open, false);
            }
            Long payout = "paid".equals(cl.status())
                    ? Sql.one(
                            c,
                            "SELECT amount_fen FROM payment WHERE claim_id = ? AND kind = 'payout' AND returned_at IS NULL",
                            rs -> rs.getLong(1),
                            claimId)
                    : null;
            if (payout == null) {
                throw ClaimsException.conflict(
                        "only a paid claim's payout can come back", Map.of("status", cl.status()));
            }
            long id = open(c, claimId, payout, "payment-returned", reference, by);
            return new Opened(Sql.one(c, "SELECT * FROM receivable WHERE id = ?", Receivables::json, id), true);
        });
    }

    /**
     * Receivables, oldest first.
     *
     * @param state {@code open}, {@code received} or {@code all}
     */
    public JsonArray list(String state) {
        String where =
                switch (state) {
                    case "open", "received" -> "WHERE state = '" + state + "' ";
                    case "all" -> "";
                    default -> throw ClaimsException.invalid("\"state\" must be open, received or all");
                };
        return db.inTransaction(c ->
                new JsonArray(Sql.query(c, "SELECT * FROM receivable " + where + "ORDER BY id", Receivables::json)));
    }

    /** The receivables of one claim, oldest first (inside the caller's transaction). */
    public JsonArray forClaim(Connection c, long claimId) throws SQLException {
        return new JsonArray(
                Sql.query(c, "SELECT * FROM receivable WHERE claim_id = ? ORDER BY id", Receivables::json, claimId));
    }

    /**
     * Records that the money of receivable {@code id} was received. Idempotent: a receivable
     * already received is answered as it is.
     *
     * @param reference  the incoming transfer's reference, or null
     * @param receivedAt when the money came in (now when null); not before the receivable was
     *                   opened, not in the future
     * @throws ClaimsException 404 for an unknown receivable, 400 for a time out of range
     */
    public JsonObject receive(long id, String reference, Instant receivedAt, String by) {
        return db.inTransaction(c -> {
            Long claimId = Sql.one(c, "SELECT claim_id FROM receivable WHERE id = ?", rs -> rs.getLong(1), id);
            if (claimId == null) {
                throw ClaimsException.notFound("receivable " + id);
            }
            Claim cl = repo.lock(c, claimId); // the claim first, as every other writer locks it
            JsonObject r = Sql.one(c, "SELECT * FROM receivable WHERE id = ? FOR UPDATE", Receivables::json, id);
            if ("received".equals(r.getString("state"))) {
                return r;
            }
            Instant now = clock.instant();
            Instant at = receivedAt == null ? now : receivedAt;
            Instant opened = Instant.parse(r.getString("openedAt"));
            if (at.isAfter(now) || at.isBefore(opened)) {
                throw ClaimsException.invalid(
                        "receivedAt must be between the receivable's opening and now",
                        Map.of("openedAt", r.getString("openedAt"), "receivedAt", ShanghaiTime.format(at)));
            }
            long amount = r.getLong("amountFen");
            Sql.update(
                    c,
                    "UPDATE receivable SET state = 'received', received_at = ?, received_by = ?, receipt_reference = ? "
                            + "WHERE id = ?",
                    at,
                    by,
                    reference,
                    id);
            repo.payment(c, claimId, "refund", amount, reference == null ? "receivable " + id : reference, at, by);
            if ("payment-returned".equals(r.getString("reason"))) {
                payableAgain(c, cl, at);
            }
            repo.event(
                    c,
                    claimId,
                    by,
                    "receivable-received",
                    new JsonObject().put("receivableId", id).put("amountFen", amount));
            LOG.info("receivable received [id: {}, claim: {}, amountFen: {}, by: {}]", id, claimId, amount, by);
            return Sql.one(c, "SELECT * FROM receivable WHERE id = ?", Receivables::json, id);
        });
    }

    /** The payout came back: it no longer counts, and the claim waits for payment again. */
    private void payableAgain(Connection c, Claim cl, Instant at) throws SQLException {
        Sql.update(
                c,
                "UPDATE payment SET returned_at = ? WHERE claim_id = ? AND kind = 'payout' AND returned_at IS NULL",
                at,
                cl.id());
        if ("paid".equals(cl.status())) {
            repo.status(c, cl.id(), cl.isTheft() ? "approved" : "settled");
        }
    }

    private static JsonObject json(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("claimId", rs.getLong("claim_id"))
                .put("amountFen", rs.getLong("amount_fen"))
                .put("reason", rs.getString("reason"))
                .put("openedAt", ShanghaiTime.format(Sql.instant(rs, "opened_at")))
                .put("openedBy", rs.getString("opened_by"))
                .put("reference", rs.getString("reference"))
                .put("state", rs.getString("state"))
                .put("receivedAt", ShanghaiTime.format(Sql.instant(rs, "received_at")))
                .put("receivedBy", rs.getString("received_by"))
                .put("receiptReference", rs.getString("receipt_reference"));
    }
}
