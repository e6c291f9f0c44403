package org.bikeguard.tracker.traffic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.bikeguard.common.web.ConflictException;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * Appeals against violations: an owner files one per violation of their bike; a traffic officer
 * decides it once ({@code upheld}: the violation stands; {@code cancelled}: it no longer counts).
 * Stateless and thread-safe; blocking (JDBC).
 */
final class Appeals {

    private final DataSource ds;

    Appeals(DataSource ds) {
        this.ds = ds;
    }

    /** Files an appeal; 404 unless the owner owned the bike at the passage, 409 when appealed before. */
    void file(long violationId, long ownerId, String reason, Instant now) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement st =
                    c.prepareStatement("SELECT 1 FROM violation_owner WHERE violation_id = ? AND owner_id = ?")) {
                st.setLong(1, violationId);
                st.setLong(2, ownerId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException(
                                "no violation " + violationId, new JsonObject().put("id", violationId));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO violation_appeal (violation_id, owner_id,"
                    + " reason, filed_at) VALUES (?, ?, ?, ?) ON CONFLICT (violation_id) DO NOTHING")) {
                st.setLong(1, violationId);
                st.setLong(2, ownerId);
                st.setString(3, reason);
                st.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                if (st.executeUpdate() == 0) {
                    throw new ConflictException(
                            "violation " + violationId + " is appealed already",
                            new JsonObject().put("id", violationId));
                }
            }
        }
    }

    /** Decides a pending appeal; 404 without an appeal, 409 when decided before. */
    void decide(long violationId, String decision, String note, String by, Instant now) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE violation_appeal SET state = ?, note = ?,"
                        + " decided_by = ?, decided_at = ? WHERE violation_id = ? AND state = 'pending'")) {
            st.setString(1, decision);
            st.setString(2, note);
            st.setString(3, by);
            st.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            st.setLong(5, violationId);
            if (st.executeUpdate() == 1) {
                return;
            }
        }
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT state FROM violation_appeal WHERE violation_id = ?")) {
            st.setLong(1, violationId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException(
                            "no appeal of violation " + violationId, new JsonObject().put("id", violationId));
                }
                throw new ConflictException(
                        "the appeal is decided: " + rs.getString(1), new JsonObject().put("id", violationId));
            }
        }
    }

    /** Appeals in a state, oldest first, with the violation and plate. */
    JsonArray list(String state, int limit) throws SQLException {
        JsonArray out = new JsonArray();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT a.violation_id, b.plate, v.kind, v.intersection_id,"
                        + " v.at, a.reason, a.filed_at, a.state, a.decided_by, a.note FROM violation_appeal a"
                        + " JOIN violation v ON v.id = a.violation_id LEFT JOIN bikes b ON b.id = v.bike_id"
                        + " WHERE a.state = ? ORDER BY a.filed_at, a.violation_id LIMIT ?")) {
            st.setString(1, state);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject()
                            .put("violation", rs.getLong(1))
                            .put("plate", rs.getString(2))
                            .put("kind", rs.getString(3))
                            .put("intersection", rs.getString(4))
                            .put(
                                    "at",
                                    IsoTimes.format(rs.getObject(5, OffsetDateTime.class)
                                            .toInstant()))
                            .put("reason", rs.getString(6))
                            .put(
                                    "filedAt",
                                    IsoTimes.format(rs.getObject(7, OffsetDateTime.class)
                                            .toInstant()))
                            .put("state", rs.getString(8))
                            .put("decidedBy", rs.getString(9))
                            .put("note", rs.getString(10)));
                }
            }
        }
        return out;
    }
}
