package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
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
import org.bikeguard.protocol.TagIds;

/**
 * Registered bikes (table {@code bikes}) with their tag bindings, ownerships and history; the
 * reads and the registration. Changes after registration are in {@link BikeChanges}. Every
 * method blocks (JDBC): call from worker threads. Thread-safe.
 */
public final class Bikes {

    static final String COLUMNS = "id, owner_id, tag, plate, frame_no, motor_no, battery_serial, brand, model, colour,"
            + " purchase_date, purchase_price_fen, status, certificate_code, installation_point, registered_at,"
            + " deregistered_at";

    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A period during which {@code tag} was fitted to a bike: [from, to), {@code to} null while fitted. */
    public record Binding(long tag, long bikeId, Instant from, Instant to) {}

    private final DataSource ds;
    private final Clock clock;

    public Bikes(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Registers a bike with its first tag, in one transaction: the bike, the tag binding, the
     * ownership and the events {@code registered} and {@code tag_fitted}.
     *
     * @return the new bike's id
     * @throws RegistryException 400 for an unknown owner or installation point; 409 when the plate,
     *                           frame number or tag belongs to another registered bike
     */
    public long register(BikeInput in, String actor) {
        Instant now = clock.instant();
        in.notAfter(Values.today(clock));
        try {
            return Sql.tx(ds, c -> {
                long id = Sql.insertId(
                        c,
                        "INSERT INTO bikes (owner_id, tag, plate, frame_no, motor_no, battery_serial, brand,"
                                + " model, colour, purchase_date, purchase_price_fen, certificate_code, installation_point,"
                                + " registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        in.ownerId(),
                        in.tag(),
                        in.plate(),
                        in.frameNo(),
                        in.motorNo(),
                        in.batterySerial(),
                        in.brand(),
                        in.model(),
                        in.colour(),
                        in.purchaseDate(),
                        in.purchasePriceFen(),
                        newCertificateCode(),
                        in.installationPoint(),
                        now,
                        actor);
                Sql.update(c, "INSERT INTO tag_bindings (tag, bike_id, bound_at) VALUES (?, ?, ?)", in.tag(), id, now);
                Sql.update(
                        c,
                        "INSERT INTO ownerships (bike_id, owner_id, from_at) VALUES (?, ?, ?)",
                        id,
                        in.ownerId(),
                        now);
                BikeEvents.add(
                        c,
                        id,
                        now,
                        BikeEvents.REGISTERED,
                        actor,
                        new JsonObject()
                                .put("ownerId", in.ownerId())
                                .put("plate", in.plate())
                                .put("installationPoint", in.installationPoint()));
                BikeEvents.add(
                        c, id, now, BikeEvents.TAG_FITTED, actor, new JsonObject().put("tag", TagIds.format(in.tag())));
                return id;
            });
        } catch (IllegalStateException e) {
            throw translate(e);
        }
    }

    /** Maps constraint violations of bike writes to 400/409. */
    static RuntimeException translate(IllegalStateException e) {
        if (Sql.uniqueViolation(e, "bikes_plate_live_idx")) {
            return RegistryException.conflict("the plate belongs to another registered bike", Map.of("field", "plate"));
        }
        if (Sql.uniqueViolation(e, "bikes_frame_live_idx")) {
            return RegistryException.conflict(
                    "the frame number belongs to another registered bike", Map.of("field", "frameNo"));
        }
        if (Sql.uniqueViolation(e, "bikes_tag_live_idx") || Sql.uniqueViolation(e, "tag_bindings_open_tag_idx")) {
            return RegistryException.conflict("the tag is fitted to another registered bike", Map.of("field", "tag"));
        }
        String fk = foreignKey(e);
        if (fk != null) {
            return fk.contains("installation_point")
                    ? RegistryException.invalid("installationPoint", "is not a known installation point")
                    : fk.contains("owner") ? RegistryException.invalid("ownerId", "is not a registered owner") : e;
        }
        return e;
    }

    private static String foreignKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23503".equals(s.getSQLState())) {
                return String.valueOf(s.getMessage());
            }
        }
        return null;
    }

    /** A fresh random certificate code: 12 characters of Crockford base32 (60 bits). */
    static String newCertificateCode() {
        StringBuilder b = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            b.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return b.toString();
    }

    /** The bike with this id, deregistered ones included. */
    public Optional<Bike> byId(long id) {
        return first(Sql.read(ds, c -> query(c, "SELECT " + COLUMNS + " FROM bikes WHERE id = ?", id)));
    }

    /** The owner's bikes (deregistered ones included), by id. */
    public List<Bike> byOwner(long ownerId) {
        return Sql.read(ds, c -> query(c, "SELECT " + COLUMNS + " FROM bikes WHERE owner_id = ? ORDER BY id", ownerId));
    }

    /** The registered (not deregistered) bike with this plate (any form). */
    public Optional<Bike> byPlate(String plate) {
        return first(Sql.read(
                ds,
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM bikes WHERE plate = ? AND status <> 'deregistered'",
                        Values.plate(plate))));
    }

    /** The registered (not deregistered) bike with this frame number (any form). */
    public Optional<Bike> byFrameNo(String frameNo) {
        return first(Sql.read(
                ds,
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM bikes WHERE frame_no = ? AND status <> 'deregistered'",
                        Values.frameNo(frameNo))));
    }

    /** The registered bike the tag is fitted to now. */
    public Optional<Bike> byTag(long tag) {
        return first(Sql.read(
                ds,
                c -> query(c, "SELECT " + COLUMNS + " FROM bikes WHERE tag = ? AND status <> 'deregistered'", tag)));
    }

    /** The bike whose QR certificate carries {@code code} (case-insensitive). */
    public Optional<Bike> byCertificate(String code) {
        if (code == null || code.length() > 32) {
            return Optional.empty();
        }
        return first(Sql.read(
                ds,
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM bikes WHERE certificate_code = ?",
                        code.trim().toUpperCase(java.util.Locale.ROOT))));
    }

    /** The bike's dated history, oldest first. */
    public List<BikeEvents.Event> history(long bikeId) {
        return Sql.read(ds, c -> BikeEvents.of(c, bikeId));
    }

    /** The tags fitted to the bike at some time in [from, to), oldest first. */
    public List<Binding> bindings(long bikeId, Instant from, Instant to) {
        return Sql.read(ds, c -> bindings(c, bikeId, from, to));
    }

    /** As {@link #bindings(long, Instant, Instant)}, on the caller's connection. */
    public static List<Binding> bindings(Connection c, long bikeId, Instant from, Instant to) throws SQLException {
        List<Binding> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(
                        c,
                        "SELECT tag, bound_at, unbound_at FROM tag_bindings WHERE bike_id = ?"
                                + " AND bound_at < ? AND (unbound_at IS NULL OR unbound_at > ?) ORDER BY bound_at",
                        bikeId,
                        to,
                        from);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Binding(rs.getLong(1), bikeId, Sql.instant(rs, "bound_at"), Sql.instant(rs, "unbound_at")));
            }
        }
        return out;
    }

    /**
     * Whether a registered bike with this plate or frame number has an open theft case (reported
     * or confirmed). Exactly one of the two is given; an unknown or malformed value is "not stolen".
     */
    public boolean stolen(String plate, String frameNo) {
        String column = plate != null ? "plate" : "frame_no";
        String value;
        try {
            value = plate != null ? Values.plate(plate) : Values.frameNo(frameNo);
        } catch (RegistryException e) {
            return false;
        }
        return Sql.read(ds, c -> {
            try (PreparedStatement st = Sql.prepare(
                            c, "SELECT 1 FROM bikes WHERE " + column + " = ? AND status = 'stolen'", value);
                    ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        });
    }

    static List<Bike> query(Connection c, String sql, Object... params) throws SQLException {
        List<Bike> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Bike(
                        rs.getLong("id"),
                        rs.getLong("owner_id"),
                        Sql.nullableLong(rs, "tag"),
                        rs.getString("plate"),
                        rs.getString("frame_no"),
                        rs.getString("motor_no"),
                        rs.getString("battery_serial"),
                        rs.getString("brand"),
                        rs.getString("model"),
                        rs.getString("colour"),
                        rs.getObject("purchase_date", LocalDate.class),
                        rs.getLong("purchase_price_fen"),
                        rs.getString("status"),
                        rs.getString("certificate_code"),
                        rs.getString("installation_point"),
                        Sql.instant(rs, "registered_at"),
                        Sql.instant(rs, "deregistered_at")));
            }
        }
        return out;
    }

    private static <T> Optional<T> first(List<T> l) {
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }
}
