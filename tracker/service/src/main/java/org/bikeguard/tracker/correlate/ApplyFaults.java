package org.bikeguard.tracker.correlate;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Armed failures of bucket applies, for tests that prove a failed apply is retried and skips no
 * read. Disarmed (zero) unless a test arms it; each armed failure makes one apply call throw on the
 * member that runs it, before it touches the bucket. Thread-safe.
 */
public final class ApplyFaults {
    private static final AtomicInteger ARMED = new AtomicInteger();

    private ApplyFaults() {}

    /** Makes the next {@code n} apply calls in this JVM fail. */
    public static void failNext(int n) {
        ARMED.addAndGet(n);
    }

    /** Armed failures not yet used. */
    public static int armed() {
        return ARMED.get();
    }

    /** Throws when a failure is armed (used by the apply processor). */
    static void maybeFail() {
        if (ARMED.get() > 0 && ARMED.getAndDecrement() > 0) {
            throw new IllegalStateException("injected apply failure");
        }
    }
}
