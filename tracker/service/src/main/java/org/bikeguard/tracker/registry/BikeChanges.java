package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.protocol.TagIds;

/**
 * Changes to a registered bike, each one transaction that locks the bike row, applies the
 * change, and adds its dated event: tag replaced, plate replaced, battery replaced, ownership
 * transferred, deregistered. A pending owner request of the same kind is marked done. Every method
 * blocks (JDBC): call from worker threads. Thread-safe.
 */
public final class BikeChanges {

    /** A change's outcome: the bike before and after. */
    public record Change(Bike before, Bike after) {}

    private final DataSource ds;
    private final Clock clock;

    public BikeChanges(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Fits a new tag (the old one is unbound with reason {@code replaced}). Allowed on a stolen
     * bike (the caller must then move the watch to the new tag).
     *
     * @throws RegistryException 404 unknown bike, 409 deregistered bike or tag fitted elsewhere,
     *                           400 the same tag
     */
    public Change replaceTag(long bikeId, long newTag, String actor) {
        return change(bikeId, (c, b, now) -> {
            if (b.tag() != null && b.tag() == newTag) {
                throw RegistryException.invalid("tag", "is already fitted to this bike");
            }
            Sql.update(
                    c,
                    "UPDATE tag_bindings SET unbound_at = ?, end_reason = 'replaced' WHERE bike_id = ? AND unbound_at IS NULL",
                    now,
                    bikeId);
            Sql.update(c, "INSERT INTO tag_bindings (tag, bike_id, bound_at) VALUES (?, ?, ?)", newTag, bikeId, now);
            Sql.update(c, "UPDATE bikes SET tag = ? WHERE id = ?", newTag, bikeId);
            BikeEvents.add(
                    c,
                    bikeId,
                    now,
                    BikeEvents.TAG_REPLACED,
                    actor,
                    new JsonObject()
                            .put("oldTag", b.tag() == null ? null : TagIds.format(b.tag()))
                            .put("newTag", TagIds.format(newTag)));
            requestDone(c, bikeId, "tag", now, actor);
        });
    }

    /** Replaces the plate. @throws RegistryException 404, 409 (deregistered, plate in use), 400 same plate */
    public Change replacePlate(long bikeId, String rawPlate, String actor) {
        String plate = Values.plate(rawPlate);
        return change(bikeId, (c, b, now) -> {
            if (b.plate().equals(plate)) {
                throw RegistryException.invalid("plate", "is already this bike's plate");
            }
            Sql.update(c, "UPDATE bikes SET plate = ? WHERE id = ?", plate, bikeId);
            BikeEvents.add(
                    c,
                    bikeId,
                    now,
                    BikeEvents.PLATE_REPLACED,
                    actor,
                    new JsonObject().put("oldPlate", b.plate()).put("newPlate", plate));
            requestDone(c, bikeId, "plate", now, actor);
        });
    }

    /** Records a new battery. @throws RegistryException 404, 409 deregistered */
    public Change replaceBattery(long bikeId, String rawSerial, String actor) {
        String serial = Values.identifier(rawSerial, "batterySerial");
        return change(bikeId, (c, b, now) -> {
            Sql.update(c, "UPDATE bikes SET battery_serial = ? WHERE id = ?", serial, bikeId);
            BikeEvents.add(
                    c,
                    bikeId,
                    now,
                    BikeEvents.BATTERY_REPLACED,
                    actor,
                    new JsonObject().put("oldBatterySerial", b.batterySerial()).put("newBatterySerial", serial));
        });
    }

    /**
     * Transfers the bike to another registered owner. Refused while a theft case is open.
     *
     * @throws RegistryException 404 unknown bike; 400 unknown or same owner; 409 deregistered or stolen
     */
    public Change transfer(long bikeId, long toOwnerId, String actor) {
        return change(bikeId, (c, b, now) -> {
            if (Bike.STOLEN.equals(b.status())) {
                throw RegistryException.conflict(
                        "a bike with an open theft case cannot be transferred", Map.of("status", b.status()));
            }
            if (b.ownerId() == toOwnerId) {
                throw RegistryException.invalid("toOwnerId", "already owns this bike");
            }
            try (var st = Sql.prepare(c, "SELECT 1 FROM owners WHERE id = ?", toOwnerId);
                    var rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw RegistryException.invalid("toOwnerId", "is not a registered owner");
                }
            }
            Sql.update(c, "UPDATE ownerships SET to_at = ? WHERE bike_id = ? AND to_at IS NULL", now, bikeId);
            Sql.update(
                    c, "INSERT INTO ownerships (bike_id, owner_id, from_at) VALUES (?, ?, ?)", bikeId, toOwnerId, now);
            Sql.update(c, "UPDATE bikes SET owner_id = ? WHERE id = ?", toOwnerId, bikeId);
            Sql.update(
                    c,
                    "UPDATE bike_requests SET status = 'cancelled', handled_at = ?, handled_by = ?, note = 'ownership transferred'"
                            + " WHERE bike_id = ? AND status = 'pending'",
                    now,
                    actor,
                    bikeId);
            BikeEvents.add(
                    c,
                    bikeId,
                    now,
                    BikeEvents.OWNERSHIP_TRANSFERRED,
                    actor,
                    new JsonObject().put("fromOwnerId", b.ownerId()).put("toOwnerId", toOwnerId));
        });
    }

    /**
     * Takes the bike out of the registry: the tag is unbound (free to be fitted elsewhere), the
     * plate and frame number may be registered again. Refused while a theft case is open.
     *
     * @throws RegistryException 404 unknown bike; 409 already deregistered or stolen
     */
    public Change deregister(long bikeId, String reason, String actor) {
        String why = Values.optional(reason, "reason", 200);
        return change(bikeId, (c, b, now) -> {
            if (Bike.STOLEN.equals(b.status())) {
                throw RegistryException.conflict(
                        "a bike with an open theft case cannot be deregistered", Map.of("status", b.status()));
            }
            Sql.update(
                    c,
                    "UPDATE tag_bindings SET unbound_at = ?, end_reason = 'deregistered' WHERE bike_id = ? AND unbound_at IS NULL",
                    now,
                    bikeId);
            Sql.update(
                    c,
                    "UPDATE bikes SET status = 'deregistered', tag = NULL, deregistered_at = ? WHERE id = ?",
                    now,
                    bikeId);
            Sql.update(
                    c,
                    "UPDATE bike_requests SET status = 'cancelled', handled_at = ?, handled_by = ?, note = 'deregistered'"
                            + " WHERE bike_id = ? AND status = 'pending'",
                    now,
                    actor,
                    bikeId);
            BikeEvents.add(
                    c,
                    bikeId,
                    now,
                    BikeEvents.DEREGISTERED,
                    actor,
                    new JsonObject().put("reason", why).put("tag", b.tag() == null ? null : TagIds.format(b.tag())));
        });
    }

    @FunctionalInterface
    private interface Step {
        void apply(Connection c, Bike locked, Instant now) throws SQLException;
    }

    private Change change(long bikeId, Step step) {
        try {
            return Sql.tx(ds, c -> {
                Bike before = locked(c, bikeId);
                if (!before.live()) {
                    throw RegistryException.conflict(
                            "bike " + bikeId + " is deregistered", Map.of("status", before.status()));
                }
                step.apply(c, before, clock.instant());
                return new Change(
                        before,
                        Bikes.query(c, "SELECT " + Bikes.COLUMNS + " FROM bikes WHERE id = ?", bikeId)
                                .get(0));
            });
        } catch (IllegalStateException e) {
            throw Bikes.translate(e);
        }
    }

    /** The bike row, locked for update until the transaction ends. */
    static Bike locked(Connection c, long bikeId) throws SQLException {
        List<Bike> l = Bikes.query(c, "SELECT " + Bikes.COLUMNS + " FROM bikes WHERE id = ? FOR UPDATE", bikeId);
        if (l.isEmpty()) {
            throw RegistryException.notFound("bike", bikeId);
        }
        return l.get(0);
    }

    private static void requestDone(Connection c, long bikeId, String kind, Instant now, String actor)
            throws SQLException {
        Sql.update(
                c,
                "UPDATE bike_requests SET status = 'done', handled_at = ?, handled_by = ? WHERE bike_id = ? AND kind = ?"
                        + " AND status = 'pending'",
                now,
                actor,
                bikeId,
                kind);
    }
}
