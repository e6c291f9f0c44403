package org.bikeguard.tracker.correlate;

import static org.bikeguard.tracker.correlate.SightingEngineIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Hazelcast members in one JVM, each with its own engine fed half of the stations, produce
 * exactly the sightings of one member; after the second member dies, the first still holds them
 * (its backups were kept in step by re-running the processors).
 */
class TwoMemberSightingsIT {
    private static final long GAP = 30_000;
    private static final EngineConfig CONFIG = new EngineConfig(GAP, 31, 1);
    private final List<TestMembers> clusters = new ArrayList<>();

    @AfterEach
    void stop() {
        clusters.forEach(TestMembers::close);
    }

    /** Feeds the stream; station s goes to engine s % engines.size(); sweeps after each drain. */
    private static void feed(List<SightingEngine> engines, List<CityStream.Read> reads) {
        List<ReadBatch> batches = new ArrayList<>();
        for (int k = 0; k < engines.size(); k++) {
            batches.add(new ReadBatch(128));
        }
        StationClocks clocks = new StationClocks(GAP);
        int n = 0;
        for (CityStream.Read r : reads) {
            ReadBatch b = batches.get(r.station() % engines.size());
            b.add(r.tag(), r.station(), r.ts(), r.count(), r.rssi(), r.flags());
            if (++n % 100 == 0) {
                flush(engines, batches, clocks, r.arrival());
            }
            if (n % 2_000 == 0) {
                drainAll(engines);
                await(engines.get(0).sweep(clocks.closeBefore(r.arrival())));
            }
        }
        flush(engines, batches, clocks, Long.MAX_VALUE);
        drainAll(engines);
    }

    private static void flush(List<SightingEngine> engines, List<ReadBatch> batches, StationClocks clocks, long wall) {
        for (int k = 0; k < engines.size(); k++) {
            clocks.observe(batches.get(k), wall);
            engines.get(k).apply(batches.get(k));
            batches.get(k).clear();
        }
    }

    private static void drainAll(List<SightingEngine> engines) {
        CompletableFuture.allOf(engines.stream()
                        .map(e -> e.drain().toCompletableFuture())
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    private List<Sighting> run(int memberCount, List<CityStream.Read> reads) {
        TestMembers cluster = new TestMembers();
        clusters.add(cluster);
        List<HazelcastInstance> hzs = new ArrayList<>();
        List<SightingEngine> engines = new ArrayList<>();
        for (int m = 0; m < memberCount; m++) {
            hzs.add(cluster.start(CONFIG));
        }
        for (HazelcastInstance hz : hzs) {
            engines.add(new SightingEngine(hz, CONFIG));
        }
        assertEquals(memberCount, hzs.get(0).getCluster().getMembers().size());
        feed(engines, reads);
        List<Sighting> result = Sightings.of(await(engines.get(0).snapshot(1)));
        if (memberCount > 1) {
            hzs.get(memberCount - 1).getLifecycleService().terminate();
            List<Sighting> afterLoss = Sightings.of(await(engines.get(0).snapshot(2)));
            assertEquals(result, afterLoss, "state after losing a member");
        }
        engines.forEach(SightingEngine::close);
        return result;
    }

    @Test
    void twoMembersProduceExactlyTheSightingsOfOneMember() {
        List<CityStream.Read> reads = CityStream.generate(7, 400, 12, 15 * 60_000);
        List<Sighting> one = run(1, reads);
        assertTrue(one.size() > 1_000, "stream too thin: " + one.size());
        assertEquals(one, run(2, reads));
    }
}
