package org.bikeguard.tracker.traffic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import javax.sql.DataSource;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The traffic police's reads: the month's dashboard, training enrolments, and an owner's
 * violations. Counted violations only (see {@link MonthlyRules}). Stateless and thread-safe;
 * blocking (JDBC).
 */
final class TrafficQueries {

    /** Months shown in the trend, the chosen one included. */
    static final int TREND_MONTHS = 6;

    private final DataSource ds;

    TrafficQueries(DataSource ds) {
        this.ds = ds;
    }

    /** {@code {"month","total","byIntersection":[{intersection,count}],"byHour":[24],"byKind":{},"trend":[{month,count}]}}. */
    JsonObject dashboard(YearMonth m) throws SQLException {
        JsonObject out = new JsonObject().put("month", m.toString()).put("zone", Months.ZONE.getId());
        try (Connection c = ds.getConnection()) {
            JsonArray byIntersection = new JsonArray();
            long total = 0;
            for (Object[] row : rows(c, "v.intersection_id", m, "2 DESC, 1 LIMIT 50")) {
                byIntersection.add(new JsonObject().put("intersection", row[0]).put("count", row[1]));
            }
            long[] hours = new long[24];
            for (Object[] row : rows(c, "extract(hour FROM v.at AT TIME ZONE 'Asia/Shanghai')::int", m, "1")) {
                hours[((Number) row[0]).intValue()] = (Long) row[1];
                total += (Long) row[1];
            }
            JsonObject byKind =
                    new JsonObject().put("red_light", 0L).put("wrong_way", 0L).put("motor_lane", 0L);
            for (Object[] row : rows(c, "v.kind", m, "1")) {
                byKind.put((String) row[0], row[1]);
            }
            JsonArray trend = new JsonArray();
            for (int i = TREND_MONTHS - 1; i >= 0; i--) {
                YearMonth t = m.minusMonths(i);
                trend.add(new JsonObject().put("month", t.toString()).put("count", count(c, t)));
            }
            JsonArray hourArray = new JsonArray();
            for (long h : hours) {
                hourArray.add(h);
            }
            return out.put("total", total)
                    .put("byIntersection", byIntersection)
                    .put("byHour", hourArray)
                    .put("byKind", byKind)
                    .put("trend", trend);
        }
    }

    private static java.util.List<Object[]> rows(Connection c, String key, YearMonth m, String order)
            throws SQLException {
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + key + ", count(*) FROM violation v"
                + " WHERE v.at >= ? AND v.at < ? AND " + MonthlyRules.COUNTED + " GROUP BY 1 ORDER BY " + order)) {
            st.setObject(1, MonthlyRules.utc(Months.start(m)));
            st.setObject(2, MonthlyRules.utc(Months.end(m)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[] {rs.getObject(1), rs.getLong(2)});
                }
            }
        }
        return out;
    }

    private static long count(Connection c, YearMonth m) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM violation v WHERE v.at >= ? AND v.at < ?" + " AND " + MonthlyRules.COUNTED)) {
            st.setObject(1, MonthlyRules.utc(Months.start(m)));
            st.setObject(2, MonthlyRules.utc(Months.end(m)));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The month's enrolments with the owner's name and phone (traffic police only). */
    JsonArray enrolments(YearMonth m) throws SQLException {
        JsonArray out = new JsonArray();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT t.id, b.plate, o.name, o.phone, t.violations,"
                        + " t.attended, t.exam FROM training_enrolment t JOIN bikes b ON b.id = t.bike_id"
                        + " JOIN owners o ON o.id = t.owner_id WHERE t.month = ? ORDER BY t.violations DESC, t.id")) {
            st.setString(1, m.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(enrolment(rs).put("month", m.toString()));
                }
            }
        }
        return out;
    }

    private static JsonObject enrolment(ResultSet rs) throws SQLException {
        JsonArray attended = new JsonArray();
        Array a = rs.getArray(6);
        for (Boolean b : (Boolean[]) a.getArray()) {
            attended.add(b);
        }
        return new JsonObject()
                .put("id", rs.getLong(1))
                .put("plate", rs.getString(2))
                .put("owner", rs.getString(3))
                .put("phone", rs.getString(4))
                .put("violations", rs.getInt(5))
                .put("sessions", MonthlyRules.SESSIONS)
                .put("sessionHours", 2)
                .put("attended", attended)
                .put("exam", rs.getString(7));
    }

    /** Records attendance (three booleans) and the exam ({@code passed}, {@code failed} or null). 404 unknown. */
    void record(long id, Boolean[] attended, String exam, String by) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE training_enrolment SET attended = ?, exam = ?, updated_by = ? WHERE id = ?")) {
            st.setArray(1, c.createArrayOf("boolean", attended));
            st.setString(2, exam);
            st.setString(3, by);
            st.setLong(4, id);
            if (st.executeUpdate() == 0) {
                throw new NotFoundException("no enrolment " + id, new JsonObject().put("id", id));
            }
        }
    }

    /** An owner's violations (on bikes they owned at the passage), newest first, with appeal and notice state. */
    JsonArray ofOwner(long ownerId) throws SQLException {
        JsonArray out = new JsonArray();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT v.id, v.tag, b.plate, v.kind, v.intersection_id,"
                        + " v.at, v.confidence, a.state, a.reason, a.note, n.state, n.sent_at FROM violation v"
                        + " JOIN bikes b ON b.id = v.bike_id LEFT JOIN violation_appeal a ON a.violation_id = v.id"
                        + " LEFT JOIN notice n ON n.violation_id = v.id JOIN violation_owner vo ON vo.violation_id = v.id"
                        + " WHERE v.bike_id IN (SELECT bike_id FROM ownerships WHERE owner_id = ?) AND vo.owner_id = ?"
                        + " ORDER BY v.at DESC, v.id DESC LIMIT 1000")) {
            st.setLong(1, ownerId);
            st.setLong(2, ownerId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String appeal = rs.getString(8);
                    OffsetDateTime sent = rs.getObject(12, OffsetDateTime.class);
                    out.add(new JsonObject()
                            .put("id", rs.getLong(1))
                            .put("tag", Long.toHexString(rs.getLong(2)).toUpperCase(java.util.Locale.ROOT))
                            .put("plate", rs.getString(3))
                            .put("kind", rs.getString(4))
                            .put("intersection", rs.getString(5))
                            .put(
                                    "at",
                                    IsoTimes.format(rs.getObject(6, OffsetDateTime.class)
                                            .toInstant()))
                            .put("confidence", rs.getDouble(7))
                            .put("counted", !"cancelled".equals(appeal))
                            .put(
                                    "appeal",
                                    appeal == null
                                            ? null
                                            : new JsonObject()
                                                    .put("state", appeal)
                                                    .put("reason", rs.getString(9))
                                                    .put("note", rs.getString(10)))
                            .put(
                                    "notice",
                                    rs.getString(11) == null
                                            ? null
                                            : new JsonObject()
                                                    .put("state", rs.getString(11))
                                                    .put(
                                                            "sentAt",
                                                            sent == null ? null : IsoTimes.format(sent.toInstant()))));
                }
            }
        }
        return out;
    }
}
