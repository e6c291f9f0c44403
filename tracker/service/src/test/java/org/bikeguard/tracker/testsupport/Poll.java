package org.bikeguard.tracker.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling waits for tests (never a bare sleep for a condition). */
public final class Poll {

    private Poll() {
    }

    /** Waits until the supplier returns true, or fails with the message after the timeout. */
    public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
