package org.bikeguard.tracker.theft;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.BikeEvents;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.Sql;
import org.bikeguard.tracker.registry.Values;

/**
 * Theft cases (table {@code theft_cases}): report, confirm (with pinned evidence), recover,
 * close, and the reads. While a case is open the bike's status is {@code stolen}; each step adds
 * a dated event to the bike's history. Every method blocks (JDBC): call from worker threads.
 * Thread-safe.
 */
public final class TheftCases {

    private static final String SELECT =
            "SELECT t.id, t.bike_id, t.owner_id, t.status, t.case_no, t.stolen_at, t.place,"
                    + " t.description, t.reported_at, t.reported_by, t.confirmed_at, t.confirmed_by, t.recovered_at, t.recovered_by,"
                    + " t.closed_at, t.closed_by, t.outcome_note, b.tag, b.plate FROM theft_cases t JOIN bikes b ON b.id = t.bike_id";

    /** Longest description or place accepted. */
    public static final int MAX_TEXT = 2000;

    private final DataSource ds;
    private final Clock clock;

    public TheftCases(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Opens a case for a bike. {@code ownerId} non-null restricts it to that owner's bikes (others
     * are "not found").
     *
     * @param stolenAt when the bike was stolen (UTC), not after now
     * @return the case id
     * @throws RegistryException 404 unknown bike (or not the owner's), 409 deregistered or a case
     *                           already open, 400 bad values
     */
    public long report(long bikeId, Long ownerId, Instant stolenAt, String place, String description, String actor) {
        Instant now = clock.instant();
        if (stolenAt == null || stolenAt.isAfter(now)) {
            throw RegistryException.invalid("stolenAt", "must not be in the future");
        }
        String where = Values.required(place, "place", MAX_TEXT);
        String what = Values.optional(description, "description", MAX_TEXT);
        try {
            return Sql.tx(ds, c -> {
                Bike b = lockedBike(c, bikeId);
                if (ownerId != null && b.ownerId() != ownerId) {
                    throw RegistryException.notFound("bike", bikeId);
                }
                if (!b.live()) {
                    throw RegistryException.conflict(
                            "bike " + bikeId + " is deregistered", Map.of("status", b.status()));
                }
                long id = Sql.insertId(
                        c,
                        "INSERT INTO theft_cases (bike_id, owner_id, stolen_at, place, description,"
                                + " reported_at, reported_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        bikeId,
                        b.ownerId(),
                        stolenAt,
                        where,
                        what,
                        now,
                        actor);
                Sql.update(c, "UPDATE bikes SET status = 'stolen' WHERE id = ?", bikeId);
                BikeEvents.add(c, bikeId, now, BikeEvents.THEFT_REPORTED, actor, new JsonObject().put("caseId", id));
                return id;
            });
        } catch (IllegalStateException e) {
            if (Sql.uniqueViolation(e, "theft_cases_open_idx")) {
                throw RegistryException.conflict(
                        "bike " + bikeId + " already has an open theft case", Map.of("bikeId", bikeId));
            }
            throw e;
        }
    }

    /** The outcome of {@link #confirm}: the case afterwards, and whether this call confirmed it. */
    public record Confirmed(TheftCase theft, boolean changed) {}

    /**
     * Confirms a reported case with a police case number and pins the evidence compiled for it,
     * in one transaction. Confirming an already confirmed case again with the same number changes
     * nothing (and pins nothing) and answers {@code changed = false}.
     *
     * @param evidence the compiled evidence (its id and case id are ignored)
     * @throws RegistryException 404 unknown case; 409 not reported, confirmed with another
     *                           number, or the case number used by another case; 400 bad number
     */
    public Confirmed confirm(long caseId, String caseNo, Evidence evidence, String actor) {
        String no = caseNumber(caseNo);
        try {
            return Sql.tx(ds, c -> {
                TheftCase t = locked(c, caseId);
                if (TheftCase.CONFIRMED.equals(t.status()) && no.equals(t.caseNo())) {
                    return new Confirmed(t, false);
                }
                if (!TheftCase.REPORTED.equals(t.status())) {
                    throw RegistryException.conflict(
                            "case " + caseId + " is " + t.status() + ", not reported", Map.of("status", t.status()));
                }
                Instant now = clock.instant();
                Sql.update(
                        c,
                        "UPDATE theft_cases SET status = 'confirmed', case_no = ?, confirmed_at = ?, confirmed_by = ? WHERE id = ?",
                        no,
                        now,
                        actor,
                        caseId);
                BikeEvents.add(
                        c,
                        t.bikeId(),
                        now,
                        BikeEvents.THEFT_CONFIRMED,
                        actor,
                        new JsonObject().put("caseId", caseId).put("caseNo", no));
                pin(c, caseId, evidence);
                return new Confirmed(locked(c, caseId), true);
            });
        } catch (IllegalStateException e) {
            if (Sql.uniqueViolation(e, "theft_cases_case_no_key")) {
                throw RegistryException.conflict(
                        "case number " + no + " belongs to another case", Map.of("field", "caseNo"));
            }
            throw e;
        }
    }

    /** Pins more evidence to a case (any status). */
    public Evidence addEvidence(long caseId, Evidence evidence) {
        return Sql.tx(ds, c -> {
            locked(c, caseId);
            long id = pin(c, caseId, evidence);
            return new Evidence(
                    id,
                    caseId,
                    evidence.compiledAt(),
                    evidence.compiledBy(),
                    evidence.from(),
                    evidence.to(),
                    evidence.sightings(),
                    evidence.trajectory());
        });
    }

    /**
     * Ends an open case: {@code recovered} (the bike is back) or {@code closed} (withdrawn, or
     * closed without recovery). The bike is {@code registered} again. {@code ownerId} non-null
     * restricts it to that owner's cases, and only while still {@code reported} (withdrawal).
     *
     * @return the case before and after
     * @throws RegistryException 404 unknown case (or not the owner's); 409 not open
     */
    public TheftCase[] end(long caseId, boolean recovered, Long ownerId, String note, String actor) {
        String text = Values.optional(note, "note", MAX_TEXT);
        return Sql.tx(ds, c -> {
            TheftCase t = locked(c, caseId);
            if (ownerId != null && t.ownerId() != ownerId) {
                throw RegistryException.notFound("theft case", caseId);
            }
            if (!t.open() || (ownerId != null && !TheftCase.REPORTED.equals(t.status()))) {
                throw RegistryException.conflict("case " + caseId + " is " + t.status(), Map.of("status", t.status()));
            }
            Instant now = clock.instant();
            String status = recovered ? TheftCase.RECOVERED : TheftCase.CLOSED;
            String column = recovered ? "recovered" : "closed";
            Sql.update(
                    c,
                    "UPDATE theft_cases SET status = ?, " + column + "_at = ?, " + column + "_by = ?, outcome_note = ?"
                            + " WHERE id = ?",
                    status,
                    now,
                    actor,
                    text,
                    caseId);
            Sql.update(c, "UPDATE bikes SET status = 'registered' WHERE id = ? AND status = 'stolen'", t.bikeId());
            BikeEvents.add(
                    c,
                    t.bikeId(),
                    now,
                    recovered ? BikeEvents.THEFT_RECOVERED : BikeEvents.THEFT_CLOSED,
                    actor,
                    new JsonObject().put("caseId", caseId).put("caseNo", t.caseNo()));
            return new TheftCase[] {t, locked(c, caseId)};
        });
    }

    /** The case with this id. */
    public Optional<TheftCase> byId(long id) {
        List<TheftCase> l = Sql.read(ds, c -> query(c, SELECT + " WHERE t.id = ?", id));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Cases with {@code status} (all when null), newest report first, at most {@code limit}. */
    public List<TheftCase> list(String status, int limit) {
        return Sql.read(
                ds,
                c -> status == null
                        ? query(c, SELECT + " ORDER BY t.reported_at DESC, t.id DESC LIMIT ?", limit)
                        : query(
                                c,
                                SELECT + " WHERE t.status = ? ORDER BY t.reported_at DESC, t.id DESC LIMIT ?",
                                status,
                                limit));
    }

    /** The case with this police case number (exact). */
    public Optional<TheftCase> byCaseNo(String caseNo) {
        List<TheftCase> l = Sql.read(ds, c -> query(c, SELECT + " WHERE t.case_no = ?", caseNo));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * What the case list filters by; null fields do not filter.
     *
     * @param status   the case status
     * @param from     theft time at or after (UTC)
     * @param to       theft time before (UTC)
     * @param stations the case's place: its pinned evidence put the bike at one of these stations,
     *                 or its owner's home station is one of them
     */
    public record Filter(String status, Instant from, Instant to, List<String> stations) {}

    /** One page of a filtered list and how many cases match in all. */
    public record Page(long total, List<TheftCase> cases) {}

    /** The cases matching {@code f}, newest theft first, {@code limit} from {@code offset}. */
    public Page page(Filter f, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            where.append(" AND t.status = ?");
            params.add(f.status());
        }
        if (f.from() != null) {
            where.append(" AND t.stolen_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            where.append(" AND t.stolen_at < ?");
            params.add(f.to());
        }
        if (f.stations() != null) {
            where.append(
                    " AND (EXISTS (SELECT 1 FROM owners o WHERE o.id = t.owner_id AND o.home_station = ANY(?::text[]))"
                            + " OR EXISTS (SELECT 1 FROM theft_evidence e, jsonb_array_elements(e.sightings) s"
                            + " WHERE e.case_id = t.id AND s->>'station' = ANY(?::text[])))");
            String array = textArray(f.stations());
            params.add(array);
            params.add(array);
        }
        return Sql.read(ds, c -> {
            long total;
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT count(*) FROM theft_cases t JOIN bikes b ON b.id = t.bike_id" + where,
                            params.toArray());
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Object> paged = new ArrayList<>(params);
            paged.add(limit);
            paged.add(offset);
            List<TheftCase> rows = query(
                    c, SELECT + where + " ORDER BY t.stolen_at DESC, t.id DESC LIMIT ? OFFSET ?", paged.toArray());
            return new Page(total, rows);
        });
    }

    /** A PostgreSQL text[] literal of plain identifiers (station ids: letters, digits, {@code ._-}). */
    private static String textArray(List<String> ids) {
        StringBuilder b = new StringBuilder("{");
        for (String id : ids) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(id.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    /** The owner's cases (as reporting owner), newest first. */
    public List<TheftCase> byOwner(long ownerId) {
        return Sql.read(
                ds, c -> query(c, SELECT + " WHERE t.owner_id = ? ORDER BY t.reported_at DESC, t.id DESC", ownerId));
    }

    /** The bike's open case. */
    public Optional<TheftCase> openOfBike(long bikeId) {
        List<TheftCase> l = Sql.read(
                ds, c -> query(c, SELECT + " WHERE t.bike_id = ? AND t.status IN ('reported', 'confirmed')", bikeId));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * The open case of the bike {@code tag} is fitted to now, or was fitted to when that case was
     * reported.
     */
    public Optional<TheftCase> openOfTag(long tag) {
        List<TheftCase> l = Sql.read(
                ds,
                c -> query(
                        c,
                        SELECT + " WHERE t.status IN ('reported', 'confirmed') AND (b.tag = ?"
                                + " OR EXISTS (SELECT 1 FROM tag_bindings g WHERE g.bike_id = t.bike_id AND g.tag = ? AND g.bound_at <= t.reported_at"
                                + " AND (g.unbound_at IS NULL OR g.unbound_at > t.stolen_at))) ORDER BY t.id LIMIT 1",
                        tag,
                        tag));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * Every confirmed case with the tag its bike carries now, for (re)filling the watch list, e.g.
     * after the whole cluster restarted.
     */
    public List<TheftCase> confirmedWithTags() {
        return Sql.read(
                ds, c -> query(c, SELECT + " WHERE t.status = 'confirmed' AND b.tag IS NOT NULL ORDER BY t.id"));
    }

    /** The evidence pinned to a case, oldest first. */
    public List<Evidence> evidence(long caseId) {
        return Sql.read(ds, c -> {
            List<Evidence> out = new ArrayList<>();
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT id, compiled_at, compiled_by, from_at, to_at, sightings::text,"
                                    + " trajectory::text FROM theft_evidence WHERE case_id = ? ORDER BY id",
                            caseId);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String traj = rs.getString(7);
                    out.add(new Evidence(
                            rs.getLong(1),
                            caseId,
                            Sql.instant(rs, "compiled_at"),
                            rs.getString(3),
                            Sql.instant(rs, "from_at"),
                            Sql.instant(rs, "to_at"),
                            new io.vertx.core.json.JsonArray(rs.getString(6)),
                            traj == null ? null : new JsonObject(traj)));
                }
            }
            return out;
        });
    }

    /** A checked police case number: 1..64 printable characters. */
    public static String caseNumber(String raw) {
        String s = Values.required(raw, "caseNo", 64);
        if (!s.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
            throw RegistryException.invalid("caseNo", "must be printable characters");
        }
        return s;
    }

    private static long pin(Connection c, long caseId, Evidence e) throws SQLException {
        return Sql.insertId(
                c,
                "INSERT INTO theft_evidence (case_id, compiled_at, compiled_by, from_at, to_at, sightings, trajectory)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING id",
                caseId,
                e.compiledAt(),
                e.compiledBy(),
                e.from(),
                e.to(),
                e.sightings().encode(),
                e.trajectory() == null ? null : e.trajectory().encode());
    }

    private static TheftCase locked(Connection c, long caseId) throws SQLException {
        List<TheftCase> l = query(c, SELECT + " WHERE t.id = ? FOR UPDATE OF t", caseId);
        if (l.isEmpty()) {
            throw RegistryException.notFound("theft case", caseId);
        }
        return l.get(0);
    }

    private static Bike lockedBike(Connection c, long bikeId) throws SQLException {
        try (PreparedStatement st =
                        Sql.prepare(c, "SELECT owner_id, status FROM bikes WHERE id = ? FOR UPDATE", bikeId);
                ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw RegistryException.notFound("bike", bikeId);
            }
            return new Bike(
                    bikeId,
                    rs.getLong(1),
                    null,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    null,
                    0,
                    rs.getString(2),
                    "",
                    null,
                    null,
                    null);
        }
    }

    private static List<TheftCase> query(Connection c, String sql, Object... params) throws SQLException {
        List<TheftCase> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new TheftCase(
                        rs.getLong("id"),
                        rs.getLong("bike_id"),
                        rs.getLong("owner_id"),
                        rs.getString("status"),
                        rs.getString("case_no"),
                        Sql.instant(rs, "stolen_at"),
                        rs.getString("place"),
                        rs.getString("description"),
                        Sql.instant(rs, "reported_at"),
                        rs.getString("reported_by"),
                        Sql.instant(rs, "confirmed_at"),
                        rs.getString("confirmed_by"),
                        Sql.instant(rs, "recovered_at"),
                        rs.getString("recovered_by"),
                        Sql.instant(rs, "closed_at"),
                        rs.getString("closed_by"),
                        rs.getString("outcome_note"),
                        Sql.nullableLong(rs, "tag"),
                        rs.getString("plate")));
            }
        }
        return out;
    }
}
