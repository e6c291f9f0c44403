package org.bikeguard.tracker.correlate;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of one bucket inside one engine: at most one Hazelcast call in flight; reads that
 * arrive meanwhile are coalesced into the next call, so the bucket sees every read in arrival
 * order. Control operations (sweep, snapshot, ...) queue behind earlier reads. Thread-safe (all
 * state under the lane's monitor; Hazelcast calls are made outside it).
 */
final class BucketLane {
    private static final Logger LOG = LoggerFactory.getLogger(BucketLane.class);
    /** Upper bound of reads coalesced into one call. */
    static final int MAX_READS_PER_CALL = 32_768;

    private final Integer key;
    private final IMap<Integer, TagBucket> map;
    private final Executor callbacks;
    private final long gapMs;
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private Op inFlight;
    private volatile int openCount;

    BucketLane(int bucket, IMap<Integer, TagBucket> map, Executor callbacks, long gapMs) {
        this.key = bucket;
        this.map = map;
        this.callbacks = callbacks;
        this.gapMs = gapMs;
    }

    /** A queued call and the completions waiting for it. */
    private abstract static class Op {
        final List<Completion> waiters = new ArrayList<>(2);

        abstract EntryProcessor<Integer, TagBucket, ?> processor();

        void finished(Object result, Throwable failure) {}
    }

    private final class Reads extends Op {
        final ReadChunk chunk = new ReadChunk(16);

        @Override
        EntryProcessor<Integer, TagBucket, ?> processor() {
            return new BucketProcessors.Apply(chunk, gapMs);
        }
    }

    private static final class Control<R> extends Op {
        final EntryProcessor<Integer, TagBucket, R> processor;
        final CompletableFuture<R> result = new CompletableFuture<>();

        Control(EntryProcessor<Integer, TagBucket, R> processor) {
            this.processor = processor;
        }

        @Override
        EntryProcessor<Integer, TagBucket, ?> processor() {
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
    <R> CompletableFuture<R> enqueue(EntryProcessor<Integer, TagBucket, R> processor) {
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
        if (failure != null) {
            LOG.warn("bucket {} call failed", key, failure);
        } else if (result instanceof Integer open) {
            openCount = open;
        }
        Op start;
        synchronized (this) {
            inFlight = null;
            start = nextToStart();
        }
        send(start);
        op.finished(result, failure);
        for (Completion c : op.waiters) {
            c.arrive(failure);
        }
    }
}
