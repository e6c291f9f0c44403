package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

    @Test
    void rightPasswordVerifiesAndWrongOneDoesNot() {
        String h = hasher.hash("correct horse battery");
        assertTrue(hasher.verify("correct horse battery", h));
        assertFalse(hasher.verify("correct horse batterY", h));
    }

    @Test
    void hashesAreSaltedAndRecordTheirCost() {
        String a = hasher.hash("same password");
        String b = hasher.hash("same password");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2-sha256$100000$"), a);
    }

    @Test
    void defaultCostIsAtLeastOneHundredThousandIterations() {
        assertTrue(new PasswordHasher()
                .hash("x-password")
                .startsWith("pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS + "$"));
        assertTrue(PasswordHasher.DEFAULT_ITERATIONS >= 100_000);
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(99_999));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertFalse(hasher.verify("x", null));
        assertFalse(hasher.verify("x", "plain"));
        assertFalse(hasher.verify("x", "pbkdf2-sha256$abc$AAAA$AAAA"));
        assertFalse(hasher.verify("x", "pbkdf2-sha256$1000$!!$AAAA"));
    }
}
