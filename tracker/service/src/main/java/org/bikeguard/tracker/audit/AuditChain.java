package org.bikeguard.tracker.audit;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * Checks the hash chain of {@code audit_log} (written by the trigger of
 * {@code sql/V25__audit_chain.sql}): walks the rows in {@code seq} order, in batches of
 * {@link #BATCH} (never the whole table in memory), and recomputes each row's hash here, in Java,
 * independently of the database's functions: {@code hash = SHA-256(prev_hash || canonical(row))}
 * with the encoding documented in the migration ({@link #canonical}). The first row whose
 * position, link or hash does not match is reported.
 *
 * <p>What it proves: no row was edited, removed or inserted between others since it was written,
 * unless the whole tail after it was recomputed, which needs the database superuser; the answer's
 * {@code head} (last position and hash), noted somewhere the database's administrators cannot
 * write, pins that tail too. Rows appended while a check runs are checked when the walk reaches
 * them. Blocking (JDBC); thread-safe.
 */
public final class AuditChain {

    /** Name of the advisory lock the insert trigger holds; its key is {@link #LOCK_KEY}. */
    public static final String LOCK_NAME = "bikeguard.audit.chain";
    /** {@code AdvisoryLock.key(LOCK_NAME)}, the constant in the trigger function. */
    public static final long LOCK_KEY = 5054820423682092003L;
    /** Rows read per query. */
    static final int BATCH = 2_000;

    private static final byte[] DOMAIN = "bikeguard-audit-v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ZERO = new byte[32];
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DataSource ds;

    public AuditChain(DataSource ds) {
        this.ds = ds;
    }

    /**
     * The result of a check.
     *
     * @param ok         whether every row checked is intact
     * @param rows       rows checked (up to and including the broken one)
     * @param headSeq    position of the last intact row (0 for an empty log)
     * @param headHash   hash of that row, lower-case hex (null for an empty log)
     * @param brokenId   id of the first broken row, or null
     * @param brokenSeq  its position, or null
     * @param reason     why it is broken ({@code hash}, {@code link}, {@code gap}), or null
     */
    public record Result(
            boolean ok, long rows, long headSeq, String headHash, Long brokenId, Long brokenSeq, String reason) {

        /** The answer of {@code GET /api/v1/audit/verify}. */
        public JsonObject toJson() {
            JsonObject o = new JsonObject()
                    .put("ok", ok)
                    .put("rows", rows)
                    .put("head", new JsonObject().put("seq", headSeq).put("hash", headHash));
            if (!ok) {
                o.put("brokenId", brokenId).put("brokenSeq", brokenSeq).put("reason", reason);
            }
            return o;
        }
    }

    /** Walks the whole chain. Blocking; takes about a second per few hundred thousand rows. */
    public Result verify() {
        long rows = 0;
        long lastSeq = 0;
        byte[] lastHash = ZERO;
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, seq, at, username, role, action, subject, case_no, details::text,"
                                + " prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT " + BATCH)) {
            while (true) {
                st.setLong(1, lastSeq);
                int inBatch = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        inBatch++;
                        rows++;
                        long id = rs.getLong(1);
                        long seq = rs.getLong(2);
                        String broken = check(rs, seq, lastSeq, lastHash);
                        if (broken != null) {
                            return new Result(
                                    false, rows, lastSeq, lastSeq == 0 ? null : hex(lastHash), id, seq, broken);
                        }
                        lastSeq = seq;
                        lastHash = rs.getBytes(11);
                    }
                }
                if (inBatch < BATCH) {
                    return new Result(true, rows, lastSeq, lastSeq == 0 ? null : hex(lastHash), null, null, null);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audit_log: " + e.getMessage(), e);
        }
    }

    /** Why the row at the cursor breaks the chain after ({@code lastSeq}, {@code lastHash}), or null. */
    private static String check(ResultSet rs, long seq, long lastSeq, byte[] lastHash) throws SQLException {
        if (seq != lastSeq + 1) {
            return "gap";
        }
        byte[] prev = rs.getBytes(10);
        if (!Arrays.equals(prev, lastHash)) {
            return "link";
        }
        byte[] expected = hash(
                prev,
                seq,
                rs.getLong(1),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9));
        return Arrays.equals(expected, rs.getBytes(11)) ? null : "hash";
    }

    /** {@code SHA-256(prev || canonical(row))}. */
    static byte[] hash(
            byte[] prev,
            long seq,
            long id,
            Instant at,
            String username,
            String role,
            String action,
            String subject,
            String caseNo,
            String detailsText) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev);
            md.update(canonical(seq, id, at, username, role, action, subject, caseNo, detailsText));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * The canonical encoding of a row: {@code "bikeguard-audit-v1"}, seq and id as big-endian
     * int8, then at (UTC, microseconds, {@code 2026-11-23T04:05:06.789012Z}), username, role,
     * action, subject, case_no and details (PostgreSQL's {@code jsonb} text) each as a big-endian
     * int4 byte length and the UTF-8 bytes, a null as length -1.
     */
    static byte[] canonical(
            long seq,
            long id,
            Instant at,
            String username,
            String role,
            String action,
            String subject,
            String caseNo,
            String detailsText) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(DOMAIN);
        out.writeBytes(ByteBuffer.allocate(16).putLong(seq).putLong(id).array());
        for (String f : new String[] {AT.format(at), username, role, action, subject, caseNo, detailsText}) {
            if (f == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
