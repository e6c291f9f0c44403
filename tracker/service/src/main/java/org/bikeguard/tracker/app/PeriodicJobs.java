package org.bikeguard.tracker.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tracker's periodic jobs. Each runs as a {@link GuardedJob} (a failure is logged and counted,
 * the next run happens on schedule), with a fixed delay between the end of one run and the start of
 * the next, in real time whatever clock the tracker decides by. Short jobs share two daemon threads
 * ({@code bikeguard-scheduler}); a job that may block for long (a slow gateway, a long pass over a
 * table) gets a thread of its own so it delays no other job. Thread-safe; {@link #close()} stops
 * every thread without waiting for running jobs.
 */
final class PeriodicJobs implements AutoCloseable {

    private final MeterRegistry metrics;
    private final ScheduledExecutorService shared = Executors.newScheduledThreadPool(2, daemon("bikeguard-scheduler"));
    private final List<ExecutorService> own = new ArrayList<>();

    PeriodicJobs(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code work} on the shared threads, first after {@code initialDelay}, then {@code delay} after each run. */
    void every(String name, long initialDelay, long delay, TimeUnit unit, Runnable work) {
        shared.scheduleWithFixedDelay(new GuardedJob(name, work, metrics), initialDelay, delay, unit);
    }

    /** Runs {@code work} like {@link #every}, on a thread of its own named {@code bikeguard-<name>}. */
    synchronized void everyOnOwnThread(String name, long initialDelay, long delay, TimeUnit unit, Runnable work) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(daemon("bikeguard-" + name));
        own.add(thread);
        thread.scheduleWithFixedDelay(new GuardedJob(name, work, metrics), initialDelay, delay, unit);
    }

    /**
     * Runs {@code check} on the shared threads every {@code delaySeconds} (the first time at once), and after each
     * check starts {@code pass} on a thread of its own named {@code bikeguard-<passName>} unless the previous pass is
     * still running: a pass that takes longer than the period is never started twice.
     */
    synchronized void everyWithPass(String name, int delaySeconds, Runnable check, String passName, Runnable pass) {
        ExecutorService thread = Executors.newSingleThreadExecutor(daemon("bikeguard-" + passName));
        own.add(thread);
        GuardedJob guardedPass = new GuardedJob(passName, pass, metrics);
        AtomicReference<Future<?>> running = new AtomicReference<>();
        every(name, 0, delaySeconds, TimeUnit.SECONDS, () -> {
            check.run();
            Future<?> f = running.get();
            if (f == null || f.isDone()) {
                running.set(thread.submit(guardedPass));
            }
        });
    }

    @Override
    public synchronized void close() {
        shared.shutdownNow();
        own.forEach(ExecutorService::shutdownNow);
        own.clear();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
