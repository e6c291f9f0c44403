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
import org.bikeguard.tracker.correlate.Snapshot;
import org.bikeguard.tracker.correlate.StationClocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds committed frames, in frame-log order, to the {@link SightingEngine}, and runs the two
 * operations that need a quiet engine between batches: the event-time sweep that closes
 * sightings, and the checkpoint snapshot. One {@link SerialWorker} thread ({@code bikeguard-apply})
 * does all of it, so a sweep or snapshot always sees exactly the frames submitted before it
 * ({@link #position()}). Its queue has no count bound: the frames in it are still charged to the
 * {@link IngestBudget} until {@link #onApplied} hands them back, so they never exceed its hard limit.
 *
 * <p>Station clocks: for each station it keeps the newest read time seen (event time, ms UTC)
 * and the wall time its last frame arrived. A sighting at a station closes when the station's
 * newest read passes {@code lastSeen + gap}; a station silent for {@code gap} of wall time has all
 * its sightings closed. Reads stamped more than {@link #MAX_FUTURE_MS} after the frame's arrival
 * are dropped and counted. Methods other than the constructor are thread-safe.
 */
public final class FrameApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameApplier.class);
    /** Reads may be stamped at most this far ahead of the tracker's clock. */
    public static final long MAX_FUTURE_MS = 5 * 60_000L;

    private sealed interface Task permits Frames, Sweep, Checkpoint {}

    private record Frames(List<LoggedFrame> frames) implements Task {}

    private record Sweep(CompletableFuture<Void> done) implements Task {}

    private record Checkpoint(long epoch, CompletableFuture<CheckpointCut> done) implements Task {}

    /** A consistent cut: the engine's snapshot after applying every frame with id ≤ position. */
    public record CheckpointCut(Snapshot snapshot, long position) {}

    private final SightingEngine engine;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final Counter applied;
    private final SerialWorker<Task> tasks;
    private final ReadBatch batch = new ReadBatch(16_384);
    /** The closure rule's per-station clocks; confined to the worker thread. */
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

    public FrameApplier(SightingEngine engine, long gapMs, Clock clock, IngestMetrics metrics, long startPosition) {
        this.engine = engine;
        this.clock = clock;
        this.metrics = metrics;
        this.position = startPosition;
        this.clocks = new StationClocks(gapMs, clock.millis());
        this.applied = Counter.builder("bikeguard.correlate.reads.applied")
                .description("Reads applied to the sighting state")
                .register(metrics.registry());
        this.tasks = SerialWorker.<Task>named("bikeguard-apply")
                .stopTimeout(Duration.ofSeconds(10))
                .each(this::run);
        metrics.registry().gauge("bikeguard.apply.queue.tasks", tasks, SerialWorker::pending);
        metrics.registry().gauge("bikeguard.sightings.open", engine, SightingEngine::openSightings);
        tasks.start();
    }

    /**
     * Queues committed frames (in commit order). Called on the frame-log writer thread. After
     * {@link #close()} the frames are not applied (they are replayed from the frame log at the next start).
     */
    public void submit(List<LoggedFrame> frames) {
        if (!tasks.offer(new Frames(frames))) {
            onApplied.accept(frames); // backpressure: no longer held
            LOG.warn("applier closed, committed frames left for replay [frames: {}]", frames.size());
        }
    }

    /** Applies frames on the applier thread and waits (used for replay, before the thread has other work). */
    public void applyNow(List<LoggedFrame> frames) {
        submit(frames);
        sweep().join();
    }

    /** Runs an event-time sweep after everything queued so far; fails when the applier is closed. */
    public CompletableFuture<Void> sweep() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue(new Sweep(done), done);
        return done;
    }

    /** Takes a checkpoint cut after everything queued so far; fails when the applier is closed. */
    public CompletableFuture<CheckpointCut> checkpoint(long epoch) {
        CompletableFuture<CheckpointCut> done = new CompletableFuture<>();
        queue(new Checkpoint(epoch, done), done);
        return done;
    }

    private void queue(Task task, CompletableFuture<?> done) {
        if (!tasks.offer(task)) {
            done.completeExceptionally(new IllegalStateException("applier is closed"));
        }
    }

    /** Id of the last frame submitted to the engine. */
    public long position() {
        return position;
    }

    /** One task, on the applier thread. */
    private void run(Task task) {
        try {
            handle(task);
        } catch (RuntimeException e) {
            LOG.error("apply task failed [task: {}]", task.getClass().getSimpleName(), e);
            fail(task, e);
        }
    }

    private void handle(Task task) {
        if (task instanceof Frames f) {
            applyFrames(f.frames());
        } else if (task instanceof Sweep s) {
            engine.drain().toCompletableFuture().join();
            engine.sweep(clocks.closeBefore(clock.millis()))
                    .toCompletableFuture()
                    .join();
            s.done().complete(null);
        } else if (task instanceof Checkpoint c) {
            engine.drain().toCompletableFuture().join();
            long cutPosition = position;
            Snapshot snapshot = engine.snapshot(c.epoch()).toCompletableFuture().join();
            c.done().complete(new CheckpointCut(snapshot, cutPosition));
        }
    }

    private static void fail(Task task, RuntimeException e) {
        if (task instanceof Sweep s) {
            s.done().completeExceptionally(e);
        } else if (task instanceof Checkpoint c) {
            c.done().completeExceptionally(e);
        }
    }

    private void applyFrames(List<LoggedFrame> frames) {
        batch.clear();
        long lastId = position;
        for (LoggedFrame lf : frames) {
            addReads(lf);
            lastId = Math.max(lastId, lf.id());
        }
        int n = batch.size();
        if (n > 0) {
            engine.apply(batch).whenComplete((v, err) -> {
                onApplied.accept(frames); // backpressure: applied (or failed), no longer held
                if (err == null) {
                    applied.increment(n);
                } else {
                    LOG.error("applying reads failed [reads: {}]", n, err);
                }
            });
        } else {
            onApplied.accept(frames); // backpressure: nothing to apply
        }
        position = lastId;
    }

    private void addReads(LoggedFrame lf) {
        Frame f = lf.frame();
        int s = lf.stationIdx();
        long limit = lf.receivedAt() + MAX_FUTURE_MS;
        long newest = Long.MIN_VALUE;
        int future = 0;
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
