package org.bikeguard.tracker.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Installation points (where tags are fitted and bikes registered) and the appointments owners
 * book there for an Asia/Shanghai day, within the point's daily capacity (enforced under a lock
 * on the point's row, so concurrent bookings never overfill a day). Every method blocks (JDBC):
 * call from worker threads. Thread-safe.
 */
public final class Appointments {

    /** How far ahead a day may be booked. */
    public static final int MAX_DAYS_AHEAD = 60;

    /** An installation point; {@code station} is its base station id or null. */
    public record Point(String id, String name, String address, String station, int dailyCapacity) {}

    /** An appointment; {@code day} is an Asia/Shanghai date, {@code status} booked, cancelled or done. */
    public record Appointment(
            long id, long ownerId, String point, LocalDate day, String note, String status, Instant createdAt) {}

    private final DataSource ds;
    private final Clock clock;

    public Appointments(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Creates or updates a point.
     *
     * @return whether it was created
     * @throws RegistryException 400 for a bad id, capacity or unknown station
     */
    public boolean savePoint(Point p) {
        if (p.id() == null || !p.id().matches("[A-Za-z0-9._-]{1,32}")) {
            throw RegistryException.invalid("id", "must be 1..32 characters of [A-Za-z0-9._-]");
        }
        if (p.dailyCapacity() < 0 || p.dailyCapacity() > 10_000) {
            throw RegistryException.invalid("dailyCapacity", "must be 0..10000");
        }
        String name = Values.required(p.name(), "name", 100);
        String address = Values.optional(p.address(), "address", 200);
        try {
            return Sql.tx(ds, c -> {
                try (PreparedStatement st = Sql.prepare(
                                c,
                                "INSERT INTO installation_points (id, name, address, station, daily_capacity)"
                                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address,"
                                        + " station = EXCLUDED.station, daily_capacity = EXCLUDED.daily_capacity, updated_at = now()"
                                        + " RETURNING (xmax = 0)",
                                p.id(),
                                name,
                                address,
                                p.station(),
                                p.dailyCapacity());
                        ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            });
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("installation_points_station_fkey")) {
                throw RegistryException.invalid("station", "is not a known station");
            }
            throw e;
        }
    }

    /** Every point, by id. */
    public List<Point> points() {
        return Sql.read(ds, c -> {
            List<Point> out = new ArrayList<>();
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT id, name, address, station, daily_capacity FROM installation_points ORDER BY id");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Point(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
            return out;
        });
    }

    /** The point with this id. */
    public Optional<Point> point(String id) {
        return points().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * Books {@code day} at {@code point} for the owner.
     *
     * @throws RegistryException 400 unknown point or a day in the past or too far ahead; 409 day full
     *                           or the owner already booked that point and day
     */
    public long book(long ownerId, String point, LocalDate day, String note) {
        LocalDate today = Values.today(clock);
        if (day.isBefore(today) || day.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw RegistryException.invalid(
                    "day", "must be from today to " + MAX_DAYS_AHEAD + " days ahead (Asia/Shanghai)");
        }
        String text = Values.optional(note, "note", 500);
        return Sql.tx(ds, c -> {
            int capacity;
            try (PreparedStatement st = Sql.prepare(
                            c, "SELECT daily_capacity FROM installation_points WHERE id = ? FOR UPDATE", point);
                    ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw RegistryException.invalid("point", "is not a known installation point");
                }
                capacity = rs.getInt(1);
            }
            if (count(
                            c,
                            "SELECT count(*) FROM appointments WHERE point = ? AND day = ? AND owner_id = ? AND status = 'booked'",
                            point,
                            day,
                            ownerId)
                    > 0) {
                throw RegistryException.conflict(
                        "you already booked " + point + " on " + day, Map.of("day", day.toString()));
            }
            if (count(
                            c,
                            "SELECT count(*) FROM appointments WHERE point = ? AND day = ? AND status = 'booked'",
                            point,
                            day)
                    >= capacity) {
                throw RegistryException.conflict(point + " is fully booked on " + day, Map.of("day", day.toString()));
            }
            return Sql.insertId(
                    c,
                    "INSERT INTO appointments (owner_id, point, day, note, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    ownerId,
                    point,
                    day,
                    text,
                    clock.instant());
        });
    }

    /** Cancels the owner's booked appointment. @throws RegistryException 404 not theirs, 409 not booked */
    public Appointment cancel(long ownerId, long id) {
        return Sql.tx(ds, c -> {
            List<Appointment> l = query(c, "SELECT * FROM appointments WHERE id = ? FOR UPDATE", id);
            if (l.isEmpty() || l.get(0).ownerId() != ownerId) {
                throw RegistryException.notFound("appointment", id);
            }
            if (!"booked".equals(l.get(0).status())) {
                throw RegistryException.conflict(
                        "appointment " + id + " is " + l.get(0).status(),
                        Map.of("status", l.get(0).status()));
            }
            Sql.update(c, "UPDATE appointments SET status = 'cancelled' WHERE id = ?", id);
            return query(c, "SELECT * FROM appointments WHERE id = ?", id).get(0);
        });
    }

    /** The owner's appointments, latest day first. */
    public List<Appointment> byOwner(long ownerId) {
        return Sql.read(
                ds, c -> query(c, "SELECT * FROM appointments WHERE owner_id = ? ORDER BY day DESC, id DESC", ownerId));
    }

    /** The booked appointments of a point on a day, in booking order. */
    public List<Appointment> ofDay(String point, LocalDate day) {
        return Sql.read(
                ds,
                c -> query(
                        c,
                        "SELECT * FROM appointments WHERE point = ? AND day = ? AND status = 'booked' ORDER BY id",
                        point,
                        day));
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Appointment> query(Connection c, String sql, Object... params) throws SQLException {
        List<Appointment> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Appointment(
                        rs.getLong("id"),
                        rs.getLong("owner_id"),
                        rs.getString("point"),
                        rs.getObject("day", LocalDate.class),
                        rs.getString("note"),
                        rs.getString("status"),
                        Sql.instant(rs, "created_at")));
            }
        }
        return out;
    }
}
