package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void acceptsTheStandardsWorkedExampleWithCheckCharacterX() {
        assertEquals("11010519491231002X", IdNumbers.canonical("11010519491231002x", TODAY));
        assertEquals('X', IdNumbers.checkChar("11010519491231002"));
    }

    @Test
    void acceptsNumbersWhoseCheckDigitIsComputedByMod11() {
        String body = "43040219900307123";
        String id = body + IdNumbers.checkChar(body);
        assertEquals(id, IdNumbers.canonical(" " + id + " ", TODAY));
    }

    @Test
    void refusesAWrongCheckDigitWithoutEchoingTheNumber() {
        String body = "43040219900307123";
        char right = IdNumbers.checkChar(body);
        char wrong = right == '1' ? '2' : '1';
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical(body + wrong, TODAY));
        assertTrue(e.getMessage().contains("check digit"));
        assertFalse(e.getMessage().contains(body));
    }

    @Test
    void refusesWrongLengthLettersImpossibleAndFutureBirthDatesAndRegionZero() {
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical("430402199003071", TODAY));
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical("4304021990030A1231", TODAY));
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical(valid("43040219900230123"), TODAY));
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical(valid("43040220270101123"), TODAY));
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical(valid("03040219900307123"), TODAY));
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.canonical(null, TODAY));
    }

    @Test
    void masksAllButTheFirstThreeAndLastFourCharacters() {
        assertEquals("110***********002X", IdNumbers.mask("11010519491231002X"));
    }

    @Test
    void vaultRoundTripsAndDetectsTamperingAndHashesDeterministically() {
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        k2[0] = 1;
        IdNumberVault v = new IdNumberVault(k1, k2);
        byte[] a = v.encrypt("11010519491231002X");
        byte[] b = v.encrypt("11010519491231002X");
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "fresh nonce per encryption");
        assertEquals("11010519491231002X", v.decrypt(a));
        assertArrayEquals(v.lookupHash("11010519491231002X"), v.lookupHash("11010519491231002X"));
        a[a.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> v.decrypt(a));
        IdNumberVault other = new IdNumberVault(k2, k2);
        assertThrows(IllegalStateException.class, () -> other.decrypt(b));
    }

    static String valid(String body17) {
        return body17 + IdNumbers.checkChar(body17);
    }
}
