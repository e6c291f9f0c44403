package org.bikeguard.tracker.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.TokenService;
import org.bikeguard.tracker.registry.IdNumbers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a deployment whose keys were in the database (table {@code server_keys}, before V24):
 * the first start imports them into the new key file as key id 0 and drops the table, and what the
 * old keys made (a v1 admin token, an ID number of the old format, a station's digest) stays
 * valid; until a rotation the tracker writes the old forms (for members of the previous version
 * during a rolling upgrade), after it the new ones. A key file that lacks the database's keys is refused, before anything is dropped; so is a
 * member with another key file once the database is upgraded. {@code bikeguard keys import} builds
 * the key file from the database for members that cannot write theirs (Kubernetes).
 */
@Timeout(240)
class LegacyKeyImportIT {

    private static final String STATION = "LEGACY-1";
    private static final String STATION_SECRET = "legacy-station-secret-0001";

    @TempDir
    Path dir;

    /** A database as the previous version left it, with its keys in server_keys. */
    private record OldDatabase(String url, Map<KeyPurpose, byte[]> keys, long ownerId, String idNumber) {}

    private static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static OldDatabase oldDatabase() throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("classpath:db/migration")
                .placeholders(Map.of("timescale", "auto", "frameLogRetention", "168 hours"))
                .target("21")
                .load()
                .migrate();
        Map<KeyPurpose, byte[]> keys = new EnumMap<>(KeyPurpose.class);
        keys.put(KeyPurpose.TOKEN_SIGNING, key(11));
        keys.put(KeyPurpose.STATION_SECRET, key(12));
        keys.put(KeyPurpose.ID_NUMBER_ENCRYPTION, key(13));
        keys.put(KeyPurpose.ID_NUMBER_LOOKUP, key(14));
        String body = "43040219850615123";
        String idNumber = body + IdNumbers.checkChar(body);
        long ownerId;
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO server_keys (name, key_bytes) VALUES (?, ?)")) {
                for (Map.Entry<KeyPurpose, byte[]> e : keys.entrySet()) {
                    st.setString(1, e.getKey().wire());
                    st.setBytes(2, e.getValue());
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO stations (id, name, kind, lon, lat, radius_m,"
                    + " secret_digest) VALUES (?, 'Old', 'street', 112.57, 26.89, 80, ?)")) {
                st.setString(1, STATION);
                st.setBytes(2, hmac(keys.get(KeyPurpose.STATION_SECRET), STATION_SECRET));
                st.executeUpdate();
            }
            long userId;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("INSERT INTO users (username, password_hash, role)"
                            + " VALUES ('13900000077', 'x', 'owner') RETURNING id")) {
                rs.next();
                userId = rs.getLong(1);
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO owners (user_id, username, name, id_number_enc,"
                    + " id_number_hash, phone, created_by) VALUES (?, '13900000077', 'Old Owner', ?, ?, '13900000077',"
                    + " 'admin') RETURNING id")) {
                st.setLong(1, userId);
                st.setBytes(2, oldCiphertext(keys.get(KeyPurpose.ID_NUMBER_ENCRYPTION), idNumber));
                st.setBytes(3, hmac(keys.get(KeyPurpose.ID_NUMBER_LOOKUP), idNumber));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    ownerId = rs.getLong(1);
                }
            }
        }
        return new OldDatabase(url, keys, ownerId, idNumber);
    }

    /** The previous version's stored form: 1 || nonce || AES-GCM. */
    private static byte[] oldCiphertext(byte[] key, String id) throws Exception {
        byte[] nonce = new byte[12];
        nonce[3] = 9;
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD("bikeguard.owner.id_number".getBytes(StandardCharsets.US_ASCII));
        byte[] ct = c.doFinal(id.getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(13 + ct.length)
                .put((byte) 1)
                .put(nonce)
                .put(ct)
                .array();
    }

    /** A token as the previous version issued it: v1, no key id. */
    private static String v1Token(byte[] key, Clock clock) throws Exception {
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new JsonObject()
                        .put("sub", "admin")
                        .put("role", "admin")
                        .put("exp", clock.instant().plusSeconds(3600).getEpochSecond())
                        .encode()
                        .getBytes(StandardCharsets.UTF_8));
        String body = "v1." + payload;
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(body.getBytes()));
    }

    private static Map<Long, byte[]> ownerCiphertexts(TrackerKit tracker) {
        Map<Long, byte[]> out = new java.util.HashMap<>();
        try (Connection c = tracker.database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, id_number_enc FROM owners")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getBytes(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static boolean tableExists(String url, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Test
    void theFirstStartImportsTheDatabasesKeysSoWhatTheyMadeStaysValidAndDropsThem() throws Exception {
        OldDatabase old = oldDatabase();
        Path keysFile = dir.resolve("keys/bikeguard-keys.json");
        try (TrackerKit tracker = TrackerKit.builder()
                .database(old.url())
                .env("BIKEGUARD_KEYS_FILE", keysFile.toString())
                .start()) {
            Keys keys = new KeyFile(keysFile).read().orElseThrow();
            assertTrue(keys.holds(old.keys()), "the database's keys are the key file's key 0");
            assertFalse(keys.provisional());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile)));
            assertFalse(tableExists(old.url(), "server_keys"));
            assertFalse(tableExists(old.url(), DatabaseKeys.LEGACY_TABLE), "no key left in the database");

            String v1 = v1Token(old.keys().get(KeyPurpose.TOKEN_SIGNING), tracker.clock());
            // the imported key still verifies a token signed before the upgrade...
            assertEquals("admin", tokens(tracker).verify(v1).username(), "a token issued before the upgrade");
            // ...but such a token has no record of its issue (no jti): everyone logs in again
            assertEquals(401, tracker.get("/api/v1/stations", v1).status());
            // connecting fails when the tracker refuses the secret: the old digest still matches
            try (TestStation s = tracker.connect(STATION, STATION_SECRET)) {
                s.publishAndWait(JsonFrames.frame(
                        STATION,
                        1,
                        "[" + JsonFrames.read("E2000017", tracker.clock().millis(), false) + "]"));
            }
            String admin = tracker.adminToken();
            JsonObject owner = tracker.get("/api/v1/owners/" + old.ownerId() + "?reveal=true", admin)
                    .json();
            assertEquals(old.idNumber(), owner.getString("idNumber"), "an ID number of the old format");
            assertEquals(
                    old.ownerId(),
                    tracker.get("/api/v1/owners?idNumber=" + old.idNumber(), admin)
                            .array()
                            .getJsonObject(0)
                            .getLong("id"),
                    "found by the old look-up hash");
            // until a rotation, new tokens and ciphertexts take the old forms: members of the previous
            // version, still running during a rolling upgrade, accept and read them
            assertTrue(admin.startsWith("v1."), admin);
            long added = tracker.owner(admin, "Added During The Upgrade").id();
            assertEquals(1, ownerCiphertexts(tracker).get(added)[0]);

            // a rotation moves every row to the new key (ids 1); the old tokens stay valid meanwhile
            KeyFile file = tracker.app().keys().file().orElseThrow();
            file.locked(() -> {
                file.write(file.read()
                        .orElseThrow()
                        .rotate(
                                java.util.EnumSet.of(
                                        KeyPurpose.TOKEN_SIGNING,
                                        KeyPurpose.ID_NUMBER_ENCRYPTION,
                                        KeyPurpose.ID_NUMBER_LOOKUP),
                                tracker.clock().instant().minusSeconds(1)));
                return null;
            });
            Poll.until(
                    Duration.ofSeconds(60),
                    "every ciphertext under key 1",
                    () -> ownerCiphertexts(tracker).values().stream()
                            .allMatch(c -> Arrays.equals(new byte[] {2, 1, '1'}, Arrays.copyOf(c, 3))));
            assertEquals("admin", tokens(tracker).verify(v1).username(), "the old key still verifies");
            assertEquals(200, tracker.get("/api/v1/stations", admin).status(), "a token issued before the rotation");
            assertTrue(tracker.token("admin", tracker.adminPassword()).startsWith("v2."));
            assertEquals(
                    old.idNumber(),
                    tracker.get("/api/v1/owners/" + old.ownerId() + "?reveal=true", admin)
                            .json()
                            .getString("idNumber"));
        }

        // another member with a key file of its own is refused: it would write what the others cannot read
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrackerKit.builder()
                .database(old.url())
                .env("BIKEGUARD_KEYS_FILE", dir.resolve("other-keys.json").toString())
                .start()
                .close());
        assertTrue(e.getMessage().contains("every member needs the same key file"), e.getMessage());
    }

    @Test
    void aKeyFileWithoutTheDatabasesKeysIsRefusedAndBikeguardKeysImportBuildsOne() throws Exception {
        OldDatabase old = oldDatabase();
        Path keysFile = dir.resolve("settled-keys.json");
        new KeyFile(keysFile).write(Keys.generate());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrackerKit.builder()
                .database(old.url())
                .env("BIKEGUARD_KEYS_FILE", keysFile.toString())
                .start()
                .close());
        assertTrue(e.getMessage().contains("bikeguard keys import"), e.getMessage());
        assertTrue(tableExists(old.url(), DatabaseKeys.LEGACY_TABLE), "nothing dropped");

        Path imported = dir.resolve("imported-keys.json");
        int status = KeysCommand.run(
                new String[] {"import", "--file", imported.toString()},
                TestConfigs.config(Map.of("BIKEGUARD_DB_URL", old.url(), "BIKEGUARD_DB_USER", "postgres")),
                Clock.systemUTC());
        assertEquals(0, status);
        assertTrue(new KeyFile(imported).read().orElseThrow().holds(old.keys()));
        try (TrackerKit tracker = TrackerKit.builder()
                .database(old.url())
                .env("BIKEGUARD_KEYS_FILE", imported.toString())
                .start()) {
            assertEquals(
                    "admin",
                    tokens(tracker)
                            .verify(v1Token(old.keys().get(KeyPurpose.TOKEN_SIGNING), tracker.clock()))
                            .username());
            assertFalse(tableExists(old.url(), DatabaseKeys.LEGACY_TABLE));
        }
    }

    /** The tracker's own token verification (signature and expiry, under its live key ring). */
    private static TokenService tokens(TrackerKit tracker) {
        return new TokenService(tracker.app().keys().ringOf(KeyPurpose.TOKEN_SIGNING), tracker.clock());
    }
}
