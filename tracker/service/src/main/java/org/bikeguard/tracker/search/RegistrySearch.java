package org.bikeguard.tracker.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.Sql;
import org.bikeguard.tracker.registry.Values;

/**
 * What one search text can mean and the bikes it finds, in this order: the code of a QR
 * certificate (the bare code, or the scanned text: a link ending in the code), a tag fitted now or
 * before, an owner's mobile number, a plate (exact, then by prefix), a frame number. Each reading
 * is an exact look-up on an index (plates by prefix on {@code bikes_plate_prefix_idx}); a bike
 * found by several readings is listed once, under the first. Blocking (JDBC); stateless.
 */
final class RegistrySearch {

    /** Bikes listed at most. */
    static final int LIMIT = 20;
    /** Longest search text accepted. */
    static final int MAX_Q = 200;
    /** Shortest canonical plate searched by prefix. */
    static final int MIN_PREFIX = 3;

    private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{12}");

    /** How the text matched. */
    enum Kind {
        CERTIFICATE("certificate"),
        TAG("tag"),
        FORMER_TAG("formerTag"),
        PHONE("phone"),
        PLATE("plate"),
        PLATE_PREFIX("platePrefix"),
        FRAME_NO("frameNo");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    /** One bike found; the owner's name and phone unmasked (the routes mask them). */
    record Hit(
            Kind kind,
            long bikeId,
            Long tag,
            String plate,
            String frameNo,
            String brand,
            String model,
            String colour,
            String status,
            long ownerId,
            String ownerName,
            String ownerPhone,
            Long caseId,
            String caseNo,
            String caseStatus,
            String lastStation,
            Instant lastSeen) {}

    /** The readings of a search text (upper-cased values ready for the look-ups). */
    record Readings(String code, Long tag, String phone, String plate, String frameNo) {}

    private static final String SELECT =
            "SELECT b.id, b.tag, b.plate, b.frame_no, b.brand, b.model, b.colour, b.status,"
                    + " b.owner_id, o.name, o.phone, t.id AS case_id, t.case_no, t.status AS case_status"
                    + " FROM bikes b JOIN owners o ON o.id = b.owner_id"
                    + " LEFT JOIN theft_cases t ON t.bike_id = b.id AND t.status IN ('reported', 'confirmed') WHERE ";

    private RegistrySearch() {}

    /**
     * The readings of {@code q}.
     *
     * @throws org.bikeguard.common.web.BadInputException via RegistryException 400 when q is blank,
     *                                                    too long or holds control characters
     */
    static Readings read(String q) {
        if (q == null || q.isBlank()) {
            throw RegistryException.invalid("q", "is required: a plate, frame number, tag, phone or QR text");
        }
        String s = q.strip();
        if (s.length() > MAX_Q || s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw RegistryException.invalid("q", "must be 1.." + MAX_Q + " printable characters");
        }
        String code = certificateCode(s);
        Long tag = TagIds.isValid(s) ? TagIds.parse(s) : null;
        String phone = attempt(() -> Values.phone(s));
        String plate = s.contains("/") ? null : attempt(() -> Values.plate(s));
        String frame = attempt(() -> Values.frameNo(s));
        return new Readings(code, tag, phone, plate, frame);
    }

    /** The certificate code in a scanned text: the text itself, or the last path segment of a link. */
    static String certificateCode(String s) {
        String t = s;
        int cut = indexOfAny(t, '?', '#');
        if (cut >= 0) {
            t = t.substring(0, cut);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        int slash = t.lastIndexOf('/');
        String last = (slash >= 0 ? t.substring(slash + 1) : t).toUpperCase(Locale.ROOT);
        return CODE.matcher(last).matches() ? last : null;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String attempt(java.util.function.Supplier<String> f) {
        try {
            return f.get();
        } catch (RegistryException e) {
            return null;
        }
    }

    /** The bikes the readings find, at most {@link #LIMIT}, each with its latest persisted sighting. */
    static List<Hit> run(DataSource ds, Readings r) throws SQLException {
        Map<Long, Hit> found = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            if (r.code() != null) {
                add(found, c, Kind.CERTIFICATE, "b.certificate_code = ?", r.code());
            }
            if (r.tag() != null) {
                add(found, c, Kind.TAG, "b.tag = ? AND b.status <> 'deregistered'", r.tag());
                add(
                        found,
                        c,
                        Kind.FORMER_TAG,
                        "b.id IN (SELECT g.bike_id FROM tag_bindings g WHERE g.tag = ? AND g.unbound_at IS NOT NULL)",
                        r.tag());
            }
            if (r.phone() != null) {
                add(found, c, Kind.PHONE, "o.phone = ?", r.phone());
            }
            if (r.plate() != null) {
                add(found, c, Kind.PLATE, "b.plate = ? AND b.status <> 'deregistered'", r.plate());
                if (r.plate().length() >= MIN_PREFIX) {
                    add(
                            found,
                            c,
                            Kind.PLATE_PREFIX,
                            "b.plate LIKE ? AND b.status <> 'deregistered'",
                            r.plate().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
            }
            if (r.frameNo() != null) {
                add(found, c, Kind.FRAME_NO, "b.frame_no = ? AND b.status <> 'deregistered'", r.frameNo());
            }
            return withLastSeen(c, new ArrayList<>(found.values()));
        }
    }

    private static void add(Map<Long, Hit> found, Connection c, Kind kind, String where, Object value)
            throws SQLException {
        if (found.size() >= LIMIT) {
            return;
        }
        try (PreparedStatement st =
                        Sql.prepare(c, SELECT + where + " ORDER BY b.id LIMIT ?", value, LIMIT - found.size());
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong("id");
                found.putIfAbsent(
                        id,
                        new Hit(
                                kind,
                                id,
                                Sql.nullableLong(rs, "tag"),
                                rs.getString("plate"),
                                rs.getString("frame_no"),
                                rs.getString("brand"),
                                rs.getString("model"),
                                rs.getString("colour"),
                                rs.getString("status"),
                                rs.getLong("owner_id"),
                                rs.getString("name"),
                                rs.getString("phone"),
                                Sql.nullableLong(rs, "case_id"),
                                rs.getString("case_no"),
                                rs.getString("case_status"),
                                null,
                                null));
            }
        }
    }

    /**
     * The hits with the latest persisted sighting of their current tags, in one round trip (a
     * lateral look-up per tag on the index {@code sightings (tag, first_seen)}).
     */
    private static List<Hit> withLastSeen(Connection c, List<Hit> hits) throws SQLException {
        List<Long> tags =
                hits.stream().map(Hit::tag).filter(java.util.Objects::nonNull).toList();
        if (tags.isEmpty()) {
            return hits;
        }
        Map<Long, Object[]> last = new java.util.HashMap<>();
        try (PreparedStatement st =
                c.prepareStatement("SELECT t.tag, s.station, s.last_seen FROM unnest(?::bigint[]) t(tag)"
                        + " CROSS JOIN LATERAL (SELECT station, last_seen FROM sightings WHERE tag = t.tag"
                        + " ORDER BY first_seen DESC LIMIT 1) s")) {
            st.setArray(1, c.createArrayOf("bigint", tags.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getLong(1), new Object[] {rs.getString(2), Sql.instant(rs, "last_seen")});
                }
            }
        }
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Object[] l = h.tag() == null ? null : last.get(h.tag());
            out.add(
                    l == null
                            ? h
                            : new Hit(
                                    h.kind(),
                                    h.bikeId(),
                                    h.tag(),
                                    h.plate(),
                                    h.frameNo(),
                                    h.brand(),
                                    h.model(),
                                    h.colour(),
                                    h.status(),
                                    h.ownerId(),
                                    h.ownerName(),
                                    h.ownerPhone(),
                                    h.caseId(),
                                    h.caseNo(),
                                    h.caseStatus(),
                                    (String) l[0],
                                    (Instant) l[1]));
        }
        return out;
    }
}
