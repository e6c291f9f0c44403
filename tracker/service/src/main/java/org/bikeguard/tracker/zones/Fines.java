package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.bikeguard.tracker.trajectory.IsoTimes;

/** Fine cases ({@code fine} table). Stateless and thread-safe; blocking (JDBC). */
public final class Fines {

    private final DataSource ds;

    public Fines(DataSource ds) {
        this.ds = ds;
    }

    /** A fine as {@code [amount in fen, 1 when paid else 0, bike id]} if it belongs to {@code ownerId} (any owner when null). */
    Optional<long[]> amountOf(long fineId, Long ownerId) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT amount_fen, CASE state WHEN 'paid' THEN 1 ELSE 0 END, bike_id"
                                + " FROM fine WHERE id = ? AND (?::bigint IS NULL OR owner_id = ?)")) {
            st.setLong(1, fineId);
            st.setObject(2, ownerId);
            st.setObject(3, ownerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                        : Optional.empty();
            }
        }
    }

    /** Marks a fine paid once; returns false when there is no such unpaid fine. */
    boolean markPaid(long fineId, String via, String reference, Instant at) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE fine SET state = 'paid', paid_via = ?,"
                        + " payment_ref = ?, paid_at = ? WHERE id = ? AND state = 'unpaid'")) {
            st.setString(1, via);
            st.setString(2, reference);
            st.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            st.setLong(4, fineId);
            return st.executeUpdate() == 1;
        }
    }

    /** The fines of an owner's bikes, newest first. */
    public JsonArray ofOwner(long ownerId) throws SQLException {
        JsonArray out = new JsonArray();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT f.id, b.plate, z.name, z.kind, f.amount_fen,"
                        + " f.state, f.paid_at, f.paid_via, e.at FROM fine f JOIN bikes b ON b.id = f.bike_id"
                        + " JOIN zone_event e ON e.id = f.zone_event_id JOIN zone z ON z.id = e.zone_id"
                        + " WHERE f.owner_id = ? ORDER BY e.at DESC, f.id DESC")) {
            st.setLong(1, ownerId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime paid = rs.getObject(7, OffsetDateTime.class);
                    out.add(new JsonObject()
                            .put("id", rs.getLong(1))
                            .put("plate", rs.getString(2))
                            .put("zone", rs.getString(3))
                            .put("zoneKind", rs.getString(4))
                            .put("amountFen", rs.getLong(5))
                            .put("state", rs.getString(6))
                            .put("paidAt", paid == null ? null : IsoTimes.format(paid.toInstant()))
                            .put("paidVia", rs.getString(8))
                            .put(
                                    "at",
                                    IsoTimes.format(rs.getObject(9, OffsetDateTime.class)
                                            .toInstant())));
                }
            }
        }
        return out;
    }
}
