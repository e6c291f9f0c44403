package org.bikeguard.tracker.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StationInputTest {

    private static StationInput input(String id, String kind, double lon, double lat, int radius, String secret) {
        return new StationInput(id, "name", kind, lon, lat, radius, secret);
    }

    @Test
    void validInputIsAcceptedWithOrWithoutSecret() {
        input("HY-0001", "street", 120, 30, 50, "sixteen-chars-ok");
        input("a.b_c-1", "building", -180, 90, 10_000, null);
    }

    @Test
    void secretShorterThanSixteenCharactersIsRejected() {
        StationValidationException e =
                assertThrows(StationValidationException.class, () -> input("A", "street", 0, 0, 1, "fifteen-chars-x"));
        assertTrue(e.getMessage().startsWith("secret must be 16..256"), e.getMessage());
    }

    @Test
    void unknownKindBadIdAndOutOfRangeValuesAreRejectedNamingTheField() {
        assertTrue(assertThrows(StationValidationException.class, () -> input("A", "road", 0, 0, 1, null))
                .getMessage()
                .startsWith("kind"));
        assertTrue(assertThrows(StationValidationException.class, () -> input("A B", "street", 0, 0, 1, null))
                .getMessage()
                .startsWith("id"));
        assertTrue(assertThrows(StationValidationException.class, () -> input("A", "street", 180.5, 0, 1, null))
                .getMessage()
                .startsWith("lon"));
        assertTrue(assertThrows(StationValidationException.class, () -> input("A", "street", 0, Double.NaN, 1, null))
                .getMessage()
                .startsWith("lat"));
        assertTrue(assertThrows(StationValidationException.class, () -> input("A", "street", 0, 0, 0, null))
                .getMessage()
                .startsWith("radiusM"));
    }

    @Test
    void toStringNeverShowsTheSecretOrDigest() {
        assertFalse(input("A", "street", 0, 0, 1, "sixteen-chars-ok").toString().contains("sixteen"));
        Station s = new Station("A", 1, "n", "street", 0, 0, 1, new byte[32]);
        assertFalse(s.toString().contains("secret"));
    }

    @Test
    void stationEqualityComparesDigestBytesAndDigestIsCopied() {
        byte[] d = new byte[32];
        Station a = new Station("A", 1, "n", "street", 0, 0, 1, d);
        Station b = new Station("A", 1, "n", "street", 0, 0, 1, new byte[32]);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        d[0] = 1;
        assertEquals(a, b, "the constructor copied the array");
        a.secretDigest()[0] = 2;
        assertEquals(a, b, "the accessor hands out a copy");
        assertNotEquals(a, new Station("A", 1, "n", "street", 0, 0, 1, d));
    }
}
