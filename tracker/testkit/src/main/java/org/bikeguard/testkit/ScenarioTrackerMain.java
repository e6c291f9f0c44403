package org.bikeguard.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's {@code Main} for {@link TrackerProcess}: the same start and SIGTERM handling, on
 * the system clock shifted by the system property {@value #OFFSET_PROPERTY} (milliseconds), so
 * that a tracker killed and restarted stays on one scenario time line.
 */
public final class ScenarioTrackerMain {

    /** System property: scenario time minus system time, in milliseconds. */
    public static final String OFFSET_PROPERTY = "bikeguard.test.clockOffsetMs";

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioTrackerMain.class);

    private ScenarioTrackerMain() {}

    /** Starts the tracker from the environment and blocks until SIGTERM stops it; exits 1 when it cannot start. */
    public static void main(String[] args) throws InterruptedException {
        long offset = Long.getLong(OFFSET_PROPERTY, 0L);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(offset));
        TrackerApp app;
        try {
            app = TrackerApp.start(ConfigLoader.load(), clock);
        } catch (RuntimeException e) {
            LOG.error("bikeguard tracker failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "bikeguard-shutdown"));
        stopped.await();
    }
}
