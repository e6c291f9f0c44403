package org.bikeguard.tracker.station;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.SightingEngine;

/**
 * Real Hazelcast members for integration tests: loopback TCP-IP only (no multicast), a random
 * cluster name per test class, ports from 5950 upwards, no phone-home. Plus a polling wait.
 */
public final class HazelcastTestSupport {

    /** Engine settings the tests use: 30 s gap, 16 buckets, no backups. */
    public static final EngineConfig ENGINE = new EngineConfig(30_000, 16, 0);

    private HazelcastTestSupport() {
    }

    /** A fresh random cluster name. */
    public static String clusterName() {
        return "bikeguard-test-" + UUID.randomUUID();
    }

    /** Starts a member of {@code cluster}, configured for the station registry and the engine. */
    public static HazelcastInstance newMember(String cluster) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setInstanceName(cluster + "-" + UUID.randomUUID());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(5950).setPortAutoIncrement(true).setPortCount(100);
        n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        StationRegistry.configure(c);
        SightingEngine.configure(c, ENGINE);
        return Hazelcast.newHazelcastInstance(c);
    }

    /** Polls {@code condition} every 20 ms until it holds; fails after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }
}
