package org.bikeguard.tracker.station;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bikeguard.testkit.TestCluster;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.SightingEngine;

/**
 * Real Hazelcast members for integration tests: loopback TCP-IP only (no multicast), a random
 * cluster name per test class, free ports picked per cluster ({@link TestCluster}), no phone-home.
 */
public final class HazelcastTestSupport {

    /** Engine settings the tests use: 30 s gap, 16 buckets, no backups. */
    public static final EngineConfig ENGINE = new EngineConfig(30_000, 16, 0);

    private HazelcastTestSupport() {}

    /** The clusters named so far in this JVM, by name (their ports are picked when named). */
    private static final Map<String, TestCluster> CLUSTERS = new ConcurrentHashMap<>();

    /** A fresh random cluster name, with free ports for its members. */
    public static String clusterName() {
        TestCluster cluster = new TestCluster();
        CLUSTERS.put(cluster.name(), cluster);
        return cluster.name();
    }

    /**
     * Starts a member of {@code cluster} (a name from {@link #clusterName()}), configured for the
     * station registry and the engine.
     */
    public static HazelcastInstance newMember(String cluster) {
        TestCluster tc = CLUSTERS.get(cluster);
        if (tc == null) {
            throw new IllegalArgumentException("not a cluster named by clusterName(): " + cluster);
        }
        Config c = tc.nextMember();
        c.setInstanceName(cluster + "-" + UUID.randomUUID());
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        StationRegistry.configure(c);
        SightingEngine.configure(c, ENGINE);
        return Hazelcast.newHazelcastInstance(c);
    }
}
