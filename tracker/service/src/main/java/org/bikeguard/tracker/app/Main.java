package org.bikeguard.tracker.app;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: loads the configuration, starts the tracker, stops it cleanly on SIGTERM/SIGINT,
 * exits non-zero when the start fails.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        run(Clock.systemUTC());
    }

    /**
     * Starts the tracker from the environment (and {@code BIKEGUARD_CONFIG}) on {@code clock} and
     * blocks until SIGTERM stops it; exits the JVM with 1 when it cannot start. Test launchers
     * that need another clock call this.
     */
    public static void run(Clock clock) throws InterruptedException {
        TrackerApp app;
        try {
            TrackerConfig config = ConfigLoader.load();
            app = TrackerApp.start(config, clock);
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
