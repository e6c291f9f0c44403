package org.bikeguard.claims.work;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.store.Sql;

/**
 * Claim reserves: the amount set aside for a claim until it is paid or ends. A theft claim
 * reserves its bracket amount from opening while it is open, referred or approved; a liability
 * claim reserves its assessed payable amount while assessed or settled; every other state holds
 * nothing. {@link #follow} brings the reserve to that amount after each step of a claim and
 * records every change as a row ({@code claim_reserve}: the amount after, the change, the reason,
 * who, when). Money in fen. Static, stateless over the caller's connection; thread-safe.
 */
public final class Reserves {

    private static final Set<String> THEFT_RESERVED = Set.of("open", "referred", "approved");
    private static final Set<String> LIABILITY_RESERVED = Set.of("assessed", "settled");

    private Reserves() {}

    /** The amount a claim of {@code type} in {@code status} with this payout reserves, fen. */
    static long target(String type, String status, Long payoutFen) {
        boolean held = "theft".equals(type) ? THEFT_RESERVED.contains(status) : LIABILITY_RESERVED.contains(status);
        return held && payoutFen != null ? payoutFen : 0L;
    }

    /**
     * Why the reserve changed after {@code action} left the claim in {@code status}: opening,
     * assessment, payment, denial, recovery, closure or adjustment.
     */
    static String reason(String action, String status) {
        if ("recovered".equals(action)) {
            return "recovery";
        }
        return switch (status) {
            case "paid" -> "payment";
            case "denied" -> "denial";
            case "closed", "returned", "salvaged" -> "closure";
            default ->
                switch (action) {
                    case "opened" -> "opening";
                    case "assessed" -> "assessment";
                    default -> "adjustment";
                };
        };
    }

    /** The claim's current reserve, fen (0 when it never had one). */
    public static long current(Connection c, long claimId) throws SQLException {
        Long v = Sql.one(
                c,
                "SELECT amount_fen FROM claim_reserve WHERE claim_id = ? ORDER BY id DESC LIMIT 1",
                rs -> rs.getLong(1),
                claimId);
        return v == null ? 0L : v;
    }

    /**
     * Brings claim {@code claimId}'s reserve to what its state holds; writes a row only when it
     * changes.
     */
    static void follow(
            Connection c,
            long claimId,
            String type,
            String status,
            Long payoutFen,
            String action,
            String by,
            Instant at)
            throws SQLException {
        long now = current(c, claimId);
        long target = target(type, status, payoutFen);
        if (target == now) {
            return;
        }
        Sql.update(
                c,
                "INSERT INTO claim_reserve (claim_id, amount_fen, change_fen, reason, changed_by, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                claimId,
                target,
                target - now,
                reason(action, status),
                by,
                at);
    }

    /** {@code {"currentFen", "changes":[{"amountFen","changeFen","reason","by","at"}]}}, oldest first. */
    public static JsonObject view(Connection c, long claimId) throws SQLException {
        JsonArray changes = new JsonArray(Sql.query(
                c,
                "SELECT * FROM claim_reserve WHERE claim_id = ? ORDER BY id",
                rs -> new JsonObject()
                        .put("amountFen", rs.getLong("amount_fen"))
                        .put("changeFen", rs.getLong("change_fen"))
                        .put("reason", rs.getString("reason"))
                        .put("by", rs.getString("changed_by"))
                        .put("at", ShanghaiTime.format(Sql.instant(rs, "changed_at"))),
                claimId));
        long cur = changes.isEmpty()
                ? 0L
                : changes.getJsonObject(changes.size() - 1).getLong("amountFen");
        return new JsonObject().put("currentFen", cur).put("changes", changes);
    }

    /**
     * Outstanding reserves by kind of claim: {@code {"kinds":[{"kind","claims","outstandingFen"}],
     * "totalFen"}}, both kinds always listed.
     */
    public static JsonObject summary(Connection c) throws SQLException {
        JsonObject byKind = new JsonObject()
                .put(
                        "theft",
                        new JsonObject().put("kind", "theft").put("claims", 0).put("outstandingFen", 0L))
                .put(
                        "liability",
                        new JsonObject()
                                .put("kind", "liability")
                                .put("claims", 0)
                                .put("outstandingFen", 0L));
        Sql.query(
                c,
                "SELECT cl.type, count(*) AS n, sum(r.amount_fen) AS s FROM claim cl JOIN LATERAL "
                        + "(SELECT amount_fen FROM claim_reserve WHERE claim_id = cl.id ORDER BY id DESC LIMIT 1) r ON true "
                        + "WHERE r.amount_fen > 0 GROUP BY cl.type",
                rs -> byKind.getJsonObject(rs.getString("type"))
                        .put("claims", rs.getInt("n"))
                        .put("outstandingFen", rs.getLong("s")));
        long total = byKind.getJsonObject("theft").getLong("outstandingFen")
                + byKind.getJsonObject("liability").getLong("outstandingFen");
        return new JsonObject()
                .put("kinds", new JsonArray().add(byKind.getJsonObject("theft")).add(byKind.getJsonObject("liability")))
                .put("totalFen", total);
    }
}
