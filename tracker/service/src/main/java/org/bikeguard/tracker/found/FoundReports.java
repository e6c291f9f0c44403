package org.bikeguard.tracker.found;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bikeguard.tracker.registry.Sql;

/**
 * The found reports (table {@code found_reports}). Every method blocks (JDBC): call from worker
 * threads. Thread-safe.
 */
public final class FoundReports {

    /** What a finder gives: a position (both or neither), or a place, and a note. */
    public record Input(Double lon, Double lat, Double accuracyM, String place, String note) {}

    private static final String SELECT = "SELECT f.id, f.bike_id, b.plate, f.bike_status, f.case_id, t.case_no,"
            + " f.reported_at, f.lon, f.lat, f.accuracy_m, f.place, f.note, f.handled_at, f.handled_by"
            + " FROM found_reports f JOIN bikes b ON b.id = f.bike_id LEFT JOIN theft_cases t ON t.id = f.case_id";

    private final DataSource ds;
    private final Clock clock;

    /** @param clock the tracker's clock: the report and handling times */
    public FoundReports(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Stores a report on bike {@code bikeId} with the bike's status and open case now; returns it. */
    public FoundReport add(long bikeId, Input in) {
        Instant now = clock.instant();
        return Sql.tx(ds, c -> {
            long id = Sql.insertId(
                    c,
                    "INSERT INTO found_reports (bike_id, reported_at, lon, lat, accuracy_m, place, note, bike_status,"
                            + " case_id) SELECT b.id, ?, ?, ?, ?, ?, ?, b.status, (SELECT t.id FROM theft_cases t"
                            + " WHERE t.bike_id = b.id AND t.status IN ('reported', 'confirmed'))"
                            + " FROM bikes b WHERE b.id = ? RETURNING id",
                    now,
                    in.lon(),
                    in.lat(),
                    in.accuracyM(),
                    in.place(),
                    in.note(),
                    bikeId);
            return one(c, id).orElseThrow();
        });
    }

    /**
     * Reports newest first, at most {@code limit}.
     *
     * @param openOnly only those no officer has marked handled
     */
    public List<FoundReport> list(boolean openOnly, int limit) {
        return Sql.read(
                ds,
                c -> query(
                        c,
                        SELECT + (openOnly ? " WHERE f.handled_at IS NULL" : "")
                                + " ORDER BY f.reported_at DESC, f.id DESC LIMIT ?",
                        limit));
    }

    /** Marks a report handled by {@code officer} (again: unchanged); empty when there is no such report. */
    public Optional<FoundReport> handle(long id, String officer) {
        Instant now = clock.instant();
        return Sql.tx(ds, c -> {
            Sql.update(
                    c,
                    "UPDATE found_reports SET handled_at = ?, handled_by = ? WHERE id = ? AND handled_at IS NULL",
                    now,
                    officer,
                    id);
            return one(c, id);
        });
    }

    private static Optional<FoundReport> one(Connection c, long id) throws SQLException {
        List<FoundReport> l = query(c, SELECT + " WHERE f.id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<FoundReport> query(Connection c, String sql, Object... params) throws SQLException {
        List<FoundReport> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new FoundReport(
                        rs.getLong("id"),
                        rs.getLong("bike_id"),
                        rs.getString("plate"),
                        rs.getString("bike_status"),
                        Sql.nullableLong(rs, "case_id"),
                        rs.getString("case_no"),
                        Sql.instant(rs, "reported_at"),
                        nullableDouble(rs, "lon"),
                        nullableDouble(rs, "lat"),
                        nullableDouble(rs, "accuracy_m"),
                        rs.getString("place"),
                        rs.getString("note"),
                        Sql.instant(rs, "handled_at"),
                        rs.getString("handled_by")));
            }
        }
        return out;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
