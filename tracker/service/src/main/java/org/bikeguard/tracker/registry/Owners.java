package org.bikeguard.tracker.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.bikeguard.tracker.auth.PasswordHasher;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.Users;

/**
 * Owners (table {@code owners}) and their {@code owner} accounts. ID numbers are stored only
 * encrypted, with a keyed hash for look-ups ({@link IdNumberVault}). Every method blocks (JDBC,
 * PBKDF2): call from worker threads only. Thread-safe.
 */
public final class Owners {

    /** Advisory lock under which owners are created (see {@link #requireNewIdNumber}). */
    private static final String CREATE_LOCK = "bikeguard.registry.owners.create";

    private static final String COLUMNS =
            "id, username, name, id_number_enc, phone, address, residence, home_station, created_at";

    private final DataSource ds;
    private final Supplier<IdNumberVault> vault;
    private final PasswordHasher hasher;

    /**
     * @param vault supplies the vault (loaded lazily on a worker the first time it is needed)
     */
    public Owners(DataSource ds, Supplier<IdNumberVault> vault, PasswordHasher hasher) {
        this.ds = ds;
        this.vault = vault;
        this.hasher = hasher;
    }

    /**
     * Registers an owner and creates the login {@code phone} with role {@code owner}, in one
     * transaction.
     *
     * @return the new owner's id
     * @throws RegistryException 400 on a bad password or unknown home station, 409 when the phone
     *                           (login) or the ID number is already registered
     */
    public long create(OwnerInput in, String actor) {
        try {
            Users.checkPassword(in.password());
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("password", e.getMessage().replaceFirst("^password ", ""));
        }
        IdNumberVault v = vault.get();
        List<byte[]> hashes = v.lookupHashes(in.idNumber());
        byte[] hash = hashes.get(0);
        byte[] enc = v.encrypt(in.idNumber());
        String passwordHash = hasher.hash(in.password());
        try {
            return Sql.tx(ds, c -> {
                requireNewIdNumber(c, hashes);
                long userId = Sql.insertId(
                        c,
                        "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?) RETURNING id",
                        in.phone(),
                        passwordHash,
                        Role.OWNER.wire());
                return Sql.insertId(
                        c,
                        "INSERT INTO owners (user_id, username, name, id_number_enc, id_number_hash, phone,"
                                + " address, residence, home_station, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        userId,
                        in.phone(),
                        in.name(),
                        enc,
                        hash,
                        in.phone(),
                        in.address(),
                        in.residence(),
                        in.homeStation(),
                        actor);
            });
        } catch (IllegalStateException e) {
            if (Sql.uniqueViolation(e, "users_username_key") || Sql.uniqueViolation(e, "owners_username_key")) {
                throw RegistryException.conflict("an account with this phone already exists", Map.of("field", "phone"));
            }
            if (Sql.uniqueViolation(e, "owners_id_number_hash_key")) {
                throw RegistryException.conflict(
                        "an owner with this ID number is already registered", Map.of("field", "idNumber"));
            }
            if (foreignKeyViolation(e)) {
                throw RegistryException.invalid("homeStation", "is not a known station");
            }
            throw e;
        }
    }

    /**
     * The unique constraint on {@code id_number_hash} sees one look-up key only: while a rotated
     * look-up key is rolled out, the same number may be hashed under the old key in one row and
     * the new one in another. So creations take turns (a transaction-scoped advisory lock; owners
     * are registered by people, a few per second at most) and look for the number under every key.
     */
    private static void requireNewIdNumber(Connection c, List<byte[]> hashes) throws SQLException {
        try (PreparedStatement st = Sql.prepare(
                        c, "SELECT pg_advisory_xact_lock(?)", org.bikeguard.common.db.AdvisoryLock.key(CREATE_LOCK));
                ResultSet rs = st.executeQuery()) {
            rs.next();
        }
        if (find(c, "SELECT id FROM owners WHERE id_number_hash IN ", hashes)) {
            throw RegistryException.conflict(
                    "an owner with this ID number is already registered", Map.of("field", "idNumber"));
        }
    }

    private static boolean find(Connection c, String sqlPrefix, List<byte[]> hashes) throws SQLException {
        try (PreparedStatement st = Sql.prepare(c, sqlPrefix + placeholders(hashes.size()), hashes.toArray());
                ResultSet rs = st.executeQuery()) {
            return rs.next();
        }
    }

    private static String placeholders(int n) {
        return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    /** The owner with this id. */
    public Optional<Owner> byId(long id) {
        return one("SELECT " + COLUMNS + " FROM owners WHERE id = ?", id);
    }

    /**
     * Only the name of owner {@code id} (the public certificate page masks it): no other column is
     * read and the ID number is not decrypted.
     */
    public Optional<String> nameOf(long id) {
        return Sql.read(ds, c -> {
            try (java.sql.PreparedStatement st = Sql.prepare(c, "SELECT name FROM owners WHERE id = ?", id);
                    java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /** The owner whose login is {@code username}. */
    public Optional<Owner> byUsername(String username) {
        return one("SELECT " + COLUMNS + " FROM owners WHERE username = ?", username);
    }

    /** The owner with this ID number (any form; invalid numbers find nobody). */
    public Optional<Owner> byIdNumber(String idNumber, java.time.LocalDate today) {
        String canonical;
        try {
            canonical = IdNumbers.canonical(idNumber, today);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<byte[]> hashes = vault.get().lookupHashes(canonical);
        return Sql.read(ds, c -> {
            List<Owner> l = list(
                    c,
                    "SELECT " + COLUMNS + " FROM owners WHERE id_number_hash IN " + placeholders(hashes.size()),
                    hashes.toArray());
            return l.isEmpty() ? Optional.<Owner>empty() : Optional.of(l.get(0));
        });
    }

    /** Owners with this phone (normally one), by id. */
    public List<Owner> byPhone(String phone) {
        return Sql.read(ds, c -> list(c, "SELECT " + COLUMNS + " FROM owners WHERE phone = ? ORDER BY id", phone));
    }

    /** The owner id behind a login, when that login is an owner. */
    public Optional<Long> idOf(String username) {
        return Sql.read(ds, c -> {
            try (PreparedStatement st = Sql.prepare(c, "SELECT id FROM owners WHERE username = ?", username);
                    ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
        });
    }

    private Optional<Owner> one(String sql, Object param) {
        return Sql.read(ds, c -> {
            List<Owner> l = list(c, sql, param);
            return l.isEmpty() ? Optional.<Owner>empty() : Optional.of(l.get(0));
        });
    }

    private List<Owner> list(Connection c, String sql, Object... params) throws SQLException {
        List<Owner> out = new ArrayList<>();
        try (PreparedStatement st = Sql.prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Owner(
                        rs.getLong("id"),
                        rs.getString("username"),
                        rs.getString("name"),
                        vault.get().decrypt(rs.getBytes("id_number_enc")),
                        rs.getString("phone"),
                        rs.getString("address"),
                        rs.getString("residence"),
                        rs.getString("home_station"),
                        Sql.instant(rs, "created_at")));
            }
        }
        return out;
    }

    private static boolean foreignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23503".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
