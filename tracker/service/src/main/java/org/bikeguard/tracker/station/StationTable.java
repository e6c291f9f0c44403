package org.bikeguard.tracker.station;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The {@code stations} table, the registry's source of truth: reads every row, writes stations
 * (update, insert, or bring a deleted one back, decided under a row lock) and changes a station's
 * status. Stateless apart from its data source and the secret digest; thread-safe; every method
 * blocks on JDBC.
 */
final class StationTable {

    /** The columns {@link #row} reads, in its order. */
    private static final String COLUMNS =
            "id, idx, name, kind, lon, lat, radius_m, secret_digest, auth_methods, cert_sha256, status";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;
    private final Function<String, byte[]> digest;

    /** @param digest the HMAC of a station secret as stored */
    StationTable(DataSource ds, Function<String, byte[]> digest) {
        this.ds = ds;
        this.digest = digest;
    }

    /**
     * Sets a station's status unless it is deleted already. Blocking.
     *
     * @return the station now, or empty when there is none (or it was deleted)
     */
    Optional<Station> setStatus(String id, Station.Status status) {
        Station s;
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE stations SET status = ?, updated_at = now()"
                        + " WHERE id = ? AND status <> 'deleted' RETURNING " + COLUMNS)) {
            st.setString(1, status.wire());
            st.setString(2, id);
            try (ResultSet rs = st.executeQuery()) {
                s = rs.next() ? row(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change station " + id + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(s);
    }

    /**
     * Creates, updates or brings back every station in one transaction: all or nothing. Blocking.
     *
     * @param where names item {@code i} in error messages, or null for a single station
     */
    List<StationRegistry.Saved> write(List<StationInput> inputs, IntFunction<String> where) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<StationRegistry.Saved> out = new ArrayList<>(inputs.size());
                for (int i = 0; i < inputs.size(); i++) {
                    out.add(writeOne(c, inputs.get(i), where, i));
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write stations: " + e.getMessage(), e);
        }
    }

    private StationRegistry.Saved writeOne(Connection c, StationInput in, IntFunction<String> where, int i)
            throws SQLException {
        // Lock the row first: update, revive or insert is decided on what is really there. An
        // INSERT ... ON CONFLICT would burn an identity value on every update and the dense index
        // would grow gaps.
        for (int attempt = 0; attempt < 2; attempt++) {
            Station.Status status = lockStatus(c, in.id());
            if (status == Station.Status.DELETED) {
                // back as a new station: its old secret, methods and pin do not come back with it
                Set<Station.AuthMethod> methods = in.authMethods() != null ? in.authMethods() : Station.DEFAULT_AUTH;
                StationInput.CertPin pin = in.certPin() != null ? in.certPin() : new StationInput.CertPin(null);
                return new StationRegistry.Saved(update(c, in, newDigest(in, methods, where, i), methods, pin), true);
            }
            if (status != null) {
                byte[] newSecret = in.secret() == null ? null : digest.apply(in.secret());
                return new StationRegistry.Saved(update(c, in, newSecret, in.authMethods(), in.certPin()), false);
            }
            Set<Station.AuthMethod> methods = in.authMethods() != null ? in.authMethods() : Station.DEFAULT_AUTH;
            Station inserted = insert(c, in, newDigest(in, methods, where, i), methods);
            if (inserted != null) {
                return new StationRegistry.Saved(inserted, true);
            }
            // a concurrent transaction created it in between: update that row instead
        }
        throw new IllegalStateException("station kept changing under us [id: " + in.id() + "]");
    }

    /**
     * The digest a new station starts with: of its secret, or of a random one nobody knows when it
     * authenticates by certificate only.
     */
    private byte[] newDigest(StationInput in, Set<Station.AuthMethod> methods, IntFunction<String> where, int i) {
        if (in.secret() != null) {
            return digest.apply(in.secret());
        }
        if (!methods.contains(Station.AuthMethod.SECRET)) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return digest.apply(HexFormat.of().formatHex(random));
        }
        String problem = "station " + in.id() + " is new and needs a secret";
        throw where == null
                ? new StationValidationException(problem)
                : new StationImportException(where.apply(i), problem);
    }

    private static Station.Status lockStatus(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT status FROM stations WHERE id = ? FOR UPDATE")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Station.Status.ofWire(rs.getString(1)) : null;
            }
        }
    }

    /** Updates the row (reviving a deleted one); null arguments keep what is stored. */
    private Station update(
            Connection c, StationInput in, byte[] digest, Set<Station.AuthMethod> methods, StationInput.CertPin pin)
            throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("UPDATE stations SET name = ?, kind = ?, lon = ?, lat = ?, radius_m = ?,"
                        + " secret_digest = COALESCE(?, secret_digest),"
                        + " auth_methods = COALESCE(?::text[], auth_methods),"
                        + " cert_sha256 = CASE WHEN ? THEN ?::bytea ELSE cert_sha256 END,"
                        + " status = CASE WHEN status = 'deleted' THEN 'active' ELSE status END,"
                        + " updated_at = now()"
                        + " WHERE id = ? RETURNING " + COLUMNS)) {
            st.setString(1, in.name());
            st.setString(2, in.kind());
            st.setDouble(3, in.lon());
            st.setDouble(4, in.lat());
            st.setInt(5, in.radiusM());
            if (digest == null) {
                st.setNull(6, Types.BINARY);
            } else {
                st.setBytes(6, digest);
            }
            if (methods == null) {
                st.setNull(7, Types.ARRAY);
            } else {
                st.setArray(7, c.createArrayOf("text", wire(methods)));
            }
            st.setBoolean(8, pin != null);
            st.setBytes(9, pin == null ? null : pin.sha256());
            st.setString(10, in.id());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("station vanished under a row lock [id: " + in.id() + "]");
                }
                return row(rs);
            }
        }
    }

    private Station insert(Connection c, StationInput in, byte[] digest, Set<Station.AuthMethod> methods)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO stations (id, name, kind, lon, lat, radius_m, secret_digest, auth_methods, cert_sha256)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)) {
            st.setString(1, in.id());
            st.setString(2, in.name());
            st.setString(3, in.kind());
            st.setDouble(4, in.lon());
            st.setDouble(5, in.lat());
            st.setInt(6, in.radiusM());
            st.setBytes(7, digest);
            st.setArray(8, c.createArrayOf("text", wire(methods)));
            st.setBytes(9, in.certPin() == null ? null : in.certPin().sha256());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    private static String[] wire(Set<Station.AuthMethod> methods) {
        return methods.stream().map(Station.AuthMethod::wire).toArray(String[]::new);
    }

    private static Station row(ResultSet rs) throws SQLException {
        Set<Station.AuthMethod> methods = EnumSet.noneOf(Station.AuthMethod.class);
        for (Object m : (Object[]) rs.getArray(9).getArray()) {
            methods.add(Station.AuthMethod.ofWire((String) m));
        }
        return new Station(
                rs.getString(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getDouble(5),
                rs.getDouble(6),
                rs.getInt(7),
                rs.getBytes(8),
                methods,
                rs.getBytes(10),
                Station.Status.ofWire(rs.getString(11)));
    }

    /** Every station, deleted ones included, by index. Blocking. */
    List<Station> readAll() {
        List<Station> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM stations ORDER BY idx")) {
            while (rs.next()) {
                out.add(row(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stations: " + e.getMessage(), e);
        }
        return out;
    }
}
