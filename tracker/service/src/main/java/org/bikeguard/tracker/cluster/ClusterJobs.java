package org.bikeguard.tracker.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.correlate.StationClocks;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.persist.CheckpointStore;
import org.bikeguard.tracker.persist.Checkpointer;
import org.bikeguard.tracker.persist.FrameLanes;
import org.bikeguard.tracker.persist.Recovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The once-a-second tick of one member. Every member publishes what it has applied ({@link
 * MemberProgress}). The leader — the oldest member — then, in this order: takes over the lane of
 * every member that is gone (replays its tail after the last checkpoint; the buckets' lane marks
 * skip what is in; then retires it); merges every member's station clocks and runs the event-time
 * sweep with them, so a station heard by any member is not silent; and takes a checkpoint when
 * one is due. A step that fails is logged, counted in {@code bikeguard_jobs_failed_total{job}} and
 * tried again next tick; while a dead member's lane is not taken over, no sweep or checkpoint runs
 * (they could freeze a sighting its tail still extends). Ticks run on one scheduler thread;
 * {@link #checkpointNow()} may be called from any thread (checkpoints are serialized).
 */
public final class ClusterJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);

    private final HazelcastInstance hz;
    private final String me;
    private final int lane;
    private final FrameApplier applier;
    private final SightingEngine engine;
    private final FrameLanes lanes;
    private final CheckpointStore store;
    private final Checkpointer checkpointer;
    private final MemberProgress progress;
    private final DataSource ds;
    private final ToIntFunction<String> stationIdx;
    private final Clock clock;
    private final long gapMs;
    private final long startMs;
    private final long checkpointNanos;
    private final Map<String, Counter> failures = new HashMap<>();
    private StationClocks merged;
    private long lastCheckpoint = System.nanoTime();

    /** Everything a member's tick needs. */
    public record Parts(
            HazelcastInstance hz,
            int lane,
            FrameApplier applier,
            SightingEngine engine,
            FrameLanes lanes,
            CheckpointStore store,
            DataSource ds,
            ToIntFunction<String> stationIdx,
            Clock clock,
            Duration gap,
            Duration checkpointInterval,
            MeterRegistry metrics) {}

    public ClusterJobs(Parts p) {
        this.hz = p.hz();
        this.me = p.hz().getCluster().getLocalMember().getUuid().toString();
        this.lane = p.lane();
        this.applier = p.applier();
        this.engine = p.engine();
        this.lanes = p.lanes();
        this.store = p.store();
        this.progress = new MemberProgress(p.hz());
        this.ds = p.ds();
        this.stationIdx = p.stationIdx();
        this.clock = p.clock();
        this.gapMs = p.gap().toMillis();
        this.startMs = p.clock().millis();
        this.checkpointNanos = p.checkpointInterval().toNanos();
        this.checkpointer = new Checkpointer(engine, store, lanes, this::appliedPositions, p.metrics());
        for (String job : new String[] {"progress", "takeover", "sweep", "checkpoint"}) {
            failures.put(
                    job,
                    Counter.builder("bikeguard.jobs.failed")
                            .description("Runs of a periodic job that failed (the job runs again on schedule)")
                            .tag("job", job)
                            .register(p.metrics()));
        }
    }

    /** Whether this member leads (is the oldest member of the cluster). */
    public boolean isLeader() {
        Set<Member> members = hz.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
    }

    /** One tick (see the class comment). */
    public void tick() {
        FrameApplier.Applied mine;
        try {
            mine = applier.progress().join();
            progress.publish(me, new MemberProgress.Report(lane, mine));
        } catch (RuntimeException e) {
            failed("progress", e);
            return;
        }
        if (!isLeader()) {
            merged = null;
            return;
        }
        try {
            takeOverLanesOfGoneMembers();
        } catch (Exception e) {
            failed("takeover", e);
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            failed("sweep", e);
        }
        if (System.nanoTime() - lastCheckpoint >= checkpointNanos) {
            checkpointNow();
        }
    }

    /**
     * Takes a checkpoint now if this member leads; returns whether one was taken. A failure is
     * logged and counted, and the next tick tries again.
     */
    public boolean checkpointNow() {
        if (!isLeader()) {
            return false;
        }
        try {
            checkpointer.run();
            lastCheckpoint = System.nanoTime();
            return true;
        } catch (Exception e) {
            failed("checkpoint", e);
            return false;
        }
    }

    private void takeOverLanesOfGoneMembers() throws Exception {
        Set<String> members = new HashSet<>();
        for (Member m : hz.getCluster().getMembers()) {
            members.add(m.getUuid().toString());
        }
        Map<String, MemberProgress.Report> reports = null;
        Map<Integer, Long> positions = null;
        for (FrameLanes.Lane l : lanes.all()) {
            if (l.retired() || l.lane() == lane || members.contains(l.owner())) {
                continue;
            }
            if (positions == null) {
                positions = store.lanePositions();
                reports = progress.reports();
            }
            long from = positions.getOrDefault(l.lane(), 0L);
            long t0 = System.nanoTime();
            long frames = Recovery.replay(ds, l.lane(), from, applier, stationIdx);
            long last = lanes.retire(l.lane());
            MemberProgress.Report gone = reports.get(l.owner());
            if (gone != null) {
                clocks().merge(gone.applied().newest(), gone.applied().lastArrivals());
                progress.forget(l.owner());
            }
            LOG.info(
                    "took over the lane of a member that left [lane: {}, member: {}, replayedFrames: {}, "
                            + "finalPosition: {}, ms: {}]",
                    l.lane(),
                    l.owner(),
                    frames,
                    last,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void sweep() {
        StationClocks clocks = clocks();
        for (MemberProgress.Report r : progress.reports().values()) {
            clocks.merge(r.applied().newest(), r.applied().lastArrivals());
        }
        progress.publishMerged(new FrameApplier.Applied(0, clocks.newestTimes(), clocks.lastArrivals()));
        engine.sweep(clocks.closeBefore(clock.millis())).toCompletableFuture().join();
    }

    /** The leader's merge of every member's station clocks, seeded from the previous leader's. */
    private StationClocks clocks() {
        if (merged == null) {
            merged = new StationClocks(gapMs, startMs);
            MemberProgress.Report previous = progress.merged();
            if (previous != null) {
                merged.merge(previous.applied().newest(), previous.applied().lastArrivals());
            }
        }
        return merged;
    }

    /** Per lane, the position members last reported (this member's is taken fresh). */
    private Map<Integer, Long> appliedPositions() {
        Map<Integer, Long> out = new HashMap<>();
        for (MemberProgress.Report r : progress.reports().values()) {
            out.merge(r.lane(), r.applied().position(), Math::max);
        }
        out.merge(lane, applier.progress().join().position(), Math::max);
        return out;
    }

    private void failed(String job, Exception e) {
        failures.get(job).increment();
        LOG.warn("cluster job failed, it runs again next tick [job: {}, error: {}]", job, e.toString());
    }
}
