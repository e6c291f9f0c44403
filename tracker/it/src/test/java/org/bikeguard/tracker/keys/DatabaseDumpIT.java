package org.bikeguard.tracker.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test: with a dump of the database alone, no token can be forged and no ID number
 * read. The dump is every row of every table of the tracker's database, read with SQL (what
 * {@code pg_dump} would write; the embedded binaries ship no {@code pg_dump}). Every byte string
 * in it that could be a key (each value whole, every 16/24/32-byte window of it, and every
 * base64 or hex piece of text decoded) is tried: as the HMAC key of admin tokens of both formats
 * and every key id, as the AES key of every stored ID number, as the look-up key of every ID
 * number, as the station-secret key. A control runs the same attacks with the key file's keys and
 * succeeds, so the attacks are real. The claims module is not deployed here (it has its own
 * schema; see the report).
 */
@Timeout(300)
class DatabaseDumpIT {

    private static final Pattern PIECES = Pattern.compile("[A-Za-z0-9+/_=-]{16,}");
    private static final String STATION_SECRET = "dump-station-secret-0123456789";

    private static TrackerKit tracker;
    private static List<RegistryFixtures.TestOwner> owners;
    private static Dump dump;

    /** Every table's rows: text values, and bytea values by column ({@code table.column}). */
    private record Dump(Set<String> tables, StringBuilder text, Map<String, List<byte[]>> bytea) {}

    @BeforeAll
    static void start() throws Exception {
        tracker = TrackerKit.start();
        String admin = tracker.adminToken();
        owners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owners.add(tracker.owner(admin, "Dump Owner " + i));
        }
        tracker.station("DUMP-1", STATION_SECRET, 112.57, 26.89);
        tracker.userToken("dump-police", "police");
        // a look-up by ID number and a reveal: both audited, neither may leave the number behind
        assertEquals(
                200,
                tracker.get("/api/v1/owners?idNumber=" + owners.get(0).idNumber(), admin)
                        .status());
        assertEquals(
                200,
                tracker.get("/api/v1/owners/" + owners.get(1).id() + "?reveal=true", admin)
                        .status());
        dump = dump();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static Dump dump() throws SQLException {
        Dump d = new Dump(new TreeSet<>(), new StringBuilder(), new LinkedHashMap<>());
        try (Connection c = tracker.database().dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                            + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                            + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                d.tables().add(table);
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            if ("bytea".equals(md.getColumnTypeName(i))) {
                                byte[] b = rs.getBytes(i);
                                if (b != null) {
                                    d.bytea()
                                            .computeIfAbsent(table + "." + md.getColumnName(i), k -> new ArrayList<>())
                                            .add(b);
                                    d.text()
                                            .append(new String(b, StandardCharsets.ISO_8859_1))
                                            .append('\n');
                                }
                            } else {
                                d.text().append(rs.getString(i)).append('\n');
                            }
                        }
                    }
                }
            }
        }
        return d;
    }

    /** Every byte string of the dump that could be a key. */
    private static List<byte[]> candidates() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (List<byte[]> values : dump.bytea().values()) {
            for (byte[] b : values) {
                addWithWindows(out, b);
            }
        }
        Matcher m = PIECES.matcher(dump.text());
        while (m.find()) {
            String piece = m.group();
            addWithWindows(out, piece.getBytes(StandardCharsets.UTF_8));
            for (Base64.Decoder dec : List.of(Base64.getDecoder(), Base64.getUrlDecoder(), Base64.getMimeDecoder())) {
                try {
                    addWithWindows(out, dec.decode(piece));
                } catch (IllegalArgumentException e) {
                    // not this encoding
                }
            }
            if (piece.length() % 2 == 0 && piece.matches("[0-9a-fA-F]+")) {
                addWithWindows(out, HexFormat.of().parseHex(piece));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void addWithWindows(Map<String, byte[]> out, byte[] b) {
        if (b.length == 0) {
            return;
        }
        out.putIfAbsent(HexFormat.of().formatHex(b), b);
        for (int w : new int[] {16, 24, 32}) {
            for (int i = 0; i + w <= b.length; i++) {
                byte[] win = Arrays.copyOfRange(b, i, i + w);
                out.putIfAbsent(HexFormat.of().formatHex(win), win);
            }
        }
    }

    // ------------------------------------------------------------------ the attacks

    private static String forge(byte[] key, String version, String kid) {
        JsonObject payload = new JsonObject()
                .put("sub", "admin")
                .put("role", "admin")
                .put("exp", tracker.clock().instant().plusSeconds(3600).getEpochSecond());
        if (kid != null) {
            payload.put("kid", kid);
        }
        String body = version + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
        return body + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(hmac(key, body.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> forgeries(byte[] key) {
        List<String> out = new ArrayList<>();
        out.add(forge(key, "v1", null));
        for (String kid : List.of("0", "1", "2", "3")) {
            out.add(forge(key, "v2", kid));
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts a stored ID number with {@code key} (either stored form), or throws. */
    private static String decrypt(byte[] key, byte[] stored) throws GeneralSecurityException {
        int offset = stored[0] == 1 ? 1 : 2 + (stored[1] & 0xff);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, stored, offset, 12));
        c.updateAAD("bikeguard.owner.id_number".getBytes(StandardCharsets.US_ASCII));
        return new String(c.doFinal(stored, offset + 12, stored.length - offset - 12), StandardCharsets.US_ASCII);
    }

    /** The HMAC part of a stored look-up hash (either form). */
    private static byte[] mac(byte[] stored) {
        return Arrays.copyOfRange(stored, stored.length - 32, stored.length);
    }

    private static byte[] keyOf(KeyPurpose p) {
        return tracker.app().keys().ring(p).current(tracker.clock().instant()).material();
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theDumpHoldsNoKeyTableAndNoIdNumberInClear() {
        assertFalse(
                dump.tables().stream().anyMatch(t -> t.contains("server_keys")),
                dump.tables().toString());
        assertTrue(dump.tables().contains("public.owners"), dump.tables().toString());
        assertEquals(
                owners.size(), dump.bytea().get("public.owners.id_number_enc").size());
        String text = dump.text().toString();
        for (RegistryFixtures.TestOwner o : owners) {
            assertFalse(text.contains(o.idNumber()), "ID number in clear");
            assertFalse(text.contains(o.idNumber().substring(0, 17)), "ID number without its check character");
        }
        assertFalse(text.contains(STATION_SECRET), "station secret in clear");
        assertFalse(text.contains(tracker.app().keys().get().postgresPassword()), "the embedded server's password");
    }

    @Test
    void noTokenSignedWithAnythingInTheDumpIsAccepted() throws Exception {
        List<byte[]> candidates = candidates();
        assertTrue(candidates.size() > 100, "candidates: " + candidates.size());
        TokenService verifier =
                new TokenService(tracker.app().keys().ringOf(KeyPurpose.TOKEN_SIGNING), tracker.clock());
        int tried = 0;
        for (byte[] k : candidates) {
            for (String t : forgeries(k)) {
                assertThrows(TokenService.InvalidTokenException.class, () -> verifier.verify(t));
                tried++;
            }
        }
        // the same through the HTTP API, for the keys of the right length
        int http = 0;
        for (byte[] k : candidates) {
            if (k.length == 32 && http < 40) {
                for (String t : forgeries(k)) {
                    assertEquals(401, tracker.get("/api/v1/stations", t).status());
                }
                http++;
            }
        }
        assertTrue(tried > 500 && http > 0, "tried " + tried + ", over HTTP " + http);

        // control: the same forgery with the key file's signing key verifies (over HTTP it would
        // still need a record of its issue, which a forger cannot write without the database)
        byte[] real = keyOf(KeyPurpose.TOKEN_SIGNING);
        String kid = tracker.app()
                .keys()
                .ring(KeyPurpose.TOKEN_SIGNING)
                .current(tracker.clock().instant())
                .id();
        assertEquals(
                "admin",
                new TokenService(tracker.app().keys().ringOf(KeyPurpose.TOKEN_SIGNING), tracker.clock())
                        .verify(forge(real, "v2", kid))
                        .username());
        assertFalse(candidates.stream().anyMatch(c -> Arrays.equals(c, real)), "the signing key is in the dump");
    }

    @Test
    void noIdNumberDecryptsOrCanBeConfirmedWithAnythingInTheDump() throws Exception {
        List<byte[]> candidates = candidates();
        List<byte[]> ciphertexts = dump.bytea().get("public.owners.id_number_enc");
        List<byte[]> hashes = dump.bytea().get("public.owners.id_number_hash");
        for (byte[] k : candidates) {
            if (k.length == 16 || k.length == 24 || k.length == 32) {
                for (byte[] ct : ciphertexts) {
                    assertThrows(GeneralSecurityException.class, () -> decrypt(k, ct));
                }
            }
            for (RegistryFixtures.TestOwner o : owners) {
                byte[] guess = hmac(k, o.idNumber().getBytes(StandardCharsets.US_ASCII));
                for (byte[] h : hashes) {
                    assertFalse(Arrays.equals(guess, mac(h)), "a guessed ID number confirmed by its look-up hash");
                }
            }
        }
        // control: the key file's keys decrypt every row and confirm every number
        Set<String> decrypted = new TreeSet<>();
        for (byte[] ct : ciphertexts) {
            decrypted.add(decrypt(keyOf(KeyPurpose.ID_NUMBER_ENCRYPTION), ct));
        }
        assertEquals(
                new TreeSet<>(owners.stream()
                        .map(RegistryFixtures.TestOwner::idNumber)
                        .toList()),
                decrypted);
        byte[] guess = hmac(
                keyOf(KeyPurpose.ID_NUMBER_LOOKUP), owners.get(0).idNumber().getBytes(StandardCharsets.US_ASCII));
        assertTrue(hashes.stream().anyMatch(h -> Arrays.equals(guess, mac(h))));
    }

    @Test
    void noStationSecretDigestCanBeReproducedWithAnythingInTheDump() {
        List<byte[]> digests = dump.bytea().get("public.stations.secret_digest");
        assertEquals(1, digests.size());
        byte[] secret = STATION_SECRET.getBytes(StandardCharsets.UTF_8);
        for (byte[] k : candidates()) {
            assertNotEquals(
                    HexFormat.of().formatHex(digests.get(0)), HexFormat.of().formatHex(hmac(k, secret)));
        }
        assertEquals(
                HexFormat.of().formatHex(digests.get(0)),
                HexFormat.of().formatHex(hmac(keyOf(KeyPurpose.STATION_SECRET), secret)),
                "control: the key file's station key reproduces it");
    }
}
