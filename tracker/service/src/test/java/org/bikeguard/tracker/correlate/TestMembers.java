package org.bikeguard.tracker.correlate;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Embedded Hazelcast members for tests: multicast off, TCP-IP join on 127.0.0.1 only, a random
 * cluster name, base port 5900 with auto-increment, phone-home off. Not thread-safe.
 */
final class TestMembers implements AutoCloseable {
  private final String clusterName = "bikeguard-test-" + UUID.randomUUID();
  private final List<HazelcastInstance> members = new ArrayList<>();

  static Config config(String clusterName, EngineConfig engine) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().setPort(5900).setPortAutoIncrement(true).setPortCount(20);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    SightingEngine.configure(config, engine);
    return config;
  }

  /** Starts a member of this test's cluster. */
  HazelcastInstance start(EngineConfig engine) {
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(config(clusterName, engine));
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
