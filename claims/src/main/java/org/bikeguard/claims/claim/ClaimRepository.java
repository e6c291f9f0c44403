package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.fraud.Signal;
import org.bikeguard.claims.store.Sql;

/**
 * SQL for {@code claims.claim} and its child tables (papers, signals, evidence, events, notices,
 * payments). Every method works inside the caller's transaction. Blocking; stateless; thread-safe.
 */
public final class ClaimRepository {

    private final Clock clock;
    private final AfterEvent after;

    /**
     * Follows each history event inside the same transaction (reserves, activities, the
     * fraud-review queue follow the claim's steps without the workflows knowing them).
     */
    @FunctionalInterface
    public interface AfterEvent {
        /** Called after {@code action} was recorded on claim {@code claimId}; the claim row is current. */
        void after(Connection c, long claimId, String actor, String action) throws SQLException;
    }

    /** @param clock the module's clock: the times of history events and owner notices */
    public ClaimRepository(Clock clock) {
        this(clock, (c, id, actor, action) -> {});
    }

    /** @param after follows every {@link #event}, in the event's transaction */
    public ClaimRepository(Clock clock, AfterEvent after) {
        this.clock = clock;
        this.after = after;
    }

    /** Reads one claim, locking its row for the rest of the transaction; 404 when absent. */
    public Claim lock(Connection c, long id) throws SQLException {
        return load(c, id, true);
    }

    /** Reads one theft claim, locking its row for the rest of the transaction; 404 when absent, 400 when not theft. */
    public Claim lockTheft(Connection c, long id) throws SQLException {
        Claim cl = lock(c, id);
        if (!cl.isTheft()) {
            throw ClaimsException.invalid("claim " + id + " is not a theft claim");
        }
        return cl;
    }

    /** Reads one claim; 404 when absent. */
    public Claim get(Connection c, long id) throws SQLException {
        return load(c, id, false);
    }

    private Claim load(Connection c, long id, boolean forUpdate) throws SQLException {
        Claim cl = Sql.one(
                c, "SELECT * FROM claim WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), ClaimRepository::map, id);
        if (cl == null) {
            throw ClaimsException.notFound("claim " + id);
        }
        return cl;
    }

    /** Claims matching a WHERE clause (trusted SQL, bound parameters), newest first. */
    public List<Claim> where(Connection c, String where, Object... params) throws SQLException {
        return Sql.query(c, "SELECT * FROM claim WHERE " + where + " ORDER BY id DESC", ClaimRepository::map, params);
    }

    /** Papers received: paper → day received. */
    public Map<Paper, LocalDate> papers(Connection c, long claimId) throws SQLException {
        Map<Paper, LocalDate> out = new EnumMap<>(Paper.class);
        Sql.query(
                c,
                "SELECT paper, received_on FROM claim_paper WHERE claim_id = ?",
                rs -> {
                    out.put(Paper.fromCode(rs.getString("paper")), Sql.date(rs, "received_on"));
                    return null;
                },
                claimId);
        return out;
    }

    /** Records a paper unless already received; returns whether it was new. */
    public boolean addPaper(Connection c, long claimId, Paper p, LocalDate on, String by) throws SQLException {
        return Sql.update(
                        c,
                        "INSERT INTO claim_paper (claim_id, paper, received_on, recorded_by) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT DO NOTHING",
                        claimId,
                        p.code(),
                        on,
                        by)
                == 1;
    }

    /** Stores fraud signals. */
    public void addSignals(Connection c, long claimId, List<Signal> signals) throws SQLException {
        for (Signal s : signals) {
            Sql.update(
                    c,
                    "INSERT INTO claim_signal (claim_id, code, reason, details) VALUES (?, ?, ?, ?)",
                    claimId,
                    s.code(),
                    s.reason(),
                    new JsonObject(s.details()));
        }
    }

    /** Signals of a claim, oldest first. */
    /** Removes the claim's signals with these codes (before storing recomputed ones). */
    public void removeSignals(Connection c, long claimId, List<String> codes) throws SQLException {
        for (String code : codes) {
            Sql.update(c, "DELETE FROM claim_signal WHERE claim_id = ? AND code = ?", claimId, code);
        }
    }

    /** The signals of a claim, oldest first. */
    public List<Signal> signals(Connection c, long claimId) throws SQLException {
        return Sql.query(
                c,
                "SELECT code, reason, details FROM claim_signal WHERE claim_id = ? ORDER BY id",
                rs -> new Signal(
                        rs.getString("code"),
                        rs.getString("reason"),
                        Sql.json(rs, "details").getMap()),
                claimId);
    }

    /** Stores (or replaces) one kind of evidence. */
    public void putEvidence(Connection c, long claimId, String kind, Object data) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO claim_evidence (claim_id, kind, data) VALUES (?, ?, ?::jsonb) ON CONFLICT (claim_id, kind) "
                        + "DO UPDATE SET data = excluded.data, captured_at = now()",
                claimId,
                kind,
                data.toString());
    }

    /** Evidence of a claim: kind → data. */
    public JsonObject evidence(Connection c, long claimId) throws SQLException {
        JsonObject out = new JsonObject();
        Sql.query(
                c,
                "SELECT kind, data::text AS d FROM claim_evidence WHERE claim_id = ?",
                rs -> {
                    String d = rs.getString("d");
                    out.put(rs.getString("kind"), d.startsWith("[") ? new JsonArray(d) : new JsonObject(d));
                    return null;
                },
                claimId);
        return out;
    }

    /** Appends to the claim's history. */
    public void event(Connection c, long claimId, String actor, String action, JsonObject details) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO claim_event (claim_id, actor, action, details, at) VALUES (?, ?, ?, ?, ?)",
                claimId,
                actor,
                action,
                details == null ? new JsonObject() : details,
                clock.instant());
        after.after(c, claimId, actor, action);
    }

    /** The claim's history, oldest first. */
    public JsonArray events(Connection c, long claimId) throws SQLException {
        JsonArray out = new JsonArray();
        Sql.query(
                c,
                "SELECT at, actor, action, details FROM claim_event WHERE claim_id = ? ORDER BY id",
                rs -> {
                    out.add(new JsonObject()
                            .put("at", ShanghaiTime.format(Sql.instant(rs, "at")))
                            .put("actor", rs.getString("actor"))
                            .put("action", rs.getString("action"))
                            .put("details", Sql.json(rs, "details")));
                    return null;
                },
                claimId);
        return out;
    }

    /** Sends the owner a notice (kept with the claim). */
    public void notice(Connection c, long claimId, String kind, String message, JsonObject details)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO claim_notice (claim_id, kind, message, details, at) VALUES (?, ?, ?, ?, ?)",
                claimId,
                kind,
                message,
                details,
                clock.instant());
    }

    /** The owner's notices, oldest first. */
    public JsonArray notices(Connection c, long claimId) throws SQLException {
        JsonArray out = new JsonArray();
        Sql.query(
                c,
                "SELECT at, kind, message, details FROM claim_notice WHERE claim_id = ? ORDER BY id",
                rs -> {
                    out.add(new JsonObject()
                            .put("at", ShanghaiTime.format(Sql.instant(rs, "at")))
                            .put("kind", rs.getString("kind"))
                            .put("message", rs.getString("message"))
                            .put("details", Sql.json(rs, "details")));
                    return null;
                },
                claimId);
        return out;
    }

    /** Records a payment ({@code payout}) or a repayment by the owner ({@code refund}); fen. */
    public long payment(
            Connection c, long claimId, String kind, long amountFen, String reference, Instant at, String by)
            throws SQLException {
        return payment(c, claimId, kind, amountFen, reference, null, at, by);
    }

    /** Records a payment under an idempotency key (null: none); fen. */
    public long payment(
            Connection c,
            long claimId,
            String kind,
            long amountFen,
            String reference,
            String idempotencyKey,
            Instant at,
            String by)
            throws SQLException {
        return Sql.insert(
                c,
                "INSERT INTO payment (claim_id, kind, amount_fen, reference, idempotency_key, paid_at, recorded_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                claimId,
                kind,
                amountFen,
                reference,
                idempotencyKey,
                at,
                by);
    }

    /**
     * The payout recorded under {@code key} for this claim, or null when the key is new.
     *
     * @throws ClaimsException 409 when the key was used for another claim
     */
    public Long paymentByKey(Connection c, long claimId, String key) throws SQLException {
        if (key == null) {
            return null;
        }
        long[] found = Sql.one(
                c,
                "SELECT id, claim_id FROM payment WHERE idempotency_key = ?",
                rs -> new long[] {rs.getLong("id"), rs.getLong("claim_id")},
                key);
        if (found == null) {
            return null;
        }
        if (found[1] != claimId) {
            throw ClaimsException.conflict(
                    "the idempotency key was already used for another claim's payment", Map.of("reason", "key-reused"));
        }
        return found[0];
    }

    /** Payments of a claim, oldest first. */
    public JsonArray payments(Connection c, long claimId) throws SQLException {
        JsonArray out = new JsonArray();
        Sql.query(
                c,
                "SELECT id, kind, amount_fen, reference, paid_at, recorded_by, returned_at FROM payment "
                        + "WHERE claim_id = ? ORDER BY id",
                rs -> {
                    out.add(new JsonObject()
                            .put("id", rs.getLong("id"))
                            .put("kind", rs.getString("kind"))
                            .put("amountFen", rs.getLong("amount_fen"))
                            .put("reference", rs.getString("reference"))
                            .put("paidAt", ShanghaiTime.format(Sql.instant(rs, "paid_at")))
                            .put("recordedBy", rs.getString("recorded_by"))
                            .put("returnedAt", ShanghaiTime.format(Sql.instant(rs, "returned_at"))));
                    return null;
                },
                claimId);
        return out;
    }

    /** Sets the status (and updated_at). */
    public void status(Connection c, long claimId, String status) throws SQLException {
        Sql.update(c, "UPDATE claim SET status = ?, updated_at = now() WHERE id = ?", status, claimId);
    }

    static Claim map(ResultSet rs) throws SQLException {
        Claim.OwnerSnapshot owner = new Claim.OwnerSnapshot(
                rs.getString("owner_id"),
                rs.getString("owner_username"),
                rs.getString("owner_name"),
                rs.getString("owner_id_number"),
                rs.getString("owner_phone"));
        String type = rs.getString("type");
        Claim.Theft theft = null;
        Claim.Liability liab = null;
        if ("theft".equals(type)) {
            theft = new Claim.Theft(
                    rs.getString("theft_case_id"),
                    rs.getString("case_no"),
                    rs.getString("case_status"),
                    Sql.instant(rs, "stolen_at"),
                    Sql.instant(rs, "reported_at"),
                    Sql.instant(rs, "confirmed_at"),
                    rs.getString("plate"),
                    rs.getString("frame_no"),
                    rs.getString("tag"),
                    Sql.date(rs, "purchase_date"),
                    Sql.date(rs, "waiting_end"),
                    rs.getInt("bracket"),
                    rs.getInt("age_years"),
                    Sql.date(rs, "papers_complete_on"),
                    Sql.instant(rs, "rights_signed_at"),
                    rs.getString("rights_signed_by"),
                    Sql.instant(rs, "recovered_at"),
                    rs.getString("recovery"),
                    Sql.date(rs, "due_date") == null
                            ? null
                            : new org.bikeguard.claims.calendar.Deadline(
                                    Sql.date(rs, "due_date"), rs.getBoolean("due_date_provisional")));
        } else {
            liab = new Claim.Liability(
                    Sql.instant(rs, "occurred_at"),
                    rs.getString("place"),
                    Sql.json(rs, "notice"),
                    Sql.json(rs, "assessment"),
                    Sql.json(rs, "settlement"));
        }
        Claim.Decision decision = rs.getString("decision") == null
                ? null
                : new Claim.Decision(
                        rs.getString("decision"),
                        rs.getString("decision_reason"),
                        rs.getString("decided_by"),
                        Sql.instant(rs, "decided_at"));
        return new Claim(
                rs.getLong("id"),
                type,
                rs.getString("status"),
                rs.getLong("policy_id"),
                rs.getString("bike_id"),
                owner,
                rs.getString("opened_by"),
                Sql.instant(rs, "opened_at"),
                Sql.longOrNull(rs, "payout_fen"),
                theft,
                liab,
                decision,
                new Claim.FourEyes(
                        rs.getString("referred_by"),
                        rs.getBoolean("was_referred"),
                        rs.getBoolean("second_approval_needed"),
                        rs.getString("second_approved_by"),
                        Sql.instant(rs, "second_approved_at"),
                        (Long) rs.getObject("rights_paper_id")));
    }
}
