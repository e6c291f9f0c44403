package org.bikeguard.tracker.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedJobTest {

    @Test
    void aJobThatThrowsOnceRunsAgainOnScheduleAndTheFailureIsCounted() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        GuardedJob job = new GuardedJob(
                "sweep",
                () -> {
                    third.countDown();
                    if (runs.incrementAndGet() == 1) {
                        throw new IllegalStateException("the first sweep fails");
                    }
                },
                metrics);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            scheduler.scheduleWithFixedDelay(job, 0, 10, TimeUnit.MILLISECONDS);
            assertTrue(third.await(5, TimeUnit.SECONDS), "the schedule survives the failure");
        } finally {
            scheduler.shutdownNow();
        }
        assertEquals(
                1.0,
                metrics.get("bikeguard.jobs.failed")
                        .tag("job", "sweep")
                        .counter()
                        .count());
    }
}
