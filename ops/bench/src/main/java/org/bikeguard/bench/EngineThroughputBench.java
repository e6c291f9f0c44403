package org.bikeguard.bench;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.ReadBatch;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.correlate.StationClocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read throughput of {@link SightingEngine}: 300,000 tags, 5,000 stations, frames of 100 reads
 * (about 56 distinct tags each, drawn from a window of 80 tags around the station), one driver
 * thread, at most 4,096 frames outstanding, a sweep with {@link StationClocks} cut-offs every
 * second. Runs 1 member (backups 0) and 2 members in this JVM (backups 1, frames split between the
 * members' engines by station) and prints reads/s. Usage: {@code EngineThroughputBench
 * [seconds=15] [buckets=271]}.
 */
public final class EngineThroughputBench {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThroughputBench.class);
    private static final int TAGS = 300_000;
    private static final int STATIONS = 5_000;
    private static final int FRAME = 100;
    private static final int FRAMES = 20_000;
    private static final long T0 = 1_732_333_333_000L;

    private final int[] frameStation = new int[FRAMES];
    private final int[][] frameTags = new int[FRAMES][FRAME];
    private double distinctPerFrame;

    private EngineThroughputBench() {
        Random rnd = new Random(1);
        long distinct = 0;
        for (int f = 0; f < FRAMES; f++) {
            int s = rnd.nextInt(STATIONS);
            frameStation[f] = s;
            java.util.BitSet seen = new java.util.BitSet();
            for (int i = 0; i < FRAME; i++) {
                int t = Math.floorMod(s * (TAGS / STATIONS) - 10 + rnd.nextInt(80), TAGS);
                frameTags[f][i] = t;
                seen.set(t);
            }
            distinct += seen.cardinality();
        }
        distinctPerFrame = distinct / (double) FRAMES;
    }

    private record Result(int members, int backups, int buckets, long reads, double seconds) {}

    private Result run(int members, int buckets, double seconds) throws Exception {
        int backups = members > 1 ? 1 : 0;
        EngineConfig cfg = new EngineConfig(30_000, buckets, backups);
        String cluster = "bench-" + UUID.randomUUID();
        List<HazelcastInstance> hzs = new ArrayList<>();
        List<SightingEngine> engines = new ArrayList<>();
        try {
            for (int m = 0; m < members; m++) {
                hzs.add(HotStateBench.member(cfg, cluster, hzs.isEmpty() ? null : hzs.get(0)));
            }
            for (HazelcastInstance hz : hzs) {
                engines.add(new SightingEngine(hz, cfg));
            }
            drive(engines, 3.0); // warm-up
            long reads = drive(engines, seconds);
            return new Result(members, backups, buckets, reads, seconds);
        } finally {
            engines.forEach(SightingEngine::close);
            hzs.forEach(HazelcastInstance::shutdown);
        }
    }

    /** Feeds frames for {@code seconds}; returns the number of reads applied. */
    private long drive(List<SightingEngine> engines, double seconds) throws InterruptedException {
        Semaphore window = new Semaphore(4_096);
        StationClocks clocks = new StationClocks(30_000);
        long[] stationTime = new long[STATIONS];
        ReadBatch batch = new ReadBatch(FRAME);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long nextSweep = start + 1_000_000_000L;
        long reads = 0;
        int f = 0;
        long now = start;
        while (now < end) {
            for (int k = 0; k < 64; k++, f = (f + 1) % FRAMES) {
                int s = frameStation[f];
                long ts = T0 + (stationTime[s] += 1_000);
                batch.clear();
                for (int i = 0; i < FRAME; i++) {
                    batch.add(0xE200_0000_0000L + frameTags[f][i], s, ts + i, 1, -40 - i % 60, 0);
                }
                window.acquire();
                engines.get(s % engines.size()).apply(batch).whenComplete((v, e) -> window.release());
                clocks.observe(batch, (now - start) / 1_000_000);
                reads += FRAME;
            }
            now = System.nanoTime();
            if (now >= nextSweep) {
                engines.get(0).sweep(clocks.closeBefore((now - start) / 1_000_000));
                nextSweep = now + 1_000_000_000L;
            }
        }
        window.acquire(4_096);
        double took = (System.nanoTime() - start) / 1e9;
        LOG.info("{} reads in {} s", reads, took);
        return (long) (reads * (seconds / took));
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 15;
        int buckets = args.length > 1 ? Integer.parseInt(args[1]) : 271;
        EngineThroughputBench bench = new EngineThroughputBench();
        List<Result> results = new ArrayList<>();
        results.add(bench.run(1, buckets, seconds));
        results.add(bench.run(2, buckets, seconds));
        System.out.printf(
                Locale.ROOT,
                "%n%d tags, %d stations, frames of %d reads, %.1f distinct "
                        + "tags/frame%n| members | backups | buckets | seconds | reads/s |%n|---|---|---|---|---|%n",
                TAGS,
                STATIONS,
                FRAME,
                bench.distinctPerFrame);
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %d | %.0f | %,.0f |%n",
                    r.members(),
                    r.backups(),
                    r.buckets(),
                    r.seconds(),
                    r.reads() / r.seconds());
        }
    }
}
