package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dated history of a bike (table {@code bike_events}): registration, tag fitted or replaced,
 * battery replaced, ownership transferred, plate replaced, deregistration and the theft-case
 * steps. Rows are only ever added. Blocking (JDBC); stateless; thread-safe.
 */
public final class BikeEvents {

    /** Event kinds. */
    public static final String REGISTERED = "registered";

    public static final String TAG_FITTED = "tag_fitted";
    public static final String TAG_REPLACED = "tag_replaced";
    public static final String BATTERY_REPLACED = "battery_replaced";
    public static final String OWNERSHIP_TRANSFERRED = "ownership_transferred";
    public static final String PLATE_REPLACED = "plate_replaced";
    public static final String DEREGISTERED = "deregistered";
    public static final String THEFT_REPORTED = "theft_reported";
    public static final String THEFT_CONFIRMED = "theft_confirmed";
    public static final String THEFT_RECOVERED = "theft_recovered";
    public static final String THEFT_CLOSED = "theft_closed";

    /**
     * One event.
     *
     * @param at      UTC
     * @param details kind-specific values (old and new tag, plate, owner ids...); never personal data
     */
    public record Event(long id, long bikeId, Instant at, String kind, String actor, JsonObject details) {}

    private BikeEvents() {}

    /** Adds an event inside the caller's transaction. */
    public static void add(Connection c, long bikeId, Instant at, String kind, String actor, JsonObject details)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO bike_events (bike_id, at, kind, actor, details) VALUES (?, ?, ?, ?, ?::jsonb)",
                bikeId,
                at,
                kind,
                actor,
                (details == null ? new JsonObject() : details).encode());
    }

    /** The bike's events, oldest first. */
    public static List<Event> of(Connection c, long bikeId) throws SQLException {
        List<Event> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(
                        c,
                        "SELECT id, at, kind, actor, details::text FROM bike_events WHERE bike_id = ? ORDER BY at, id",
                        bikeId);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Event(
                        rs.getLong(1),
                        bikeId,
                        Sql.instant(rs, "at"),
                        rs.getString(3),
                        rs.getString(4),
                        new JsonObject(rs.getString(5))));
            }
        }
        return out;
    }
}
