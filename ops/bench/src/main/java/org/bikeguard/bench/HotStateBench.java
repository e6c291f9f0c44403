package org.bikeguard.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.ReadBatch;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap cost of the sighting hot state: one embedded member, no backups; N tags each get one read
 * (one open sighting each); prints the growth of used heap after full GCs, per tag (bytes, primary
 * copy). Usage: {@code HotStateBench [tags=10000000] [buckets=271]}. Single-threaded driver.
 */
public final class HotStateBench {
    private static final Logger LOG = LoggerFactory.getLogger(HotStateBench.class);
    private static final long T0 = 1_732_333_333_000L;

    private HotStateBench() {}

    /**
     * Builds a member for benches: loopback only, an ephemeral port chosen by the system (never a
     * fixed one, so two runs on one machine cannot collide), no multicast.
     *
     * @param first a member already running in {@code clusterName} for this one to join, or null
     */
    static HazelcastInstance member(EngineConfig engine, String clusterName, HazelcastInstance first) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setPort(0).setPortAutoIncrement(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true);
        if (first != null) {
            config.getNetworkConfig()
                    .getJoin()
                    .getTcpIpConfig()
                    .addMember("127.0.0.1:"
                            + first.getCluster().getLocalMember().getAddress().getPort());
        }
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        SightingEngine.configure(config, engine);
        return Hazelcast.newHazelcastInstance(config);
    }

    static long usedHeapAfterGc(MemoryMXBean mem) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200); // let the collector settle between forced collections
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    public static void main(String[] args) throws Exception {
        int tags = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int buckets = args.length > 1 ? Integer.parseInt(args[1]) : 271;
        EngineConfig cfg = new EngineConfig(30_000, buckets, 0);
        HazelcastInstance hz = member(cfg, "bench-" + UUID.randomUUID(), null);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (SightingEngine engine = new SightingEngine(hz, cfg)) {
            ReadBatch warm = new ReadBatch(1);
            warm.add(-1L, 0, T0, 1, -60, 0);
            engine.apply(warm).toCompletableFuture().join();
            long before = usedHeapAfterGc(mem);
            long start = System.nanoTime();
            feed(engine, tags);
            double secs = (System.nanoTime() - start) / 1e9;
            long after = usedHeapAfterGc(mem);
            long open = engine.openSightings();
            double perTag = (after - before) / (double) tags;
            LOG.info("fed {} tags in {} s", tags, secs);
            System.out.printf(
                    Locale.ROOT,
                    "%n| tags | buckets | open sightings | heap growth (MB) "
                            + "| bytes/tag | load reads/s |%n|---|---|---|---|---|---|%n"
                            + "| %,d | %d | %,d | %.1f | %.1f | %,.0f |%n",
                    tags,
                    buckets,
                    open,
                    (after - before) / 1e6,
                    perTag,
                    tags / secs);
        } finally {
            hz.shutdown();
        }
    }

    /** One read per tag, 10,000 reads per apply, at most 64 applies outstanding. */
    private static void feed(SightingEngine engine, int tags) throws InterruptedException {
        Semaphore window = new Semaphore(64);
        ReadBatch batch = new ReadBatch(10_000);
        for (int t = 0; t < tags; t++) {
            batch.add(0xE200_0000_0000L + t, t % 5_000, T0 + (t % 1_000), 1, -60, 0);
            if (batch.size() == 10_000 || t == tags - 1) {
                window.acquire();
                engine.apply(batch).whenComplete((v, e) -> window.release());
                batch.clear();
            }
        }
        engine.drain().toCompletableFuture().join();
    }
}
