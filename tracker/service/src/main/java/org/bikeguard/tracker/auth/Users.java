package org.bikeguard.tracker.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's accounts (table {@code users}). Every method blocks (JDBC and PBKDF2): call from
 * worker threads only. Thread-safe.
 */
public final class Users {

    /** The bootstrap administrator's username. */
    public static final String ADMIN = "admin";
    /** Shortest accepted password. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;
    private final PasswordHasher hasher;

    /** An account as stored, without its hash. */
    public record Account(long id, String username, Role role) {}

    /** An account's state for administrators; {@code disabledAt} (UTC) is {@code null} while enabled. */
    public record Status(long id, String username, Role role, Instant disabledAt, Instant createdAt) {}

    /** The outcome of a password check. */
    public sealed interface Check {
        /** Unknown user or wrong password (the two are not told apart). */
        record Wrong() implements Check {}

        /** The password is right but the account is disabled. */
        record Disabled(Account account) implements Check {}

        /** The password is right and the account enabled. */
        record Right(Account account) implements Check {}
    }

    /** The username is taken. */
    public static final class DuplicateUserException extends RuntimeException {
        public DuplicateUserException(String username) {
            super("user " + username + " already exists");
        }
    }

    public Users(DataSource ds, PasswordHasher hasher) {
        this.ds = ds;
        this.hasher = hasher;
    }

    /**
     * Checks a username: 1..64 printable characters without blanks.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void checkUsername(String username) {
        if (username == null
                || username.isEmpty()
                || username.length() > 64
                || !username.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("username must be 1..64 printable characters without blanks");
        }
    }

    /**
     * Checks a password: {@value #MIN_PASSWORD_LENGTH}..1024 characters.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 1024) {
            throw new IllegalArgumentException("password must be " + MIN_PASSWORD_LENGTH + "..1024 characters long");
        }
    }

    /**
     * Creates an account and returns its id.
     *
     * @throws IllegalArgumentException on a bad username or password
     * @throws DuplicateUserException   when the username is taken
     */
    public long create(String username, String password, Role role) {
        checkUsername(username);
        checkPassword(password);
        Optional<Long> id = insert(username, hasher.hash(password), role);
        if (id.isEmpty()) {
            throw new DuplicateUserException(username);
        }
        LOG.info("user created [username: {}, role: {}]", username, role.wire());
        return id.get();
    }

    /**
     * The account if the password is right and the account enabled, empty otherwise. Takes about
     * the same time whether or not the user exists.
     */
    public Optional<Account> verify(String username, String password) {
        return check(username, password) instanceof Check.Right r ? Optional.of(r.account()) : Optional.empty();
    }

    /**
     * Checks a password (PBKDF2; about the same time whether or not the user exists). Blocking.
     */
    public Check check(String username, String password) {
        if (username == null || password == null) {
            return new Check.Wrong();
        }
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, password_hash, role, disabled_at FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    hasher.dummyVerify(password);
                    return new Check.Wrong();
                }
                if (!hasher.verify(password, rs.getString(2))) {
                    return new Check.Wrong();
                }
                Account a = new Account(rs.getLong(1), username, Role.fromWire(rs.getString(3)));
                return rs.getTimestamp(4) != null ? new Check.Disabled(a) : new Check.Right(a);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
        }
    }

    /** The account's state, empty when there is no such user. Blocking. */
    public Optional<Status> status(String username) {
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT id, role, disabled_at, created_at FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp disabled = rs.getTimestamp(3);
                return Optional.of(new Status(
                        rs.getLong(1),
                        username,
                        Role.fromWire(rs.getString(2)),
                        disabled == null ? null : disabled.toInstant(),
                        rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
        }
    }

    /**
     * Sets a new password (hashed here: PBKDF2). Blocking.
     *
     * @return false when there is no such user
     * @throws IllegalArgumentException on a bad password
     */
    public boolean setPassword(String username, String password) {
        checkPassword(password);
        return update("UPDATE users SET password_hash = ? WHERE username = ?", hasher.hash(password), username);
    }

    /**
     * Disables the account at {@code at} (UTC), or enables it when {@code at} is {@code null}.
     * Blocking.
     *
     * @return false when there is no such user
     */
    public boolean setDisabled(String username, Instant at) {
        return update(
                "UPDATE users SET disabled_at = ? WHERE username = ?",
                at == null ? null : Timestamp.from(at),
                username);
    }

    /**
     * Gives the account another role. Blocking.
     *
     * @return false when there is no such user
     */
    public boolean setRole(String username, Role role) {
        return update("UPDATE users SET role = ? WHERE username = ?", role.wire(), username);
    }

    private boolean update(String sql, Object value, String username) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, value);
            st.setString(2, username);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write users: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the {@code admin} account if there is none: with {@code configuredPassword} when
     * given, otherwise with a random password printed once at WARN level. Safe to call from
     * several members or verticle instances at once: only the one whose insert wins prints.
     *
     * @return whether this call created the account
     */
    public boolean bootstrapAdmin(Optional<String> configuredPassword) {
        if (exists(ADMIN)) {
            return false;
        }
        String password = configuredPassword.orElseGet(Users::randomPassword);
        checkPassword(password);
        if (insert(ADMIN, hasher.hash(password), Role.ADMIN).isEmpty()) {
            return false;
        }
        if (configuredPassword.isPresent()) {
            LOG.info("created the admin account with the configured BIKEGUARD_ADMIN_PASSWORD [username: {}]", ADMIN);
        } else {
            LOG.warn(
                    "Created the admin account with a generated password, shown only this once: "
                            + "username \"{}\", password \"{}\". Change it, or set BIKEGUARD_ADMIN_PASSWORD before the first start.",
                    ADMIN,
                    password);
        }
        return true;
    }

    private boolean exists(String username) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
        }
    }

    private Optional<Long> insert(String username, String hash, Role role) {
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)"
                                + " ON CONFLICT (username) DO NOTHING RETURNING id")) {
            st.setString(1, username);
            st.setString(2, hash);
            st.setString(3, role.wire());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write users: " + e.getMessage(), e);
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
