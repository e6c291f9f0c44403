package org.bikeguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger probes = new AtomicInteger();
        Poll.until(Duration.ofSeconds(5), "three probes", () -> probes.incrementAndGet() == 3);
        assertEquals(3, probes.get());
    }

    @Test
    void returnsTheFirstValueThatSatisfiesThePredicate() {
        AtomicInteger n = new AtomicInteger();
        assertEquals(
                4,
                Poll.until(
                        Duration.ofSeconds(5), "an even number above 3", n::incrementAndGet, v -> v > 3 && v % 2 == 0));
    }

    @Test
    void failsAfterTheTimeoutNamingWhatItAwaitedAndTheLastValue() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Poll.until(Duration.ofMillis(120), "the impossible", () -> "never", "ever"::equals));
        assertTrue(
                e.getMessage().contains("the impossible") && e.getMessage().contains("[last: never]"), e.getMessage());
    }

    @Test
    void aProbeThatThrowsFailsTheWaitAtOnce() {
        assertThrows(
                IllegalStateException.class,
                () -> Poll.until(Duration.ofSeconds(30), "a broken probe", () -> {
                    throw new IllegalStateException("broken");
                }));
    }
}
