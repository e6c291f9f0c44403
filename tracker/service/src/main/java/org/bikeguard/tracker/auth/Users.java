package org.bikeguard.tracker.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
     * The account if the password is right, empty otherwise. Takes about the same time whether
     * or not the user exists.
     */
    public Optional<Account> verify(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT id, password_hash, role FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    hasher.dummyVerify(password);
                    return Optional.empty();
                }
                if (!hasher.verify(password, rs.getString(2))) {
                    return Optional.empty();
                }
                return Optional.of(new Account(rs.getLong(1), username, Role.fromWire(rs.getString(3))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
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
