package org.bikeguard.testkit;

import java.time.Clock;
import java.time.Duration;
import org.bikeguard.tracker.app.Main;

/**
 * The tracker's {@code Main} for {@link TrackerProcess}: the same start and SIGTERM handling, on
 * the system clock shifted by the system property {@value #OFFSET_PROPERTY} (milliseconds), so
 * that a tracker killed and restarted stays on one scenario time line.
 */
public final class ScenarioTrackerMain {

    /** System property: scenario time minus system time, in milliseconds. */
    public static final String OFFSET_PROPERTY = "bikeguard.test.clockOffsetMs";

    private ScenarioTrackerMain() {}

    /** Starts the tracker from the environment and blocks until SIGTERM stops it; exits 1 when it cannot start. */
    public static void main(String[] args) throws InterruptedException {
        long offset = Long.getLong(OFFSET_PROPERTY, 0L);
        Main.run(Clock.offset(Clock.systemUTC(), Duration.ofMillis(offset)));
    }
}
