package org.bikeguard.tracker.correlate;

import static org.bikeguard.tracker.correlate.SightingEngineIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same reads delivered live, accelerated (compressed relative to wall time) and slowed down
 * (expanded) give identical sightings: the driver sweeps on a (simulated) wall-clock schedule with
 * {@link StationClocks} cut-offs, so sweeps fall at different points of the stream, and closure
 * still depends only on event time.
 */
class AcceleratedStreamIT {
    private static final long GAP = 30_000;
    private static final long DURATION = 20 * 60_000;
    private static TestMembers members;
    private static HazelcastInstance hz;
    private static List<CityStream.Read> reads;

    @BeforeAll
    static void start() {
        members = new TestMembers();
        hz = members.start(new EngineConfig(GAP, 13, 0));
        reads = CityStream.generate(42, 120, 8, DURATION);
    }

    @AfterAll
    static void stop() {
        members.close();
    }

    /** Delivers the stream at {@code speed}× wall time and returns every sighting at the end. */
    private static List<Sighting> deliver(double speed) {
        try (SightingEngine engine = new SightingEngine(hz, new EngineConfig(GAP, 13, 0))) {
            await(engine.restore(List.of()));
            StationClocks clocks = new StationClocks(GAP);
            long e0 = RandomStream.T0;
            long tickMs = 100;
            long sweepEveryMs = 2_000;
            long nextSweep = sweepEveryMs;
            ReadBatch batch = new ReadBatch(256);
            int i = 0;
            for (long wall = 0; i < reads.size(); wall += tickMs) {
                batch.clear();
                while (i < reads.size() && (reads.get(i).arrival() - e0) / speed <= wall) {
                    CityStream.Read r = reads.get(i++);
                    batch.add(r.tag(), r.station(), r.ts(), r.count(), r.rssi(), r.flags());
                }
                if (batch.size() > 0) {
                    clocks.observe(batch, wall);
                    engine.apply(batch);
                }
                if (wall >= nextSweep) {
                    engine.sweep(clocks.closeBefore(wall));
                    nextSweep = wall + sweepEveryMs;
                }
            }
            long[] all = new long[8];
            Arrays.fill(all, Long.MAX_VALUE);
            await(engine.sweep(all));
            assertEquals(0, engine.openSightings());
            return Sightings.of(await(engine.snapshot(1)));
        }
    }

    @Test
    void liveAcceleratedAndSlowedDeliveryGiveIdenticalSightings() {
        List<Sighting> live = deliver(1);
        assertTrue(live.size() > 200, "stream too thin: " + live.size());
        assertEquals(live, deliver(25), "25x accelerated");
        assertEquals(live, deliver(0.5), "slowed to 0.5x");
    }
}
