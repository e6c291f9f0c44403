package org.bikeguard.tracker.correlate;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of one bucket inside one engine: at most one Hazelcast call in flight; reads that
 * arrive meanwhile are coalesced into the next call, so the bucket sees every read in arrival
 * order. A failed apply is sent again (with back-off) before anything behind it, so no read is
 * skipped. Control operations (sweep, snapshot, ...) queue behind earlier reads. Thread-safe (all
 * state under the lane's monitor; Hazelcast calls are made outside it).
 */
final class BucketLane {
    private static final Logger LOG = LoggerFactory.getLogger(BucketLane.class);
    /** Upper bound of reads coalesced into one call. */
    static final int MAX_READS_PER_CALL = 32_768;

    private final Integer key;
    private final IMap<Integer, SightingBucket> map;
    private final Executor callbacks;
    private final long gapMs;
    private final Runnable retries;
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private Op inFlight;
    private volatile int openCount;

    /** @param retries called once per failed apply that is sent again */
    BucketLane(int bucket, IMap<Integer, SightingBucket> map, Executor callbacks, long gapMs, Runnable retries) {
        this.key = bucket;
        this.map = map;
        this.callbacks = callbacks;
        this.gapMs = gapMs;
        this.retries = retries;
    }

    /** A queued call and the completions waiting for it. */
    private abstract static class Op {
        final List<Completion> waiters = new ArrayList<>(2);

        abstract EntryProcessor<Integer, SightingBucket, ?> processor();

        void finished(Object result, Throwable failure) {}
    }

    private final class Reads extends Op {
        final ReadChunk chunk = new ReadChunk(16);
        int attempts;

        @Override
        EntryProcessor<Integer, SightingBucket, ?> processor() {
            return new BucketProcessors.Apply(chunk, gapMs);
        }
    }

    private static final class Control<R> extends Op {
        final EntryProcessor<Integer, SightingBucket, R> processor;
        final CompletableFuture<R> result = new CompletableFuture<>();

        Control(EntryProcessor<Integer, SightingBucket, R> processor) {
            this.processor = processor;
        }

        @Override
        EntryProcessor<Integer, SightingBucket, ?> processor() {
            return processor;
        }

        @Override
        @SuppressWarnings("unchecked")
        void finished(Object r, Throwable failure) {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete((R) r);
            }
        }
    }

    /** Queues reads {@code order[from..to)} of the batch; {@code done} waits for them. */
    void enqueueReads(ReadBatch batch, int[] order, int from, int to, Completion done) {
        Op start;
        synchronized (this) {
            Op tail = queue.peekLast();
            Reads reads = tail instanceof Reads r && r.chunk.size + (to - from) <= MAX_READS_PER_CALL ? r : null;
            if (reads == null) {
                reads = new Reads();
                queue.addLast(reads);
            }
            for (int k = from; k < to; k++) {
                reads.chunk.add(batch, order[k]);
            }
            done.expect();
            reads.waiters.add(done);
            start = nextToStart();
        }
        send(start);
    }

    /** Queues a control processor; the returned future holds its result. */
    <R> CompletableFuture<R> enqueue(EntryProcessor<Integer, SightingBucket, R> processor) {
        Control<R> op = new Control<>(processor);
        Op start;
        synchronized (this) {
            queue.addLast(op);
            start = nextToStart();
        }
        send(start);
        return op.result;
    }

    /** Makes {@code done} wait for everything queued or in flight now. */
    void drainInto(Completion done) {
        synchronized (this) {
            Op last = queue.isEmpty() ? inFlight : queue.peekLast();
            if (last != null) {
                done.expect();
                last.waiters.add(done);
            }
        }
    }

    /** Open sightings of the bucket as of the last completed call. */
    int openCount() {
        return openCount;
    }

    /**
     * Sends a failed apply again after a back-off (the op stays in flight, so later calls of the
     * bucket wait: reads are never skipped nor reordered). Idempotent thanks to the lane marks.
     *
     * @return false when it cannot be retried (the engine is closing)
     */
    private boolean retry(Reads reads, Throwable failure) {
        reads.attempts++;
        long delayMs = Math.min(2_000, 50L << Math.min(5, reads.attempts - 1));
        LOG.warn(
                "bucket {} apply failed, retrying [attempt: {}, inMs: {}, error: {}]",
                key,
                reads.attempts,
                delayMs,
                failure.toString());
        retries.run();
        try {
            CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS, callbacks)
                    .execute(() -> send(reads));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Op nextToStart() {
        if (inFlight == null && !queue.isEmpty()) {
            inFlight = queue.pollFirst();
            return inFlight;
        }
        return null;
    }

    private void send(Op op) {
        if (op == null) {
            return;
        }
        try {
            map.submitToKey(key, op.processor()).whenCompleteAsync((r, e) -> completed(op, r, e), callbacks);
        } catch (RuntimeException e) {
            callbacks.execute(() -> completed(op, null, e));
        }
    }

    private void completed(Op op, Object result, Throwable failure) {
        if (failure != null && op instanceof Reads reads && retry(reads, failure)) {
            return;
        }
        if (failure != null) {
            LOG.warn("bucket {} call failed", key, failure);
        } else if (result instanceof Integer open) {
            openCount = open;
        }
        op.finished(result, failure);
        // drainInto adds waiters to the op in flight under this monitor: take them, and end the
        // op, under it too, so that a waiter added meanwhile is neither lost (a drain that never
        // completes) nor added while they are being read (ConcurrentModificationException here,
        // which would leave the op in flight and the bucket stuck). A drain that comes after
        // this block finds the op finished and does not wait for it.
        List<Completion> waiters;
        Op start;
        synchronized (this) {
            waiters = List.copyOf(op.waiters);
            inFlight = null;
            start = nextToStart();
        }
        // Complete this op before the next one starts, so that whoever waits for a later op
        // (a drain) never sees this one unfinished.
        for (Completion c : waiters) {
            c.arrive(failure);
        }
        send(start);
    }
}
