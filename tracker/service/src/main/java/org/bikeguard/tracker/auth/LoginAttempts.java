package org.bikeguard.tracker.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Failed logins per username in table {@code login_failures}, shared by every cluster member: the
 * growing delays and the lock of {@link LoginPolicy}. An attempt is counted when it is admitted
 * (inside a transaction holding the row's lock), before the password is checked, so that a burst
 * of parallel attempts cannot all slip through before the first failure is written; a right
 * password clears the count. Works the same for usernames without an account, so that the answers
 * do not tell which names exist. All times come from the caller (the tracker's clock, UTC).
 * Blocking (JDBC): call from a worker. Thread-safe.
 */
public final class LoginAttempts {

    private final DataSource ds;
    private final LoginPolicy policy;

    /** Whether an attempt may check its password. */
    public sealed interface Admission {
        /** Admitted as the {@code failures}-th counted attempt since the last success. */
        record Admitted(int failures) implements Admission {}

        /** Refused: the next attempt is allowed after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements Admission {}

        /** Refused: locked since {@code since} until an admin unlocks. */
        record Locked(Instant since) implements Admission {}
    }

    /** An account's failure record: count, earliest next attempt and lock time (null: not locked). */
    public record State(int failures, Instant nextAttemptAt, Instant lockedAt, String lastAddress) {}

    public LoginAttempts(DataSource ds, LoginPolicy policy) {
        this.ds = ds;
        this.policy = policy;
    }

    /** The policy in force. */
    public LoginPolicy policy() {
        return policy;
    }

    /**
     * Admits (and counts) an attempt of {@code username} from {@code address} at {@code now}, or
     * says why not. An admitted attempt beyond the free ones sets the delay before the next.
     */
    public Admission admit(String username, String address, Instant now) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                // PostgreSQL keeps microseconds and rounds: compare what it will give back
                Admission a = admit(c, username, address, now.truncatedTo(ChronoUnit.MILLIS));
                c.commit();
                return a;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write login_failures: " + e.getMessage(), e);
        }
    }

    private Admission admit(Connection c, String username, String address, Instant now) throws SQLException {
        Timestamp t = Timestamp.from(now);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO login_failures"
                + " (username, failures, last_failure_at, next_attempt_at, last_address) VALUES (?, 0, ?, ?, ?)"
                + " ON CONFLICT (username) DO NOTHING")) {
            ins.setString(1, username);
            ins.setTimestamp(2, t);
            ins.setTimestamp(3, t);
            ins.setString(4, address);
            ins.executeUpdate();
        }
        int failures;
        try (PreparedStatement sel = c.prepareStatement("SELECT failures, last_failure_at, next_attempt_at, locked_at"
                + " FROM login_failures WHERE username = ? FOR UPDATE")) {
            sel.setString(1, username);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                Timestamp locked = rs.getTimestamp(4);
                if (locked != null) {
                    return new Admission.Locked(locked.toInstant());
                }
                Instant next = rs.getTimestamp(3).toInstant();
                if (next.isAfter(now)) {
                    return new Admission.Throttled(Duration.between(now, next));
                }
                boolean forgotten = rs.getTimestamp(2)
                        .toInstant()
                        .plus(policy.forgetAfter())
                        .isBefore(now);
                failures = (forgotten ? 0 : rs.getInt(1)) + 1;
            }
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE login_failures SET failures = ?, last_failure_at = ?,"
                + " next_attempt_at = ?, last_address = ? WHERE username = ?")) {
            up.setInt(1, failures);
            up.setTimestamp(2, t);
            up.setTimestamp(3, Timestamp.from(now.plus(policy.accountDelay(failures))));
            up.setString(4, address);
            up.setString(5, username);
            up.executeUpdate();
        }
        return new Admission.Admitted(failures);
    }

    /**
     * Records that the admitted attempt number {@code failures} had a wrong password: locks the
     * account when it reached {@link LoginPolicy#lockAfter()}.
     *
     * @return whether this call locked the account
     */
    public boolean failed(String username, int failures, Instant now) {
        if (failures < policy.lockAfter()) {
            return false;
        }
        return update(
                        "UPDATE login_failures SET locked_at = ? WHERE username = ? AND locked_at IS NULL",
                        Timestamp.from(now),
                        username)
                == 1;
    }

    /**
     * Records a right password: clears the count.
     *
     * @return false when the account was locked meanwhile (the login must then be refused)
     */
    public boolean succeeded(String username) {
        update("DELETE FROM login_failures WHERE username = ? AND locked_at IS NULL", null, username);
        return state(username).map(s -> s.lockedAt() == null).orElse(true);
    }

    /**
     * Lifts a lock and forgets the failures.
     *
     * @return the state before, empty when there was nothing to clear
     */
    public Optional<State> unlock(String username) {
        Optional<State> before = state(username);
        update("DELETE FROM login_failures WHERE username = ?", null, username);
        return before;
    }

    /** The failure record of {@code username}, empty when there is none. */
    public Optional<State> state(String username) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT failures, next_attempt_at, locked_at, last_address"
                        + " FROM login_failures WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp locked = rs.getTimestamp(3);
                return Optional.of(new State(
                        rs.getInt(1),
                        rs.getTimestamp(2).toInstant(),
                        locked == null ? null : locked.toInstant(),
                        rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read login_failures: " + e.getMessage(), e);
        }
    }

    /** Deletes unlocked records whose last failure is older than the forgetting window; returns how many. */
    public int purge(Instant now) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "DELETE FROM login_failures WHERE locked_at IS NULL AND last_failure_at < ?")) {
            st.setTimestamp(1, Timestamp.from(now.minus(policy.forgetAfter())));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write login_failures: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object first, String username) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            if (first != null) {
                st.setObject(i++, first);
            }
            st.setString(i, username);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write login_failures: " + e.getMessage(), e);
        }
    }
}
