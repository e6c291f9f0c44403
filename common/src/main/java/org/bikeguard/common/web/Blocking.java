package org.bikeguard.common.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs blocking work (JDBC, password hashing, PDF rendering) on a named worker pool, at most
 * {@code maxPending} tasks queued or running through this instance; beyond that a task is
 * refused at once with 503 {@code unavailable} ({@link UnavailableException#busy}) instead of
 * queueing without bound. Results come back on the caller's Vert.x context. Tasks run unordered
 * (in parallel). Thread-safe.
 */
public final class Blocking {

    private final String name;
    private final WorkerExecutor executor;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private final Runnable onRejected;

    /**
     * @param name       the pool's name (its threads' names start with it)
     * @param executor   the pool; {@link #close()} closes it
     * @param maxPending tasks queued or running before refusing, at least 1
     */
    public Blocking(String name, WorkerExecutor executor, int maxPending) {
        this(name, executor, maxPending, () -> {});
    }

    /**
     * @param onRejected called (on the caller's thread) for each refused task, e.g. to count it in
     *                   a metric; must not block
     */
    public Blocking(String name, WorkerExecutor executor, int maxPending, Runnable onRejected) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be >= 1: " + maxPending);
        }
        this.name = name;
        this.executor = executor;
        this.maxPending = maxPending;
        this.onRejected = onRejected;
    }

    /**
     * On the worker pool {@code name} of {@code vertx}, shared with every other user of that name
     * ({@link Vertx#createSharedWorkerExecutor}) and sized by the first.
     *
     * @param threads the pool's threads
     */
    public static Blocking shared(Vertx vertx, String name, int threads, int maxPending) {
        return new Blocking(name, vertx.createSharedWorkerExecutor(name, threads), maxPending);
    }

    /** Runs {@code task} on a worker; fails with 503 {@code unavailable} when saturated. */
    public <T> Future<T> run(Callable<T> task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            rejected.incrementAndGet();
            onRejected.run();
            return Future.failedFuture(UnavailableException.busy("the server is busy; retry shortly"));
        }
        return executor.executeBlocking(task, false).andThen(ar -> pending.decrementAndGet());
    }

    /** The pool's name. */
    public String name() {
        return name;
    }

    /** Tasks queued or running now. */
    public int pending() {
        return pending.get();
    }

    /** Tasks refused so far. */
    public long rejected() {
        return rejected.get();
    }

    /** Releases this instance's hold on the pool (a shared pool closes with its last user). */
    public Future<Void> close() {
        return executor.close();
    }
}
