package org.bikeguard.tracker.app;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.persist.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes checkpoints: a consistent cut from the {@link FrameApplier}, written by
 * {@link CheckpointStore} in one transaction, then the persisted closed sightings are purged
 * from the hot state. At most one checkpoint runs at a time; {@link #run()} blocks (call it from
 * a scheduler thread). Exposes {@code bikeguard_persist_lag_seconds} (age of the last checkpoint)
 * and the persisted batch sizes. Thread-safe.
 */
public final class Checkpointer {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final FrameApplier applier;
    private final SightingEngine engine;
    private final CheckpointStore store;
    private final AtomicLong epoch;
    private final AtomicBoolean running = new AtomicBoolean();
    private final DistributionSummary batch;
    private volatile long lastAt = System.currentTimeMillis();

    public Checkpointer(
            FrameApplier applier,
            SightingEngine engine,
            CheckpointStore store,
            long lastEpoch,
            MeterRegistry registry) {
        this.applier = applier;
        this.engine = engine;
        this.store = store;
        this.epoch = new AtomicLong(lastEpoch);
        this.batch = DistributionSummary.builder("bikeguard.persist.batch.sightings")
                .description("Closed sightings persisted per checkpoint")
                .register(registry);
        registry.gauge("bikeguard.persist.lag.seconds", this, c -> (System.currentTimeMillis() - c.lastAt) / 1000.0);
    }

    /** Takes one checkpoint unless one is already running; returns whether it ran and succeeded. */
    public boolean run() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        long e = epoch.incrementAndGet();
        try {
            long start = System.nanoTime();
            FrameApplier.CheckpointCut cut = applier.checkpoint(e).join();
            int persisted = store.write(cut.snapshot(), cut.position());
            engine.purge(e).toCompletableFuture().join();
            lastAt = System.currentTimeMillis();
            batch.record(persisted);
            LOG.debug(
                    "checkpoint [epoch: {}, position: {}, closed: {}, open: {}, ms: {}]",
                    e,
                    cut.position(),
                    persisted,
                    cut.snapshot().openCount(),
                    (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (Exception ex) {
            LOG.warn("checkpoint failed, will retry [epoch: {}, error: {}]", e, ex.toString());
            return false;
        } finally {
            running.set(false);
        }
    }
}
