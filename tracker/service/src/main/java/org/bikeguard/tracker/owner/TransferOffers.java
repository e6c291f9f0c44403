package org.bikeguard.tracker.owner;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.BikeChanges;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.registry.Sql;

/**
 * Transfers of ownership in two steps (table {@code transfer_offers}): the seller offers their bike
 * to a registered owner, the buyer accepts (after proving their own ID number, checked by the
 * caller) and the bike moves ({@link BikeChanges#transfer}); either side may withdraw a pending
 * offer. One pending offer per bike. Blocking (JDBC); thread-safe.
 */
public final class TransferOffers {

    private static final String SELECT = "SELECT o.id, o.bike_id, o.from_owner, o.to_owner, o.status, o.created_at,"
            + " o.ended_at, b.plate, b.brand, b.colour, s.phone AS from_phone, t.phone AS to_phone"
            + " FROM transfer_offers o JOIN bikes b ON b.id = o.bike_id"
            + " JOIN owners s ON s.id = o.from_owner JOIN owners t ON t.id = o.to_owner";

    private final DataSource ds;
    private final BikeChanges changes;
    private final Clock clock;

    public TransferOffers(DataSource ds, BikeChanges changes, Clock clock) {
        this.ds = ds;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Offers the seller's bike to the buyer.
     *
     * @throws RegistryException 400 the buyer is the seller; 409 the bike is not registered (stolen,
     *                           deregistered) or already has a pending offer
     */
    public JsonObject offer(Bike bike, long toOwner) {
        if (bike.ownerId() == toOwner) {
            throw RegistryException.invalid("toPhone", "is your own phone");
        }
        if (!Bike.REGISTERED.equals(bike.status())) {
            throw RegistryException.conflict(
                    "only a registered bike can be transferred", Map.of("status", bike.status()));
        }
        return Sql.tx(ds, c -> {
            if (one(c, " WHERE o.bike_id = ? AND o.status = 'pending'", bike.id()) != null) {
                throw RegistryException.conflict(
                        "this bike already has a pending transfer", Map.of("status", "pending"));
            }
            long id = Sql.insertId(
                    c,
                    "INSERT INTO transfer_offers (bike_id, from_owner, to_owner, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                    bike.id(),
                    bike.ownerId(),
                    toOwner,
                    clock.instant());
            return one(c, " WHERE o.id = ?", id);
        });
    }

    /** The owner's offers: {@code {"outgoing":[...],"incoming":[...]}}, newest first, at most 50 each. */
    public JsonObject of(long ownerId) {
        return Sql.read(ds, c -> new JsonObject()
                .put("outgoing", list(c, " WHERE o.from_owner = ? ORDER BY o.id DESC LIMIT 50", ownerId))
                .put("incoming", list(c, " WHERE o.to_owner = ? ORDER BY o.id DESC LIMIT 50", ownerId)));
    }

    /** The pending offer to {@code buyer} (404 otherwise). */
    public JsonObject pendingTo(long buyer, long offerId) {
        JsonObject o = Sql.read(ds, c -> one(c, " WHERE o.id = ?", offerId));
        if (o == null || o.getLong("toOwnerId") != buyer) {
            throw RegistryException.notFound("transfer", offerId);
        }
        if (!"pending".equals(o.getString("status"))) {
            throw RegistryException.conflict(
                    "transfer " + offerId + " is " + o.getString("status"), Map.of("status", o.getString("status")));
        }
        return o;
    }

    /** The buyer accepts (their ID number checked by the caller): the bike moves. @return the offer */
    public JsonObject accept(long buyer, long offerId, String actor) {
        JsonObject o = pendingTo(buyer, offerId);
        changes.transfer(o.getLong("bikeId"), buyer, actor);
        return end(offerId, "accepted");
    }

    /** The seller cancels or the buyer declines a pending offer (404 for anyone else). */
    public JsonObject withdraw(long ownerId, long offerId) {
        JsonObject o = Sql.read(ds, c -> one(c, " WHERE o.id = ?", offerId));
        if (o == null || (o.getLong("fromOwnerId") != ownerId && o.getLong("toOwnerId") != ownerId)) {
            throw RegistryException.notFound("transfer", offerId);
        }
        if (!"pending".equals(o.getString("status"))) {
            throw RegistryException.conflict(
                    "transfer " + offerId + " is " + o.getString("status"), Map.of("status", o.getString("status")));
        }
        return end(offerId, o.getLong("fromOwnerId") == ownerId ? "cancelled" : "declined");
    }

    private JsonObject end(long offerId, String status) {
        return Sql.tx(ds, c -> {
            Sql.update(
                    c,
                    "UPDATE transfer_offers SET status = ?, ended_at = ? WHERE id = ? AND status = 'pending'",
                    status,
                    clock.instant(),
                    offerId);
            return one(c, " WHERE o.id = ?", offerId);
        });
    }

    private static JsonObject one(Connection c, String where, Object... params) throws SQLException {
        JsonArray a = list(c, where, params);
        return a.isEmpty() ? null : a.getJsonObject(0);
    }

    private static JsonArray list(Connection c, String where, Object... params) throws SQLException {
        JsonArray out = new JsonArray();
        try (var st = Sql.prepare(c, SELECT + where, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new JsonObject()
                        .put("id", rs.getLong("id"))
                        .put("bikeId", rs.getLong("bike_id"))
                        .put("plate", rs.getString("plate"))
                        .put("brand", rs.getString("brand"))
                        .put("colour", rs.getString("colour"))
                        .put("fromOwnerId", rs.getLong("from_owner"))
                        .put("toOwnerId", rs.getLong("to_owner"))
                        .put("fromPhone", mask(rs.getString("from_phone")))
                        .put("toPhone", mask(rs.getString("to_phone")))
                        .put("status", rs.getString("status"))
                        .put("createdAt", RegistryJson.time(Sql.instant(rs, "created_at")))
                        .put("endedAt", RegistryJson.time(Sql.instant(rs, "ended_at"))));
            }
        }
        return out;
    }

    private static String mask(String phone) {
        return LogSmsGateway.mask(phone);
    }
}
