package org.bikeguard.tracker.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The tokens logins issued, by id ({@code jti}), in table {@code auth_tokens}, shared by every
 * cluster member: a token is accepted only while its row exists and is not revoked (see
 * {@link TokenChecks}, which caches these reads). All times come from the caller (the tracker's
 * clock, UTC). Blocking (JDBC): call from a worker. Thread-safe.
 */
public final class IssuedTokens {

    private final DataSource ds;

    /**
     * What the database says about one token id and its user.
     *
     * @param issued      whether a login issued it (and it has not been purged)
     * @param username    the user it was issued to ({@code null} when not issued)
     * @param revokedAt   when it was revoked (UTC), {@code null} while not
     * @param reason      why it was revoked ({@code logout}, {@code disabled}...), or {@code null}
     * @param currentRole the user's role now, {@code null} when the user no longer exists
     * @param disabled    whether the user is disabled now
     */
    public record Record(
            boolean issued, String username, Instant revokedAt, String reason, Role currentRole, boolean disabled) {}

    public IssuedTokens(DataSource ds) {
        this.ds = ds;
    }

    /** Records a token a login issued. */
    public void issued(String jti, String username, Instant issuedAt, Instant expiresAt, String address) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO auth_tokens"
                        + " (jti, username, issued_at, expires_at, address) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, jti);
            st.setString(2, username);
            st.setTimestamp(3, Timestamp.from(issuedAt));
            st.setTimestamp(4, Timestamp.from(expiresAt));
            st.setString(5, address);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write auth_tokens: " + e.getMessage(), e);
        }
    }

    /** The token's record joined with its user's current state. */
    public Record lookup(String jti) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT t.username, t.revoked_at, t.revoke_reason,"
                        + " u.role, u.disabled_at IS NOT NULL FROM auth_tokens t"
                        + " LEFT JOIN users u ON u.username = t.username WHERE t.jti = ?")) {
            st.setString(1, jti);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new Record(false, null, null, null, null, false);
                }
                Timestamp revoked = rs.getTimestamp(2);
                String role = rs.getString(4);
                return new Record(
                        true,
                        rs.getString(1),
                        revoked == null ? null : revoked.toInstant(),
                        rs.getString(3),
                        role == null ? null : Role.fromWire(role),
                        rs.getBoolean(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read auth_tokens: " + e.getMessage(), e);
        }
    }

    /**
     * Revokes one token.
     *
     * @return false when it was unknown or already revoked
     */
    public boolean revoke(String jti, String by, String reason, Instant at) {
        return revoke("jti = ?", jti, null, by, reason, at) == 1;
    }

    /**
     * Revokes every live token of {@code username} except {@code keepJti} (may be {@code null}).
     *
     * @return how many were revoked
     */
    public int revokeAll(String username, String keepJti, String by, String reason, Instant at) {
        return revoke("username = ? AND jti IS DISTINCT FROM ?", username, keepJti, by, reason, at);
    }

    private int revoke(String where, String key, String keep, String by, String reason, Instant at) {
        String sql = "UPDATE auth_tokens SET revoked_at = ?, revoked_by = ?, revoke_reason = ?"
                + " WHERE revoked_at IS NULL AND expires_at > ? AND " + where;
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            Timestamp t = Timestamp.from(at);
            st.setTimestamp(1, t);
            st.setString(2, by);
            st.setString(3, reason);
            st.setTimestamp(4, t);
            st.setString(5, key);
            if (where.contains("DISTINCT")) {
                st.setString(6, keep);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write auth_tokens: " + e.getMessage(), e);
        }
    }

    /** Tokens of {@code username} neither expired nor revoked at {@code now}. */
    public int live(String username, Instant now) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM auth_tokens"
                        + " WHERE username = ? AND revoked_at IS NULL AND expires_at > ?")) {
            st.setString(1, username);
            st.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read auth_tokens: " + e.getMessage(), e);
        }
    }

    /** Deletes rows expired for more than a day before {@code now}; returns how many. */
    public int purge(Instant now) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM auth_tokens WHERE expires_at < ?")) {
            st.setTimestamp(1, Timestamp.from(now.minusSeconds(86_400)));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write auth_tokens: " + e.getMessage(), e);
        }
    }
}
