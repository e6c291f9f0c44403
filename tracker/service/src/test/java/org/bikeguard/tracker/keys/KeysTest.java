package org.bikeguard.tracker.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key file's content: generation, JSON, rotation and retirement, import of the database's keys. */
class KeysTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    @Test
    void generatedKeysRoundTripThroughJsonAndDifferEachTime() {
        Keys k = Keys.generate();
        assertEquals(k, Keys.fromJson(k.toJson(), "test"));
        Keys other = Keys.generate();
        assertNotEquals(k.fileId(), other.fileId());
        assertNotEquals(k.postgresPassword(), other.postgresPassword());
        for (KeyPurpose p : KeyPurpose.values()) {
            assertEquals("1", k.ring(p).current(NOW).id());
            assertFalse(k.ring(p)
                    .current(NOW)
                    .hasMaterial(other.ring(p).current(NOW).material()));
        }
        assertFalse(k.toString().contains(k.postgresPassword()));
        String key = Base64.getEncoder()
                .encodeToString(k.ring(KeyPurpose.TOKEN_SIGNING).current(NOW).material());
        assertFalse(k.toString().contains(key));
        assertEquals(k, Keys.fromEnvironment(k.toJson()));
        assertEquals(
                k,
                Keys.fromEnvironment(
                        Base64.getEncoder().encodeToString(k.toJson().getBytes(StandardCharsets.UTF_8))),
                "BIKEGUARD_KEYS may hold base64 of the file");
    }

    @Test
    void rotationAddsANumberedKeyToEachRotatedRingAndRetiringKeepsTheCurrentOne() {
        Keys k = Keys.generate();
        Keys r = k.rotate(EnumSet.of(KeyPurpose.TOKEN_SIGNING, KeyPurpose.ID_NUMBER_ENCRYPTION), NOW);
        assertEquals("1,2", r.ring(KeyPurpose.TOKEN_SIGNING).ids());
        assertEquals("1,2", r.ring(KeyPurpose.ID_NUMBER_ENCRYPTION).ids());
        assertEquals("1", r.ring(KeyPurpose.ID_NUMBER_LOOKUP).ids());
        assertEquals(
                "1",
                r.ring(KeyPurpose.TOKEN_SIGNING).current(NOW.minusSeconds(1)).id(),
                "not active yet");
        assertEquals("2", r.ring(KeyPurpose.TOKEN_SIGNING).current(NOW).id());
        assertEquals(k.fileId(), r.fileId());
        assertEquals(r, Keys.fromJson(r.toJson(), "test"));
        assertThrows(
                IllegalArgumentException.class,
                () -> r.rotate(EnumSet.of(KeyPurpose.TOKEN_SIGNING), NOW),
                "a second key active at the same instant");
        assertThrows(
                IllegalArgumentException.class,
                () -> k.rotate(EnumSet.of(KeyPurpose.STATION_SECRET), NOW),
                "station digests cannot be recomputed");
        assertThrows(IllegalArgumentException.class, () -> r.retire(KeyPurpose.TOKEN_SIGNING, "2", NOW));
        assertThrows(
                IllegalArgumentException.class,
                () -> r.retire(KeyPurpose.TOKEN_SIGNING, "1", NOW.minusSeconds(1)),
                "before key 2 is active, key 1 is current");
        assertEquals(
                "2",
                r.retire(KeyPurpose.TOKEN_SIGNING, "1", NOW)
                        .ring(KeyPurpose.TOKEN_SIGNING)
                        .ids());
    }

    @Test
    void theDatabasesKeysBecomeTheLegacyKeyZeroOfTheirRings() {
        byte[] token = new byte[32];
        token[0] = 1;
        byte[] station = new byte[32];
        station[0] = 2;
        Map<KeyPurpose, byte[]> legacy = Map.of(KeyPurpose.TOKEN_SIGNING, token, KeyPurpose.STATION_SECRET, station);
        Keys fresh = Keys.generate();
        assertFalse(fresh.holds(legacy));
        Keys imported = fresh.importing(legacy);
        assertTrue(imported.holds(legacy));
        KeyVersion t = imported.ring(KeyPurpose.TOKEN_SIGNING).current(NOW);
        assertEquals(KeyVersion.LEGACY_ID, t.id());
        assertTrue(t.legacy());
        assertTrue(t.hasMaterial(token));
        assertEquals("1", imported.ring(KeyPurpose.ID_NUMBER_LOOKUP).ids(), "absent from the database: fresh");
        Keys back = Keys.fromJson(imported.toJson(), "test");
        assertTrue(back.holds(legacy));
        assertEquals(
                "0,1",
                back.rotate(EnumSet.of(KeyPurpose.TOKEN_SIGNING), NOW)
                        .ring(KeyPurpose.TOKEN_SIGNING)
                        .ids());
    }

    @Test
    void unreadableFilesAreRefusedWithoutShowingTheirContent() {
        Keys k = Keys.generate();
        String key = Base64.getEncoder()
                .encodeToString(k.ring(KeyPurpose.TOKEN_SIGNING).current(NOW).material());
        for (String bad : new String[] {
            "",
            "not json " + key,
            "{\"format\":2}",
            k.toJson().replace("\"token-signing\"", "\"tokens\""),
            k.toJson().replace("\"fileId\"", "\"fileID\""),
            k.toJson().replace(key, key.substring(4))
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Keys.fromJson(bad, "f"), bad);
            assertFalse(e.getMessage().contains(key.substring(0, 12)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Keys.fromEnvironment("%%%"));
    }
}
