package org.bikeguard.common.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named daemon thread that takes items from a bounded queue in the order they were offered
 * and hands them to a handler, one by one ({@link Builder#each}) or in batches of everything
 * waiting up to a maximum ({@link Builder#batches}). The queue is bounded by a count of items
 * ({@link Builder#capacity}) and optionally by their total weight, typically bytes
 * ({@link Builder#maxWeight}). Optionally it runs a periodic tick between items (also when
 * idle) and a stop action as its last act.
 *
 * <p>Life cycle: built unstarted ({@link #offer} may already queue), {@link #start()} once, then
 * {@link #close()}: offers are refused from then on; by default the thread handles everything
 * accepted before it stops ({@link Builder#discardOnClose()}: it stops after the item in hand and
 * drops the rest). An offer that races with close either is refused or is handled, never silently
 * lost. {@code close()} waits for the thread up to {@link Builder#stopTimeout} and is idempotent.
 * A handler that throws {@link InterruptedException} stops the thread at once, leaving queued
 * items unhandled; a {@link RuntimeException} from the handler or the tick is logged and the
 * thread goes on.
 *
 * <p>Threads: {@link #offer}, {@link #pending}, {@link #pendingWeight}, {@link #isClosed} and {@link #close} are
 * thread-safe and never block (close excepted). The handler, the tick and the stop action run only
 * on the worker thread, so they may keep unsynchronized state.
 *
 * @param <T> the item type
 */
public final class SerialWorker<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialWorker.class);

    /** Work done on the worker thread: one item, or one batch (a list valid only during the call). */
    @FunctionalInterface
    public interface Handler<W> {
        /** @throws InterruptedException to stop the worker at once */
        void handle(W work) throws InterruptedException;
    }

    private final String name;
    private final BlockingQueue<T> queue;
    private final long maxWeight;
    private final ToLongFunction<? super T> weigher;
    /** Total weight of the items waiting (taken items leave it before they are handled). */
    private final AtomicLong weight = new AtomicLong();

    private final int maxBatch;
    private final Handler<T> each;
    private final Handler<List<T>> batches;
    private final long pollMillis;
    private final long tickNanos;
    private final Runnable tick;
    private final Runnable onStop;
    private final boolean drainOnClose;
    private final Duration stopTimeout;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closing;
    private volatile boolean finished;

    private SerialWorker(Builder<T> b, int maxBatch, Handler<T> each, Handler<List<T>> batches) {
        this.name = b.name;
        this.queue = new LinkedBlockingQueue<>(b.capacity);
        this.maxWeight = b.maxWeight;
        this.weigher = b.weigher;
        this.maxBatch = maxBatch;
        this.each = each;
        this.batches = batches;
        this.pollMillis = b.pollInterval.toMillis();
        this.tickNanos = b.tickEvery == null ? 0 : b.tickEvery.toNanos();
        this.tick = b.tick;
        this.onStop = b.onStop;
        this.drainOnClose = b.drainOnClose;
        this.stopTimeout = b.stopTimeout;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** A builder for a worker whose thread is called {@code threadName}. */
    public static <T> Builder<T> named(String threadName) {
        return new Builder<>(threadName);
    }

    /**
     * Starts the thread.
     *
     * @return this worker
     * @throws IllegalStateException when already started or closed
     */
    public SerialWorker<T> start() {
        if (closing) {
            throw new IllegalStateException("worker closed [worker: " + name + "]");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("worker already started [worker: " + name + "]");
        }
        thread.start();
        return this;
    }

    /**
     * Queues an item; never blocks.
     *
     * @return true when accepted (it will be handled, unless the worker discards on close or is
     *     interrupted); false when the queue is full (by count or by weight) or the worker is closed
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        long w = weigher == null ? 0 : weigher.applyAsLong(item);
        if (closing || finished || !reserve(w)) {
            return false;
        }
        if (!queue.offer(item)) {
            weight.addAndGet(-w);
            return false;
        }
        // The thread sets finished before its last drain: if it did so before our insertion, it may
        // not see the item, so withdraw it (unless the last drain already took it).
        if (finished && queue.remove(item)) {
            weight.addAndGet(-w);
            return false;
        }
        return true;
    }

    /** Adds {@code w} to the waiting weight unless that passes the limit; an empty queue takes any one item. */
    private boolean reserve(long w) {
        if (weigher == null) {
            return true;
        }
        while (true) {
            long now = weight.get();
            if (now > 0 && now + w > maxWeight) {
                return false;
            }
            if (weight.compareAndSet(now, now + w)) {
                return true;
            }
        }
    }

    /** Items waiting (not counting the item or batch in hand). */
    public int pending() {
        return queue.size();
    }

    /** Total weight of the items waiting (0 without {@link Builder#maxWeight}); not counting the item or batch in hand. */
    public long pendingWeight() {
        return weight.get();
    }

    /** Whether offers are refused: closed, or the thread has stopped. */
    public boolean isClosed() {
        return closing || finished;
    }

    /** The worker thread's name. */
    public String name() {
        return name;
    }

    /**
     * Refuses further offers, lets the thread finish (see class Javadoc) and waits for it up to
     * the stop timeout (not when called on the worker thread itself). Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        if (!started.get() || Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(stopTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            LOG.warn(
                    "worker did not stop in time [worker: {}, timeoutMs: {}, pending: {}]",
                    name,
                    stopTimeout.toMillis(),
                    queue.size());
        }
    }

    private void run() {
        List<T> batch = batches == null ? null : new ArrayList<>(maxBatch);
        long lastTick = System.nanoTime();
        try {
            while (!closing || drainOnClose && !queue.isEmpty()) {
                T first = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    dispatch(first, batch);
                }
                if (tick != null && System.nanoTime() - lastTick > tickNanos) {
                    lastTick = System.nanoTime();
                    guarded(tick, "tick");
                }
            }
            finished = true;
            for (T late = drainOnClose ? queue.poll() : null; late != null; late = queue.poll()) {
                dispatch(late, batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("worker interrupted, queued items left [worker: {}, pending: {}]", name, queue.size());
        } finally {
            finished = true;
            if (onStop != null) {
                guarded(onStop, "stop action");
            }
        }
    }

    private void dispatch(T first, List<T> batch) throws InterruptedException {
        try {
            if (batch == null) {
                taken(first);
                each.handle(first);
                return;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            for (T t : batch) {
                taken(t);
            }
            batches.handle(batch);
        } catch (RuntimeException e) {
            LOG.error("worker task failed [worker: {}]", name, e);
        } finally {
            if (batch != null) {
                batch.clear();
            }
        }
    }

    /** An item left the queue: its weight no longer counts as waiting. */
    private void taken(T item) {
        if (weigher != null) {
            weight.addAndGet(-weigher.applyAsLong(item));
        }
    }

    private void guarded(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("worker {} failed [worker: {}]", what, name, e);
        }
    }

    /**
     * Settings of a {@link SerialWorker}; ends with {@link #each} or {@link #batches}, which build
     * the (unstarted) worker. Not thread-safe.
     */
    public static final class Builder<T> {

        private final String name;
        private int capacity = Integer.MAX_VALUE;
        private long maxWeight = Long.MAX_VALUE;
        private ToLongFunction<? super T> weigher;
        private Duration pollInterval = Duration.ofMillis(100);
        private Duration tickEvery;
        private Runnable tick;
        private Runnable onStop;
        private boolean drainOnClose = true;
        private Duration stopTimeout = Duration.ofSeconds(10);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Most items waiting; offers beyond it are refused. Default: unbounded. */
        public Builder<T> capacity(int items) {
            if (items < 1) {
                throw new IllegalArgumentException("capacity must be >= 1, got " + items);
            }
            this.capacity = items;
            return this;
        }

        /**
         * Bounds the queue by the total weight of the items waiting, e.g. their bytes: an offer
         * that would take the waiting weight above {@code max} is refused, except into an empty
         * queue (so that one item heavier than the limit still passes, alone). Items leave the
         * weight when the thread takes them. {@code weigher} is called twice per item (on offer
         * and when taken), on any thread: it must be thread-safe, cheap and give the same
         * non-negative value each time. Default: no weight bound.
         */
        public Builder<T> maxWeight(long max, ToLongFunction<? super T> weigher) {
            if (max < 1) {
                throw new IllegalArgumentException("maxWeight must be >= 1, got " + max);
            }
            this.maxWeight = max;
            this.weigher = Objects.requireNonNull(weigher, "weigher");
            return this;
        }

        /** How long the idle thread waits for an item before checking the tick and close again (default 100 ms). */
        public Builder<T> pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * Runs {@code action} on the worker thread when {@code every} has passed since it last ran,
         * checked after each item or batch and after each idle poll (so at most one poll interval
         * late when idle).
         */
        public Builder<T> tick(Duration every, Runnable action) {
            this.tickEvery = positive(every, "tick");
            this.tick = Objects.requireNonNull(action, "action");
            return this;
        }

        /** Runs {@code action} on the worker thread as its last act, however it stops (releases its resources). */
        public Builder<T> onStop(Runnable action) {
            this.onStop = Objects.requireNonNull(action, "action");
            return this;
        }

        /** On close, stop after the item in hand and drop what is queued (default: handle it all first). */
        public Builder<T> discardOnClose() {
            this.drainOnClose = false;
            return this;
        }

        /** How long {@link SerialWorker#close()} waits for the thread (default 10 s). */
        public Builder<T> stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /** Builds a worker that hands items to {@code handler} one at a time, in offer order. */
        public SerialWorker<T> each(Handler<T> handler) {
            return new SerialWorker<>(this, 1, Objects.requireNonNull(handler, "handler"), null);
        }

        /**
         * Builds a worker that hands everything waiting, at most {@code maxBatch} items in offer
         * order, to {@code handler} at once. The list is reused: copy what must outlive the call.
         */
        public SerialWorker<T> batches(int maxBatch, Handler<List<T>> handler) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
            }
            return new SerialWorker<>(this, maxBatch, null, Objects.requireNonNull(handler, "handler"));
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
