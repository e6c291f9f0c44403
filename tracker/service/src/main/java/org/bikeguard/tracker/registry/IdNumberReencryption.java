package org.bikeguard.tracker.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-encryption job: rewrites every owner's protected ID number and look-up hash that is not
 * under the current keys of their rings ({@link IdNumberVault}), so that after a rotation the old
 * keys can be retired. In batches of {@value #BATCH} rows, each its own transaction; rows are
 * locked with {@code FOR UPDATE SKIP LOCKED}, so members running it at the same time share the
 * work. Resumable by construction: a pass selects what is still not current, so a pass cut short
 * (a stop, a crash) leaves nothing half done, and the next pass goes on. A row that cannot be
 * decrypted (its key retired too early) is skipped, logged and counted. Blocking (JDBC); one pass
 * at a time per instance ({@link #pass} is synchronized).
 */
public final class IdNumberReencryption {

    private static final Logger LOG = LoggerFactory.getLogger(IdNumberReencryption.class);
    static final int BATCH = 500;

    private final DataSource ds;
    private final IdNumberVault vault;
    private final Counter rewritten;
    private final Counter unreadable;
    private volatile String doneFor;

    /** What one pass did. */
    public record Result(long rewritten, long unreadable, String keyIds) {}

    /** @param metrics where {@code bikeguard_keys_reencrypted_total} and {@code _unreadable_total} are counted */
    public IdNumberReencryption(DataSource ds, IdNumberVault vault, MeterRegistry metrics) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.rewritten = Counter.builder("bikeguard.keys.reencrypted")
                .description("Owners' ID numbers rewritten under the current keys by the re-encryption job")
                .register(metrics);
        this.unreadable = Counter.builder("bikeguard.keys.reencrypt.unreadable")
                .description(
                        "Owners' ID numbers the re-encryption job could not decrypt (their key is not in the ring)")
                .register(metrics);
    }

    /**
     * Runs a pass unless one already completed for the current keys (the first call of a process
     * always runs one): cheap to call often, as the periodic key job does after each check of the
     * key file. Unreadable rows are reported by that one pass, not again at every call.
     */
    public synchronized void runIfKeysChanged() {
        if (vault.currentKeyIds().equals(doneFor)) {
            return;
        }
        doneFor = pass().keyIds();
    }

    /** One pass over every owner not under the current keys. */
    public synchronized Result pass() {
        String keyIds = vault.currentKeyIds();
        byte[] encPrefix = vault.currentEncryptionPrefix();
        byte[] hashPrefix = vault.currentLookupPrefix();
        long lastId = 0;
        long done = 0;
        long bad = 0;
        boolean logged = false;
        long t0 = System.nanoTime();
        while (true) {
            Batch b = batch(lastId, encPrefix, hashPrefix);
            if (b.selected == 0) {
                break;
            }
            if (!logged) {
                LOG.info("re-encrypting owners' ID numbers under the current keys [encryption/lookup: {}]", keyIds);
                logged = true;
            }
            lastId = b.lastId;
            done += b.rewritten;
            bad += b.unreadable;
            rewritten.increment(b.rewritten);
            unreadable.increment(b.unreadable);
            if (done / 10_000 != (done - b.rewritten) / 10_000) {
                LOG.info("re-encryption going on [rewritten: {}, lastOwnerId: {}]", done, lastId);
            }
        }
        if (logged) {
            LOG.info(
                    "re-encryption done [encryption/lookup: {}, rewritten: {}, unreadable: {}, ms: {}]",
                    keyIds,
                    done,
                    bad,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        return new Result(done, bad, keyIds);
    }

    private record Row(long id, byte[] enc) {}

    private record Batch(int selected, long lastId, int rewritten, int unreadable) {}

    private Batch batch(long afterId, byte[] encPrefix, byte[] hashPrefix) {
        return Sql.tx(ds, c -> {
            List<Row> rows = select(c, afterId, encPrefix, hashPrefix);
            int ok = 0;
            int bad = 0;
            for (Row r : rows) {
                String plain;
                try {
                    plain = vault.decrypt(r.enc);
                } catch (IllegalStateException e) {
                    LOG.warn("cannot re-encrypt an owner's ID number [owner: {}, reason: {}]", r.id, e.getMessage());
                    bad++;
                    continue;
                }
                if (update(c, r.id, vault.encrypt(plain), vault.lookupHash(plain))) {
                    ok++;
                } else {
                    bad++;
                }
            }
            long last = rows.isEmpty() ? afterId : rows.get(rows.size() - 1).id;
            return new Batch(rows.size(), last, ok, bad);
        });
    }

    private static List<Row> select(Connection c, long afterId, byte[] encPrefix, byte[] hashPrefix)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, id_number_enc FROM owners WHERE id > ? AND ("
                + " substring(id_number_enc FROM 1 FOR ?) <> ? OR octet_length(id_number_enc) <= ?"
                + " OR octet_length(id_number_hash) <> ? OR substring(id_number_hash FROM 1 FOR ?) <> ?)"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            st.setLong(1, afterId);
            st.setInt(2, encPrefix.length);
            st.setBytes(3, encPrefix);
            st.setInt(4, encPrefix.length);
            st.setInt(5, hashPrefix.length + 32);
            st.setInt(6, hashPrefix.length);
            st.setBytes(7, hashPrefix);
            st.setInt(8, BATCH);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return rows;
    }

    /** Rewrites one row under a savepoint: a clash of look-up hashes skips the row, not the batch. */
    private static boolean update(Connection c, long id, byte[] enc, byte[] hash) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement st =
                c.prepareStatement("UPDATE owners SET id_number_enc = ?, id_number_hash = ? WHERE id = ?")) {
            st.setBytes(1, enc);
            st.setBytes(2, hash);
            st.setLong(3, id);
            st.executeUpdate();
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            c.rollback(sp);
            LOG.warn("cannot re-encrypt an owner's ID number [owner: {}, reason: {}]", id, e.getMessage());
            return false;
        }
    }
}
