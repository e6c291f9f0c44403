package org.bikeguard.tracker.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the database knows of keys since migration V24: the keys of an older version, left in
 * table {@code server_keys_legacy} until a member imports them into its key file and drops the
 * table, and the id of the key file the database was set up with (table {@code key_file}). Blocking
 * (JDBC): call from the start-up thread or workers. Stateless; thread-safe.
 */
public final class DatabaseKeys {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseKeys.class);
    /** The table the old {@code server_keys} became. */
    public static final String LEGACY_TABLE = "server_keys_legacy";

    private DatabaseKeys() {}

    /**
     * The keys left by an older version, by purpose (empty when there are none or the table is
     * gone). Rows of unknown names are skipped with a warning.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public static Map<KeyPurpose, byte[]> legacy(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return legacy(c, LEGACY_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + LEGACY_TABLE + ": " + e.getMessage(), e);
        }
    }

    /** The rows of {@code table} ({@code server_keys} or {@code server_keys_legacy}) when it exists. */
    static Map<KeyPurpose, byte[]> legacy(Connection c, String table) throws SQLException {
        Map<KeyPurpose, byte[]> out = new EnumMap<>(KeyPurpose.class);
        try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return out;
                }
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, key_bytes FROM " + table)) {
            while (rs.next()) {
                try {
                    out.put(KeyPurpose.fromWire(rs.getString(1)), rs.getBytes(2));
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping a key of unknown name in {} [name: {}]", table, rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Drops {@code server_keys_legacy}; call once the key file holds its keys. */
    public static void dropLegacy(DataSource ds) {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + LEGACY_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + LEGACY_TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code fileId} as the database's key file when none is recorded yet, and checks
     * that it is the recorded one.
     *
     * @throws IllegalStateException when the database was set up with another key file
     */
    public static void checkFileId(DataSource ds, String fileId, String source) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ins =
                    c.prepareStatement("INSERT INTO key_file (file_id) VALUES (?) ON CONFLICT (only_row) DO NOTHING")) {
                ins.setString(1, fileId);
                if (ins.executeUpdate() == 1) {
                    LOG.info("recorded the key file of this database [fileId: {}]", fileId);
                    return;
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT file_id FROM key_file")) {
                rs.next();
                String recorded = rs.getString(1);
                if (!recorded.equals(fileId)) {
                    throw new IllegalStateException("this database was set up with the key file whose fileId is "
                            + recorded + ", but this member's keys (" + source + ") are those of fileId " + fileId
                            + ": every member needs the same key file. Copy it from a member that runs, or restore "
                            + "it from its backup (docs/operations.md, \"Keys\")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the key file's id: " + e.getMessage(), e);
        }
    }
}
