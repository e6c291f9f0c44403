package org.bikeguard.tracker.ingest;

import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bikeguard.common.worker.SerialWorker;
import org.bikeguard.protocol.Frame;
import org.bikeguard.tracker.correlate.ReadBatch;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.correlate.StationClocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds logged frames, in each lane's id order, to the {@link SightingEngine}: this process's own
 * frames as they commit, and the tail of another lane when it is replayed (a restart, or a dead
 * member's lane taken over). Each read carries its lane and frame id, so a bucket applies it once.
 * One {@link SerialWorker} thread ({@code bikeguard-apply}) does the work, so {@link #progress()}
 * sees exactly the frames submitted before it, applied.
 * Its queue has no count bound: the frames this process logged are still charged to the {@link
 * IngestBudget} until {@link #onApplied} hands them back, so they never exceed its hard limit
 * (replayed frames are never charged: the budget releases only the lists it charged).
 *
 * <p>It also keeps this process's station clocks ({@link StationClocks}: per station the newest
 * read time, event time ms UTC, and the wall time its last frame arrived), which the cluster
 * merges for the event-time sweep. Reads stamped more than {@link #MAX_FUTURE_MS} after the frame's
 * arrival are dropped and counted. Methods other than the constructor are thread-safe.
 */
public final class FrameApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameApplier.class);
    /** Reads may be stamped at most this far ahead of the tracker's clock. */
    public static final long MAX_FUTURE_MS = 5 * 60_000L;

    private sealed interface Task permits Frames, Progress {}

    private record Frames(List<LoggedFrame> frames) implements Task {}

    private record Progress(CompletableFuture<Applied> done) implements Task {}

    /**
     * What has been applied, for the cluster's checkpoint and sweep.
     *
     * @param position     the highest frame of this process's own lane whose reads are all in the hot state
     * @param newest       per station index, the newest read time applied (event time, ms UTC)
     * @param lastArrivals per station index, when its last applied frame arrived (wall ms)
     */
    public record Applied(long position, long[] newest, long[] lastArrivals) {}

    private final SightingEngine engine;
    private final IngestMetrics metrics;
    private final Counter applied;
    private final SerialWorker<Task> tasks;
    private final ReadBatch batch = new ReadBatch(16_384);
    private final int ownLane;
    /** This process's station clocks; confined to the worker thread. */
    private final StationClocks clocks;

    private volatile long position;

    // --- backpressure (IngestBudget): told when submitted frames have been applied ---
    private volatile Consumer<List<LoggedFrame>> onApplied = frames -> {};

    /**
     * Sets who is told, with the very list {@link #submit} took, once the engine has applied it
     * (or failed to, or it was dropped at close); on a Hazelcast or the writer thread. Set before
     * frames flow.
     */
    public FrameApplier onApplied(Consumer<List<LoggedFrame>> hook) {
        this.onApplied = hook;
        return this;
    }
    // --- end backpressure ---

    /**
     * @param ownLane the lane this process logs to; {@link Applied#position()} follows it
     */
    public FrameApplier(SightingEngine engine, long gapMs, Clock clock, IngestMetrics metrics, int ownLane) {
        this.engine = engine;
        this.metrics = metrics;
        this.ownLane = ownLane;
        this.clocks = new StationClocks(gapMs, clock.millis());
        this.applied = Counter.builder("bikeguard.correlate.reads.applied")
                .description("Reads handed to the sighting state (replays included; a bucket skips those it holds)")
                .register(metrics.registry());
        this.tasks = SerialWorker.<Task>named("bikeguard-apply")
                .stopTimeout(Duration.ofSeconds(10))
                .each(this::run);
        metrics.registry().gauge("bikeguard.apply.queue.tasks", tasks, SerialWorker::pending);
        metrics.registry().gauge("bikeguard.sightings.open", engine, SightingEngine::openSightings);
        metrics.registry()
                .more()
                .counter("bikeguard.correlate.apply.retries", List.of(), engine, e -> e.applyRetries());
        tasks.start();
    }

    /**
     * Queues logged frames (each lane's in id order). Called on the frame-log writer thread. After
     * {@link #close()} the frames are not applied (they are replayed from the frame log later).
     */
    public void submit(List<LoggedFrame> frames) {
        if (!tasks.offer(new Frames(frames))) {
            onApplied.accept(frames); // backpressure: no longer held
            LOG.warn("applier closed, logged frames left for replay [frames: {}]", frames.size());
        }
    }

    /** Applies frames and waits until every read of them is in the hot state (replay). */
    public void applyNow(List<LoggedFrame> frames) {
        submit(frames);
        progress().join();
    }

    /**
     * Waits until everything submitted so far is applied (failed bucket calls are retried, never
     * skipped), then answers what is applied; fails when the applier is closed.
     */
    public CompletableFuture<Applied> progress() {
        CompletableFuture<Applied> done = new CompletableFuture<>();
        if (!tasks.offer(new Progress(done))) {
            done.completeExceptionally(new IllegalStateException("applier is closed"));
        }
        return done;
    }

    /** Id of the last frame of this process's lane submitted to the engine (applied or not yet). */
    public long position() {
        return position;
    }

    /** One task, on the applier thread. */
    private void run(Task task) {
        try {
            if (task instanceof Frames f) {
                applyFrames(f.frames());
            } else if (task instanceof Progress p) {
                long at = position;
                engine.drain().toCompletableFuture().join();
                p.done().complete(new Applied(at, clocks.newestTimes(), clocks.lastArrivals()));
            }
        } catch (RuntimeException e) {
            LOG.error("apply task failed [task: {}]", task.getClass().getSimpleName(), e);
            if (task instanceof Progress p) {
                p.done().completeExceptionally(e);
            }
        }
    }

    private void applyFrames(List<LoggedFrame> frames) {
        batch.clear();
        long lastOwn = position;
        for (LoggedFrame lf : frames) {
            addReads(lf);
            if (lf.lane() == ownLane) {
                lastOwn = Math.max(lastOwn, lf.id());
            }
        }
        int n = batch.size();
        if (n > 0) {
            engine.apply(batch).whenComplete((v, err) -> {
                onApplied.accept(frames); // backpressure: applied (or failed), no longer held
                if (err == null) {
                    applied.increment(n);
                } else {
                    LOG.error("applying reads failed after retries [reads: {}]", n, err);
                }
            });
        } else {
            onApplied.accept(frames); // backpressure: nothing to apply
        }
        position = lastOwn;
    }

    private void addReads(LoggedFrame lf) {
        Frame f = lf.frame();
        int s = lf.stationIdx();
        long limit = lf.receivedAt() + MAX_FUTURE_MS;
        long newest = Long.MIN_VALUE;
        int future = 0;
        batch.frame(lf.lane(), lf.id());
        for (int i = 0; i < f.size(); i++) {
            long ts = f.timestamps()[i];
            if (ts > limit) {
                future++;
                continue;
            }
            batch.add(f.tags()[i], s, ts, f.counts()[i], f.rssi()[i], f.flags()[i]);
            newest = Math.max(newest, ts);
        }
        clocks.observe(s, newest, lf.receivedAt());
        if (future > 0) {
            metrics.readsRejected("future_timestamp", future);
        }
    }

    /** Finishes queued work (up to 10 s) and stops the thread. Idempotent. */
    @Override
    public void close() {
        tasks.close();
    }
}
