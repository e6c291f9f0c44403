package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.bikeguard.tracker.notify.Outbox;

/**
 * Records a rule's decision in one transaction: the {@code zone_event} (once per zone, tag, stay
 * and kind, so a replay or a second member adds nothing), and for a known bike a text notice
 * (fire lane), or a fine case with its notice (fire lane, corridor). The bike is the one the tag is
 * fitted to now. Thread-safe; blocking (JDBC).
 */
final class ZoneEvents {

    private final DataSource ds;

    ZoneEvents(DataSource ds) {
        this.ds = ds;
    }

    /** @return the new event's id, or -1 when it was recorded before */
    long record(ZoneStays.Hit h, Instant now) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id = record(c, h, now);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static long record(Connection c, ZoneStays.Hit h, Instant now) throws SQLException {
        Long bikeId = null;
        Long ownerId = null;
        String phone = null;
        String plate = null;
        try (PreparedStatement st = c.prepareStatement("SELECT b.id, o.id, o.phone, b.plate FROM bikes b"
                + " JOIN owners o ON o.id = b.owner_id WHERE b.tag = ? AND b.status <> 'deregistered'")) {
            st.setLong(1, h.tag());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    bikeId = rs.getLong(1);
                    ownerId = rs.getLong(2);
                    phone = rs.getString(3);
                    plate = rs.getString(4);
                }
            }
        }
        long eventId;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO zone_event (zone_id, kind, tag, bike_id, station,"
                + " enter_at, at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (zone_id, tag, enter_at, kind) DO NOTHING RETURNING id")) {
            st.setString(1, h.zone().id());
            st.setString(2, h.kind().wire);
            st.setLong(3, h.tag());
            st.setObject(4, bikeId);
            st.setString(5, h.station());
            st.setObject(6, utc(Instant.ofEpochMilli(h.enterMs())));
            st.setObject(7, utc(Instant.ofEpochMilli(h.atMs())));
            st.setObject(8, utc(now));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                eventId = rs.getLong(1);
            }
        }
        if (bikeId == null) {
            return eventId;
        }
        JsonObject params = new JsonObject()
                .put("plate", plate)
                .put("zone", h.zone().name())
                .put("zoneKind", h.zone().kind().wire());
        switch (h.kind()) {
            case TEXT ->
                Outbox.enqueue(
                        c,
                        eventId,
                        ownerId,
                        phone,
                        "zone_text",
                        params.put("graceMin", h.zone().graceS() / 60),
                        now);
            case FINE -> {
                long fineId = fine(c, eventId, bikeId, ownerId, h.zone().fineFen(), now);
                Outbox.enqueue(
                        c,
                        eventId,
                        ownerId,
                        phone,
                        "fine",
                        params.put("fine", fineId).put("amountFen", h.zone().fineFen()),
                        now);
            }
            case ENTERED -> {
                // the property's console reads the event; the owner gets no message
            }
        }
        return eventId;
    }

    private static long fine(Connection c, long eventId, long bikeId, long ownerId, long amountFen, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO fine (zone_event_id, bike_id, owner_id,"
                + " amount_fen, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            st.setLong(1, eventId);
            st.setLong(2, bikeId);
            st.setLong(3, ownerId);
            st.setLong(4, amountFen);
            st.setObject(5, utc(now));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
