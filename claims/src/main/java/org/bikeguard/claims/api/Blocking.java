package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.claims.ClaimsException;

/**
 * A named, bounded worker executor for blocking work (JDBC, JasperReports). At most
 * {@code maxPending} tasks are queued or running; beyond that a task is refused at once with
 * 503 {@code unavailable} instead of queueing without bound. Results come back on the caller's context.
 * Thread-safe.
 */
public final class Blocking {

    private final String name;
    private final WorkerExecutor executor;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * @param name       executor name (thread names start with it)
     * @param threads    worker threads
     * @param maxPending tasks queued or running before refusing
     */
    public Blocking(Vertx vertx, String name, int threads, int maxPending) {
        this.name = name;
        this.executor = vertx.createSharedWorkerExecutor(name, threads);
        this.maxPending = maxPending;
    }

    /** Runs {@code task} on a worker; 503 when saturated. */
    public <T> Future<T> run(Callable<T> task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            rejected.incrementAndGet();
            return Future.failedFuture(new ClaimsException(503, "unavailable", "the server is busy; retry shortly",
                    Map.of("executor", name)));
        }
        return executor.executeBlocking(task, false).andThen(ar -> pending.decrementAndGet());
    }

    /** Tasks queued or running now. */
    public int pending() {
        return pending.get();
    }

    /** Tasks refused so far. */
    public long rejected() {
        return rejected.get();
    }

    /** Releases the executor. */
    public Future<Void> close() {
        return executor.close();
    }
}
