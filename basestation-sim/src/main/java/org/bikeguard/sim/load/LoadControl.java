package org.bikeguard.sim.load;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run-wide switches shared by the runner (main thread) and the station groups (event
 * loops). Thread-safe: volatile flags and atomics.
 */
final class LoadControl {
    /** {@link System#nanoTime()} at which the first station connects. */
    final long startNanos;
    /** Stations whose first connection attempts have ended (connected or given up). */
    final AtomicInteger settled = new AtomicInteger();
    /** Whether stations may publish new frames. */
    volatile boolean sending = true;
    /** Set at the end: no reconnects, no new frames. */
    volatile boolean stopping;

    LoadControl(long startNanos) {
        this.startNanos = startNanos;
    }
}
