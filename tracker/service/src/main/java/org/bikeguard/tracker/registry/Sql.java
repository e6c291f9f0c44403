package org.bikeguard.tracker.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Small JDBC helpers shared by the registry and theft-case stores: transactions, parameters,
 * instants (UTC). Blocking; stateless; thread-safe.
 */
public final class Sql {

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Sql() {}

    /** Runs {@code work} in one transaction (committed on return, rolled back on any exception). */
    public static <T> T tx(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** Runs read-only {@code work} on a connection in auto-commit mode. */
    public static <T> T read(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** A statement with its parameters set in order. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            st.setObject(i + 1, p instanceof Instant in ? OffsetDateTime.ofInstant(in, ZoneOffset.UTC) : p);
        }
        return st;
    }

    /** Executes an update and returns the row count. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, params)) {
            return st.executeUpdate();
        }
    }

    /** Executes an INSERT ... RETURNING id and returns the id. */
    public static long insertId(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The instant of a timestamptz column, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The value of a nullable bigint column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Whether {@code e} is a unique-constraint violation (SQLSTATE 23505), optionally of {@code index}. */
    public static boolean uniqueViolation(Throwable e, String index) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s
                    && "23505".equals(s.getSQLState())
                    && (index == null || String.valueOf(s.getMessage()).contains(index))) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException wrap(SQLException e) {
        return new IllegalStateException("database error: " + e.getMessage(), e);
    }
}
