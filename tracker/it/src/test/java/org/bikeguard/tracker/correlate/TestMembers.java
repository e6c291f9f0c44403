package org.bikeguard.tracker.correlate;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.TestCluster;

/**
 * Embedded Hazelcast members of one test cluster ({@link TestCluster}: loopback, a random cluster
 * name, free ports picked per cluster). Not thread-safe.
 */
final class TestMembers implements AutoCloseable {
    private final TestCluster cluster = new TestCluster();
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts a member of this test's cluster. */
    HazelcastInstance start(EngineConfig engine) {
        Config config = cluster.nextMember();
        SightingEngine.configure(config, engine);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        members.add(hz);
        return hz;
    }

    @Override
    public void close() {
        for (HazelcastInstance hz : members) {
            hz.getLifecycleService().terminate();
        }
        members.clear();
    }
}
