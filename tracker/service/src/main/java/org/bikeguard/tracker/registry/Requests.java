package org.bikeguard.tracker.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Owners' requests for a replacement plate, tag or certificate card (table {@code bike_requests}).
 * Installation staff fulfil plate and tag requests through the bike changes ({@link BikeChanges}
 * marks the pending request of the same kind done) or reject them; a card is reprinted at the
 * counter (the card carries the same certificate code). At most one pending request per bike and kind. Every method
 * blocks (JDBC): call from worker threads. Thread-safe.
 */
public final class Requests {

    /** Request kinds. */
    public static final Set<String> KINDS = Set.of("plate", "tag", "card");

    /**
     * One request; instants UTC.
     *
     * @param status {@code pending}, {@code done}, {@code rejected} or {@code cancelled}
     */
    public record Request(
            long id,
            long bikeId,
            long ownerId,
            String kind,
            String reason,
            String status,
            Instant createdAt,
            Instant handledAt,
            String handledBy,
            String note) {}

    private static final String SELECT = "SELECT id, bike_id, owner_id, kind, reason, status, created_at, handled_at,"
            + " handled_by, note FROM bike_requests";

    private final DataSource ds;
    private final Clock clock;

    public Requests(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Files a request for the owner's bike.
     *
     * @throws RegistryException 404 not the owner's bike; 409 deregistered or one already pending; 400 bad kind
     */
    public long create(long ownerId, long bikeId, String kind, String reason) {
        if (kind == null || !KINDS.contains(kind)) {
            throw RegistryException.invalid("kind", "must be plate, tag or card");
        }
        String why = Values.optional(reason, "reason", 500);
        try {
            return Sql.tx(ds, c -> {
                Bike b = BikeChanges.locked(c, bikeId);
                if (b.ownerId() != ownerId) {
                    throw RegistryException.notFound("bike", bikeId);
                }
                if (!b.live()) {
                    throw RegistryException.conflict(
                            "bike " + bikeId + " is deregistered", Map.of("status", b.status()));
                }
                return Sql.insertId(
                        c,
                        "INSERT INTO bike_requests (bike_id, owner_id, kind, reason, created_at) VALUES (?, ?, ?, ?, ?)"
                                + " RETURNING id",
                        bikeId,
                        ownerId,
                        kind,
                        why,
                        clock.instant());
            });
        } catch (IllegalStateException e) {
            if (Sql.uniqueViolation(e, "bike_requests_pending_idx")) {
                throw RegistryException.conflict(
                        "a " + kind + " request for bike " + bikeId + " is already pending", Map.of("kind", kind));
            }
            throw e;
        }
    }

    /** The owner's requests, newest first. */
    public List<Request> byOwner(long ownerId) {
        return Sql.read(ds, c -> query(c, SELECT + " WHERE owner_id = ? ORDER BY id DESC", ownerId));
    }

    /** Requests with {@code status}, oldest first (the staff's queue), at most {@code limit}. */
    public List<Request> withStatus(String status, int limit) {
        return Sql.read(ds, c -> query(c, SELECT + " WHERE status = ? ORDER BY id LIMIT ?", status, limit));
    }

    /**
     * Ends a pending request as {@code rejected} (staff) or {@code cancelled} (the owner: pass
     * {@code ownerId}, others' requests are "not found").
     *
     * @throws RegistryException 404 unknown; 409 not pending
     */
    public Request end(long id, boolean cancelledByOwner, Long ownerId, String note, String actor) {
        String text = Values.optional(note, "note", 500);
        return Sql.tx(ds, c -> {
            List<Request> l = query(c, SELECT + " WHERE id = ? FOR UPDATE", id);
            if (l.isEmpty() || (ownerId != null && l.get(0).ownerId() != ownerId)) {
                throw RegistryException.notFound("request", id);
            }
            if (!"pending".equals(l.get(0).status())) {
                throw RegistryException.conflict(
                        "request " + id + " is " + l.get(0).status(),
                        Map.of("status", l.get(0).status()));
            }
            Sql.update(
                    c,
                    "UPDATE bike_requests SET status = ?, handled_at = ?, handled_by = ?, note = ? WHERE id = ?",
                    cancelledByOwner ? "cancelled" : "rejected",
                    clock.instant(),
                    actor,
                    text,
                    id);
            return query(c, SELECT + " WHERE id = ?", id).get(0);
        });
    }

    private static List<Request> query(Connection c, String sql, Object... params) throws SQLException {
        List<Request> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Request(
                        rs.getLong("id"),
                        rs.getLong("bike_id"),
                        rs.getLong("owner_id"),
                        rs.getString("kind"),
                        rs.getString("reason"),
                        rs.getString("status"),
                        Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "handled_at"),
                        rs.getString("handled_by"),
                        rs.getString("note")));
            }
        }
        return out;
    }
}
