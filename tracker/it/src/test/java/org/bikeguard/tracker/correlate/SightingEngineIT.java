package org.bikeguard.tracker.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SightingEngine} on one embedded member. */
class SightingEngineIT {
    private static final long GAP = 30_000;
    private static final long T0 = RandomStream.T0;
    private static TestMembers members;
    private static HazelcastInstance hz;

    @BeforeAll
    static void startMember() {
        members = new TestMembers();
        hz = members.start(new EngineConfig(GAP, 17, 0));
    }

    @AfterAll
    static void stopMember() {
        members.close();
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SightingEngine freshEngine(int buckets) {
        SightingEngine engine = new SightingEngine(hz, new EngineConfig(GAP, buckets, 0));
        await(engine.restore(List.of()));
        return engine;
    }

    @Test
    void appliedReadsBecomeSightingsVisiblePerTagInFirstSeenOrder() {
        try (SightingEngine engine = freshEngine(17)) {
            ReadBatch b = new ReadBatch(4);
            b.add(42, 2, T0 + 5_000, 1, -60, 0);
            b.add(42, 1, T0, 2, -70, 1);
            b.add(42, 1, T0 + 10_000, 1, -50, 0);
            b.add(43, 1, T0, 1, -50, 0);
            await(engine.apply(b));
            b.clear();
            assertEquals(
                    List.of(
                            new Sighting(42, 1, T0, T0 + 10_000, 3, -50, 1, true),
                            new Sighting(42, 2, T0 + 5_000, T0 + 5_000, 1, -60, 0, true)),
                    await(engine.sightingsOf(42)));
            assertEquals(3, engine.openSightings());
            await(engine.sweep(new long[] {0, Long.MAX_VALUE}));
            assertEquals(1, engine.openSightings());
            assertEquals(List.of(new Sighting(43, 1, T0, T0, 1, -50, 0, false)), await(engine.sightingsOf(43)));
        }
    }

    @Test
    void drainsCalledWhileAppliesAreInFlightAlwaysComplete() throws Exception {
        try (SightingEngine engine = freshEngine(64)) {
            RandomStream stream = new RandomStream(3, 5_000, 20);
            Thread feeder = new Thread(() -> {
                ReadBatch batch = new ReadBatch(64);
                for (int i = 0; i < 20_000; i++) {
                    batch.clear();
                    stream.fill(batch, 1 + i % 64);
                    engine.apply(batch);
                }
            });
            // drains racing with completions must neither be lost nor break a bucket's queue
            List<CompletableFuture<Void>> drainers = new ArrayList<>();
            feeder.start();
            for (int d = 0; d < 3; d++) {
                drainers.add(CompletableFuture.runAsync(() -> {
                    while (feeder.isAlive()) {
                        try {
                            engine.drain().toCompletableFuture().get(20, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("a drain never completed", e);
                        }
                    }
                }));
            }
            feeder.join();
            for (CompletableFuture<Void> d : drainers) {
                d.get(60, TimeUnit.SECONDS);
            }
            engine.drain().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertTrue(engine.openSightings() > 0, "the reads were applied");
        }
    }

    @Test
    void anyBatchingGivesTheReferenceModelsSightings() {
        ReferenceModel model = new ReferenceModel(GAP);
        RandomStream stream = new RandomStream(11, 300, 20);
        try (SightingEngine engine = freshEngine(17)) {
            Random rnd = new Random(5);
            List<CompletionStage<Void>> pending = new ArrayList<>();
            ReadBatch batch = new ReadBatch(100);
            for (int i = 0; i < 300; i++) {
                batch.clear();
                stream.fill(batch, 1 + rnd.nextInt(200));
                model.apply(batch);
                pending.add(engine.apply(batch));
                if (i % 50 == 49) {
                    long[] cut = stream.cutoffs(GAP);
                    model.sweep(cut);
                    pending.add(engine.sweep(cut));
                }
            }
            await(engine.drain());
            assertTrue(pending.stream().allMatch(s -> s.toCompletableFuture().isDone()));
            Snapshot snap = await(engine.snapshot(1));
            model.snapshot(1);
            assertEquals(Sightings.sorted(model.all()), Sightings.of(snap));
        }
    }

    /**
     * Drains (as the applier's progress and the cluster tick make them, every second) while applies
     * run: each drain completes. A waiter added to the call in flight while that call was finishing
     * used to be lost (or to break the finishing call), and the drain, then the bucket, never ended.
     */
    @Test
    void snapshotRestoreRoundTripsOpenSightingsIntoADifferentBucketCount() {
        RandomStream stream = new RandomStream(3, 500, 10);
        Snapshot first;
        try (SightingEngine engine = freshEngine(17)) {
            ReadBatch batch = new ReadBatch(1000);
            stream.fill(batch, 5_000);
            await(engine.apply(batch));
            await(engine.sweep(stream.cutoffs(GAP)));
            first = await(engine.snapshot(4));
            assertEquals(engine.openSightings(), first.openCount());
            assertTrue(first.openCount() > 0 && !first.closed().isEmpty());
        }
        try (SightingEngine other = new SightingEngine(hz, new EngineConfig(GAP, 5, 0))) {
            await(other.restore(first.openState()));
            Snapshot second = await(other.snapshot(5));
            assertEquals(List.of(), second.closed());
            assertEquals(first.openCount(), second.openCount());
            List<Sighting> openFirst =
                    Sightings.of(new Snapshot(4, List.of(), first.openState(), first.openCount(), List.of()));
            assertEquals(openFirst, Sightings.of(second));
            assertEquals(5, second.openState().size());
        }
    }

    @Test
    void purgeDropsPersistedClosedSightingsAndDrainWaitsForEarlierApplies() {
        try (SightingEngine engine = freshEngine(17)) {
            ReadBatch b = new ReadBatch(2);
            b.add(7, 0, T0, 1, -60, 0);
            b.add(7, 0, T0 + GAP + 1, 1, -60, 0);
            CompletableFuture<Void> applied = engine.apply(b).toCompletableFuture();
            await(engine.drain());
            assertTrue(applied.isDone());
            Snapshot s = await(engine.snapshot(9));
            assertEquals(List.of(new Sighting(7, 0, T0, T0, 1, -60, 0, false)), s.closed());
            assertEquals(2, await(engine.sightingsOf(7)).size());
            await(engine.purge(9));
            assertEquals(
                    List.of(new Sighting(7, 0, T0 + GAP + 1, T0 + GAP + 1, 1, -60, 0, true)),
                    await(engine.sightingsOf(7)));
        }
    }
}
