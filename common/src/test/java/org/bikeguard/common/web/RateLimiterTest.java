package org.bikeguard.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.bikeguard.common.web.RateLimiter.Decision;
import org.bikeguard.common.web.RateLimiter.Limit;
import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves by hand. */
class RateLimiterTest {

    /** A clock that stands still until the test moves it. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T04:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();

    @Test
    void aKeySpendsItsBurstThenIsRefusedWithTheWaitUntilOneTokenIsBack() {
        RateLimiter l = new RateLimiter(new Limit("t", 3, Duration.ofSeconds(10)), 100, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.acquire("a").allowed(), "request " + i);
        }
        Decision no = l.acquire("a");
        assertFalse(no.allowed());
        assertEquals(10_000, no.retryAfterMillis());
        assertEquals(10, no.retryAfterSeconds());
        clock.advance(Duration.ofMillis(9_500));
        Decision stillNo = l.acquire("a");
        assertFalse(stillNo.allowed());
        assertEquals(500, stillNo.retryAfterMillis());
        assertEquals(1, stillNo.retryAfterSeconds(), "rounded up to whole seconds");
    }

    @Test
    void theAllowanceComesBackOneRequestPerPeriodUpToTheBurst() {
        RateLimiter l = new RateLimiter(new Limit("t", 2, Duration.ofMinutes(1)), 100, clock);
        assertTrue(l.acquire("a").allowed());
        assertTrue(l.acquire("a").allowed());
        assertFalse(l.acquire("a").allowed());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(l.acquire("a").allowed(), "one back after a period");
        assertFalse(l.acquire("a").allowed(), "only one");
        clock.advance(Duration.ofHours(5));
        assertTrue(l.acquire("a").allowed());
        assertTrue(l.acquire("a").allowed());
        assertFalse(l.acquire("a").allowed(), "a long rest refills the burst, not more");
    }

    @Test
    void keysAreCountedApart() {
        RateLimiter l = new RateLimiter(new Limit("t", 1, Duration.ofHours(1)), 100, clock);
        assertTrue(l.acquire("a").allowed());
        assertFalse(l.acquire("a").allowed());
        assertTrue(l.acquire("b").allowed(), "b has its own bucket");
    }

    @Test
    void onlyTheFirstRefusalOfARunIsMarkedFirst() {
        RateLimiter l = new RateLimiter(new Limit("t", 1, Duration.ofSeconds(1)), 100, clock);
        assertTrue(l.acquire("a").allowed());
        assertTrue(l.acquire("a").firstRefusal());
        assertFalse(l.acquire("a").firstRefusal());
        assertFalse(l.acquire("a").firstRefusal());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(l.acquire("a").allowed());
        assertTrue(l.acquire("a").firstRefusal(), "a new run after an allowed request");
    }

    @Test
    void aClockGoingBackRefillsNothing() {
        RateLimiter l = new RateLimiter(new Limit("t", 1, Duration.ofSeconds(10)), 100, clock);
        assertTrue(l.acquire("a").allowed());
        clock.advance(Duration.ofSeconds(-60));
        assertFalse(l.acquire("a").allowed());
        clock.advance(Duration.ofSeconds(70));
        assertTrue(l.acquire("a").allowed(), "time is counted from the latest reading");
    }

    @Test
    void memoryIsBoundedByDroppingTheLeastRecentlyUsedKey() {
        RateLimiter l = new RateLimiter(new Limit("t", 1, Duration.ofHours(1)), 3, clock);
        assertTrue(l.acquire("a").allowed());
        assertTrue(l.acquire("b").allowed());
        assertTrue(l.acquire("c").allowed());
        assertFalse(l.acquire("a").allowed(), "touches a: b is now the eldest");
        assertTrue(l.acquire("d").allowed());
        assertEquals(3, l.size());
        assertFalse(l.acquire("a").allowed(), "a was kept");
        assertTrue(l.acquire("b").allowed(), "b was dropped and comes back full");
        assertEquals(3, l.size());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Limit("t", 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Limit("t", 1, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RateLimiter(new Limit("t", 1, Duration.ofSeconds(1)), 0, clock));
    }
}
