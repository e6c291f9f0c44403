package org.bikeguard.tracker.correlate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Completes a future once every part it waits for has arrived; fails it with the first error.
 * Starts with one "guard" part that the creator releases with {@link #release()} after
 * registering all the others. Thread-safe.
 */
final class Completion {
    private final AtomicInteger remaining = new AtomicInteger(1);
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final CompletableFuture<Void> future = new CompletableFuture<>();

    /** Registers one more part to wait for. */
    void expect() {
        remaining.incrementAndGet();
    }

    /** One part arrived, successfully if {@code failure} is null. */
    void arrive(Throwable failure) {
        if (failure != null) {
            error.compareAndSet(null, failure);
        }
        if (remaining.decrementAndGet() == 0) {
            Throwable e = error.get();
            if (e == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(e);
            }
        }
    }

    /** Releases the guard part. */
    void release() {
        arrive(null);
    }

    CompletableFuture<Void> future() {
        return future;
    }
}
