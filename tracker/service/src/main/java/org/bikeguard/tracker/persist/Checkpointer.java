package org.bikeguard.tracker.persist;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.correlate.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the cluster's checkpoints (only the leader calls it): inside one {@link
 * CheckpointStore.Txn} it gathers per lane the position below which every frame is applied (from
 * what members published, before the snapshot), freezes and snapshots every bucket with the next
 * epoch, writes the cut and commits; then purges the persisted sightings and the marks of finished
 * lanes from the hot state. Each bucket's snapshot carries its lane marks, so the cut needs no
 * pause of the cluster: a replay from these positions skips, per bucket, what the bucket already
 * held. Exposes {@code bikeguard_persist_lag_seconds} and the persisted batch sizes. Blocking;
 * one checkpoint at a time (synchronized). Thread-safe.
 */
public final class Checkpointer {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final SightingEngine engine;
    private final CheckpointStore store;
    private final FrameLanes lanes;
    private final Supplier<Map<Integer, Long>> appliedPositions;
    private final DistributionSummary batch;
    private volatile long lastAt = System.currentTimeMillis();

    /**
     * @param appliedPositions per lane, a frame id up to which every frame of it is applied, as
     *                         members last reported (called before the snapshot)
     */
    public Checkpointer(
            SightingEngine engine,
            CheckpointStore store,
            FrameLanes lanes,
            Supplier<Map<Integer, Long>> appliedPositions,
            MeterRegistry registry) {
        this.engine = engine;
        this.store = store;
        this.lanes = lanes;
        this.appliedPositions = appliedPositions;
        this.batch = DistributionSummary.builder("bikeguard.persist.batch.sightings")
                .description("Closed sightings persisted per checkpoint")
                .register(registry);
        registry.gauge("bikeguard.persist.lag.seconds", this, c -> (System.currentTimeMillis() - c.lastAt) / 1000.0);
    }

    /** Takes one checkpoint; throws when it fails (nothing of it is committed then). */
    public synchronized void run() throws SQLException {
        long start = System.nanoTime();
        long epoch;
        int persisted;
        long open;
        List<Integer> finished = new ArrayList<>();
        try (CheckpointStore.Txn txn = store.begin()) {
            long committed = txn.committedEpoch();
            epoch = committed + 1;
            Map<Integer, Long> positions = new TreeMap<>(store.lanePositions());
            appliedPositions.get().forEach((lane, p) -> positions.merge(lane, p, Math::max));
            for (FrameLanes.Lane lane : lanes.all()) {
                positions.putIfAbsent(lane.lane(), 0L);
                if (lane.retired()) {
                    positions.merge(lane.lane(), lane.finalPosition(), Math::max);
                    finished.add(lane.lane());
                }
            }
            Snapshot snapshot =
                    engine.snapshot(epoch, committed).toCompletableFuture().join();
            persisted = txn.commit(snapshot, positions, engine.config().bucketCount());
            open = snapshot.openCount();
        }
        engine.purge(epoch, finished.stream().mapToInt(Integer::intValue).toArray())
                .toCompletableFuture()
                .join();
        lastAt = System.currentTimeMillis();
        batch.record(persisted);
        LOG.debug(
                "checkpoint [epoch: {}, closed: {}, open: {}, ms: {}]",
                epoch,
                persisted,
                open,
                (System.nanoTime() - start) / 1_000_000);
    }
}
