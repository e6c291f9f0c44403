package org.bikeguard.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one polling wait of tests and benchmarks: asks a condition every {@value #INTERVAL_MS} ms
 * until it holds, and fails with an {@link AssertionError} naming what was awaited (and the last
 * value seen) after the timeout. Never a bare sleep for a condition, never a hand-written
 * deadline loop. A probe that throws fails the wait at once, so a probe that may fail while the
 * system is not ready yet catches that itself. Stateless and thread-safe.
 */
public final class Poll {

    /** Time between two probes, in milliseconds. */
    public static final long INTERVAL_MS = 50;

    private Poll() {}

    /** Waits until {@code condition} holds, or fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        await(timeout, what, condition::getAsBoolean, Boolean.TRUE::equals, false);
    }

    /**
     * Asks {@code probe} until its value satisfies {@code done} and returns that value; fails after
     * {@code timeout} with {@code what} and the last value.
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done) {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(done, "done");
        return await(timeout, what, probe, done, true);
    }

    private static <T> T await(
            Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done, boolean showLast) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (showLast ? " [last: " + value + "]" : ""));
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
