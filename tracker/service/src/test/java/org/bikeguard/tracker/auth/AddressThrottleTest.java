package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");
    private static final LoginPolicy POLICY = LoginPolicy.DEFAULT;

    @Test
    void accountDelaysDoubleAfterTheFreeFailuresUpToTheCap() {
        assertEquals(Duration.ZERO, POLICY.accountDelay(5));
        assertEquals(Duration.ofSeconds(1), POLICY.accountDelay(6));
        assertEquals(Duration.ofSeconds(2), POLICY.accountDelay(7));
        assertEquals(Duration.ofSeconds(8), POLICY.accountDelay(9));
        assertEquals(Duration.ofMinutes(15), POLICY.accountDelay(30));
        assertEquals(Duration.ofMinutes(15), POLICY.accountDelay(Integer.MAX_VALUE));
        assertEquals(Duration.ofMinutes(5), POLICY.addressDelay(1_000));
    }

    @Test
    void anAddressWaitsAfterTwentyFailuresAndIsForgivenAfterAnHourWithoutOne() {
        AddressThrottle t = new AddressThrottle(POLICY);
        for (int i = 0; i < 21; i++) {
            assertEquals(Optional.empty(), t.admit("10.0.0.1", T0));
            t.done("10.0.0.1", true, T0);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), t.admit("10.0.0.1", T0));
        assertEquals(Optional.empty(), t.admit("10.0.0.2", T0), "other addresses are not affected");
        assertEquals(Optional.empty(), t.admit("10.0.0.1", T0.plusSeconds(1)));
        t.done("10.0.0.1", true, T0.plusSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(2)), t.admit("10.0.0.1", T0.plusSeconds(1)));
        assertEquals(Optional.empty(), t.admit("10.0.0.1", T0.plusSeconds(1).plus(Duration.ofMinutes(61))));
    }

    @Test
    void successesDoNotClearAnAddressesFailures() {
        AddressThrottle t = new AddressThrottle(POLICY);
        for (int i = 0; i < 20; i++) {
            t.admit("10.0.0.1", T0);
            t.done("10.0.0.1", true, T0);
        }
        for (int i = 0; i < 5; i++) { // a valid account's logins from the same address
            assertEquals(Optional.empty(), t.admit("10.0.0.1", T0));
            t.done("10.0.0.1", false, T0);
        }
        t.admit("10.0.0.1", T0);
        t.done("10.0.0.1", true, T0);
        assertTrue(t.admit("10.0.0.1", T0).isPresent(), "the 21st failure still counts: the address waits");
    }

    @Test
    void atMostFourChecksOfOneAddressRunAtOnce() {
        AddressThrottle t = new AddressThrottle(POLICY);
        for (int i = 0; i < 4; i++) {
            assertEquals(Optional.empty(), t.admit("10.0.0.1", T0));
        }
        assertTrue(t.admit("10.0.0.1", T0).isPresent());
        t.done("10.0.0.1", false, T0);
        assertEquals(Optional.empty(), t.admit("10.0.0.1", T0));
    }

    @Test
    void itRemembersABoundedNumberOfAddresses() {
        LoginPolicy small = new LoginPolicy(
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                10,
                Duration.ofHours(24),
                20,
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                4,
                100);
        AddressThrottle t = new AddressThrottle(small);
        for (int i = 0; i < 1_000; i++) {
            String a = "10.0." + (i / 256) + "." + (i % 256);
            t.admit(a, T0);
            t.done(a, true, T0);
        }
        assertTrue(t.size() <= 101, "remembered: " + t.size());
    }
}
