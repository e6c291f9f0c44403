package org.bikeguard.tracker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.keys.KeyFile;
import org.bikeguard.tracker.keys.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL requires the key file's password (SCRAM-SHA-256) on loopback and the
 * local socket alike: a new data directory is created so, one of an older version that trusted
 * local connections is converted at its next start, and a key file of another deployment is
 * refused. The product path: a tracker on its embedded database creates its key file (mode 600,
 * outside the data directory) and starts again with it.
 */
@Timeout(300)
class EmbeddedPostgresAuthIT {

    private static final String PASSWORD = "embedded-password-0123456789";

    @TempDir
    Path dir;

    private static void assertRefused(String url, String password) {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", password)
                .close());
        assertTrue(
                e.getMessage().contains("password") || "28P01".equals(e.getSQLState()),
                e.getSQLState() + " " + e.getMessage());
    }

    private static void assertOpens(String url, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void aNewDataDirectoryTakesOnlyThePassword() throws Exception {
        Path pg = dir.resolve("data/pg");
        try (EmbeddedPostgres server = Database.startEmbedded(pg, 0, 20, PASSWORD)) {
            String url = server.getJdbcUrl("postgres", "postgres");
            assertOpens(url, PASSWORD);
            assertRefused(url, "");
            assertRefused(url, "wrong-password");
            String hba = Files.readString(pg.resolve("pg_hba.conf"), StandardCharsets.UTF_8);
            assertTrue(hba.startsWith(EmbeddedAuth.MARKER), hba);
            assertFalse(hba.contains("trust"), hba);
            try (Connection c = DriverManager.getConnection(url, "postgres", PASSWORD);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid"
                            + " WHERE rolname = 'postgres'")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "a SCRAM verifier, not the password");
            }
        }
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertFalse(
                    files.anyMatch(f -> f.getFileName().toString().startsWith("bikeguard-initdb-")),
                    "the initdb password file is gone");
        }
        // started again: the same password, and only it
        try (EmbeddedPostgres server = Database.startEmbedded(pg, 0, 20, PASSWORD)) {
            assertRefused(server.getJdbcUrl("postgres", "postgres"), "");
        }
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> Database.startEmbedded(pg, 0, 20, "another-password-0123"));
        assertTrue(e.getMessage().contains("refuses the key file's password"), e.getMessage());
    }

    @Test
    void aDataDirectoryThatTrustedLocalConnectionsGetsThePassword() throws Exception {
        Path pg = dir.resolve("old/pg");
        // as the previous version created it: the library's defaults, trust for every local connection
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(pg)
                        .setCleanDataDirectory(false)
                        .start();
                Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('still here')");
        }
        try (EmbeddedPostgres server = Database.startEmbedded(pg, 0, 20, PASSWORD)) {
            String url = server.getJdbcUrl("postgres", "postgres");
            assertRefused(url, "");
            try (Connection c = DriverManager.getConnection(url, "postgres", PASSWORD);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                rs.next();
                assertEquals("still here", rs.getString(1));
            }
        }
    }

    @Test
    void aTrackerOnItsEmbeddedDatabaseCreatesItsKeyFileAndStartsAgainWithIt() throws Exception {
        Path data = dir.resolve("home/.bikeguard");
        Map<String, String> env = Map.of(
                "HOME",
                dir.resolve("home").toString(),
                "BIKEGUARD_DATA_DIR",
                data.toString(),
                "BIKEGUARD_DB_URL",
                "",
                "BIKEGUARD_DB_USER",
                "");
        Path keysFile = dir.resolve("home/.bikeguard-keys");
        String url;
        try (TrackerApp app = TrackerApp.start(TestConfigs.config(env), ScenarioClock.ticking())) {
            url = app.database().url();
            assertEquals(keysFile, app.keys().file().orElseThrow().path(), "the default: beside the data directory");
            assertRefused(url, "");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile)));
        Keys keys = new KeyFile(keysFile).read().orElseThrow();
        assertFalse(keys.provisional());
        try (var walk = Files.walk(data)) {
            String password = keys.postgresPassword();
            assertFalse(
                    walk.filter(Files::isRegularFile).anyMatch(f -> contains(f, password)),
                    "the password is nowhere in the data directory");
        }
        try (TrackerApp again = TrackerApp.start(TestConfigs.config(env), ScenarioClock.ticking())) {
            assertEquals(keys, again.keys().get());
            assertOpens(again.database().url(), keys.postgresPassword());
        }
    }

    private static boolean contains(Path f, String s) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(s);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
