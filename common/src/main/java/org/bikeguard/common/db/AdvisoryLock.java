package org.bikeguard.common.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work under a PostgreSQL session-level advisory lock ({@code pg_advisory_lock}), held on a
 * connection of its own for the duration of the work: the work itself may use any other
 * connections (Flyway, a pool). Members of a cluster started at the same moment on one database
 * thus do start-up work that checks and then creates (schema migrations, partitions) one after
 * the other; the later ones find it done. The lock is released when the work ends, and by the
 * server when the holder's connection dies (a member killed mid-migration blocks nobody).
 *
 * <p>Blocking: waits, without a time limit, for the member that holds the lock (it logs that it
 * waits). Stateless; thread-safe. A lock is per database: two databases on one server never
 * contend.
 */
public final class AdvisoryLock {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLock.class);

    private AdvisoryLock() {}

    /** Opens a new connection that the lock alone uses (closed by {@link AdvisoryLock}). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * The 64-bit lock key of a name: FNV-1a over its UTF-8 bytes. Stable across processes,
     * versions and machines, so every member derives the same key from the same name.
     */
    public static long key(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * Runs {@code work} while holding the advisory lock named {@code name} (see {@link #key}).
     *
     * @param connections opens the connection that holds the lock; it is closed afterwards
     * @param name        the lock's name, also the {@code what} of the log lines
     * @return what {@code work} returned
     * @throws IllegalStateException when the lock cannot be taken (database unreachable)
     * @throws RuntimeException      what {@code work} threw (checked exceptions wrapped in an
     *                               {@link IllegalStateException})
     */
    public static <T> T holding(ConnectionSource connections, String name, Callable<T> work) {
        Objects.requireNonNull(work, "work");
        long key = key(name);
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            if (!call(c, "SELECT pg_try_advisory_lock(?)", key)) {
                LOG.info("waiting for another member to finish [what: {}]", name);
                call(c, "SELECT pg_advisory_lock(?) IS NOT NULL", key);
                LOG.info("another member finished, going on [what: {}]", name);
            }
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
            } finally {
                unlock(c, key, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the advisory lock [what: " + name + "]: " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, long key, String name) {
        try {
            call(c, "SELECT pg_advisory_unlock(?)", key);
        } catch (SQLException e) {
            // closing the connection releases it anyway
            LOG.debug("advisory unlock failed [what: {}]: {}", name, e.getMessage());
        }
    }
}
