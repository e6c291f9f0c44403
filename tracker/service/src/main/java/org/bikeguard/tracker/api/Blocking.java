package org.bikeguard.tracker.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking work (JDBC, PBKDF2) on a named, bounded worker executor and brings the result
 * back on the caller's Vert.x context. At most {@code maxPending} tasks may be queued or running
 * per instance; beyond that a task is rejected at once with a 503 {@code unavailable} instead of
 * queueing without bound. Tasks run unordered (in parallel). Thread-safe.
 *
 * <p>Metrics: {@code bikeguard.api.blocking.pending} (gauge) and
 * {@code bikeguard.api.blocking.rejected} (counter).
 */
final class Blocking {

    private final WorkerExecutor executor;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter rejected;

    Blocking(WorkerExecutor executor, int maxPending, MeterRegistry metrics, String instance) {
        this.executor = executor;
        this.maxPending = maxPending;
        this.rejected = Counter.builder("bikeguard.api.blocking.rejected")
                .description("Blocking API tasks rejected because the worker queue was full")
                .register(metrics);
        Gauge.builder("bikeguard.api.blocking.pending", pending, AtomicInteger::get)
                .description("Blocking API tasks queued or running")
                .tag("instance", instance)
                .register(metrics);
    }

    /** Runs {@code task} on a worker; fails with a 503 {@link ApiException} when saturated. */
    <T> Future<T> run(Callable<T> task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            rejected.increment();
            return Future.failedFuture(new ApiException(503, "unavailable",
                    "the server is busy; retry shortly", null));
        }
        return executor.executeBlocking(task, false).andThen(ar -> pending.decrementAndGet());
    }

    /** Releases this instance's hold on the shared executor. */
    Future<Void> close() {
        return executor.close();
    }
}
