package org.bikeguard.tracker.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic job that survives its own failures: a {@code ScheduledExecutorService} cancels every
 * later run of a task that throws once, so each run is caught here, logged with the job's name and
 * counted in {@code bikeguard_jobs_failed_total{job}}; the next run happens on schedule. Thread-safe
 * (the counter is); meant for one scheduler thread per job.
 */
final class GuardedJob implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedJob.class);

    private final String name;
    private final Runnable work;
    private final Counter failures;

    GuardedJob(String name, Runnable work, MeterRegistry metrics) {
        this.name = name;
        this.work = work;
        this.failures = Counter.builder("bikeguard.jobs.failed")
                .description("Runs of a periodic job that failed (the job runs again on schedule)")
                .tag("job", name)
                .register(metrics);
    }

    @Override
    public void run() {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failures.increment();
            LOG.warn("periodic job failed, it runs again on schedule [job: {}, error: {}]", name, e.toString());
            if (e instanceof VirtualMachineError vmError) {
                throw vmError;
            }
        }
    }
}
