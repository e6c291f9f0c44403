package org.bikeguard.tracker.traffic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The monthly rules on counted violations (a violation of a registered bike whose appeal did not
 * cancel it), per rider (the bike and its owner at the passage, {@code violation_owner}) and
 * calendar month of Asia/Shanghai: {@value #TRAINING} or more → the
 * owner is enrolled in safety training ({@value #SESSIONS} sessions × 2 h, attendance and exam
 * recorded); {@value #NAMING} or more → the bike is on the public naming list with the masked
 * plate and the count. Enrolment is kept in step by {@link #enrol}: added when a month reaches the
 * threshold, removed when a cancelled appeal takes it below and nothing was recorded yet.
 * Stateless and thread-safe; blocking (JDBC).
 */
public final class MonthlyRules {

    /** Counted violations in a month that bring training. */
    public static final int TRAINING = 3;
    /** Counted violations in a month that bring public naming. */
    public static final int NAMING = 5;
    /** Training sessions of two hours. */
    public static final int SESSIONS = 3;

    /** The condition of a counted violation {@code v}. */
    static final String COUNTED = "v.bike_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM violation_appeal a"
            + " WHERE a.violation_id = v.id AND a.state = 'cancelled')";

    private final DataSource ds;
    private final Clock clock;

    public MonthlyRules(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Brings the month's enrolments in step with its counts; returns how many rows changed. */
    public int enrol(YearMonth m) throws SQLException {
        try (Connection c = ds.getConnection()) {
            int n;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO training_enrolment (bike_id, owner_id, month,"
                    + " violations, enrolled_at) SELECT v.bike_id, vo.owner_id, ?, count(*), ? FROM violation v"
                    + " JOIN violation_owner vo ON vo.violation_id = v.id WHERE v.at >= ? AND v.at < ? AND " + COUNTED
                    + " GROUP BY v.bike_id, vo.owner_id HAVING count(*) >= " + TRAINING
                    + " ON CONFLICT (bike_id, owner_id, month) DO UPDATE SET violations = EXCLUDED.violations"
                    + " WHERE training_enrolment.violations <> EXCLUDED.violations")) {
                st.setString(1, m.toString());
                st.setObject(2, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
                st.setObject(3, utc(Months.start(m)));
                st.setObject(4, utc(Months.end(m)));
                n = st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM training_enrolment t WHERE t.month = ?"
                    + " AND t.exam IS NULL AND NOT (true = ANY (t.attended)) AND (SELECT count(*) FROM violation v"
                    + " JOIN violation_owner vo ON vo.violation_id = v.id WHERE v.bike_id = t.bike_id"
                    + " AND vo.owner_id = t.owner_id AND v.at >= ? AND v.at < ? AND " + COUNTED + ") < " + TRAINING)) {
                st.setString(1, m.toString());
                st.setObject(2, utc(Months.start(m)));
                st.setObject(3, utc(Months.end(m)));
                n += st.executeUpdate();
            }
            return n;
        }
    }

    /** The public naming list of a month: masked plate and count, most violations first. */
    public JsonArray named(YearMonth m) throws SQLException {
        JsonArray out = new JsonArray();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT b.plate, count(*) FROM violation v"
                        + " JOIN violation_owner vo ON vo.violation_id = v.id JOIN bikes b ON b.id = v.bike_id"
                        + " WHERE v.at >= ? AND v.at < ? AND " + COUNTED
                        + " GROUP BY b.id, b.plate, vo.owner_id HAVING count(*) >= " + NAMING
                        + " ORDER BY 2 DESC, 1")) {
            st.setObject(1, utc(Months.start(m)));
            st.setObject(2, utc(Months.end(m)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject()
                            .put("plate", Plates.mask(rs.getString(1)))
                            .put("violations", rs.getLong(2)));
                }
            }
        }
        return out;
    }

    static OffsetDateTime utc(java.time.Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
