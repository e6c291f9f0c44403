package org.bikeguard.tracker.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * The embedded Hazelcast member: a lone member on loopback by default, or a member of the
 * cluster listed in {@code BIKEGUARD_HZ_MEMBERS} (TCP/IP join).
 */
public final class HazelcastSetup {

    public static final String CLUSTER_NAME = "bikeguard";

    private HazelcastSetup() {}

    /** The member configuration, including what the sighting engine and station registry need. */
    public static Config config(TrackerConfig cfg, EngineConfig engineConfig, String clusterName) {
        Config hc = new Config();
        hc.setClusterName(clusterName);
        hc.setProperty("hazelcast.phone.home.enabled", "false");
        hc.setProperty("hazelcast.logging.type", "slf4j");
        hc.setProperty("hazelcast.shutdownhook.enabled", "false");
        hc.setProperty("hazelcast.health.monitoring.level", "OFF");
        // A member that stops answering is declared gone within seconds, so a survivor takes over its
        // frame-log lane before the stations' event time moves far past its last applied frames.
        hc.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hc.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        NetworkConfig net = hc.getNetworkConfig();
        net.setPort(cfg.hzPort()).setPortAutoIncrement(true).setPortCount(50);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cfg.hzMembers().isEmpty()) {
            net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            join.getTcpIpConfig().setEnabled(false);
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(cfg.hzMembers());
        }
        SightingEngine.configure(hc, engineConfig);
        StationRegistry.configure(hc);
        return hc;
    }

    public static HazelcastInstance start(TrackerConfig cfg, EngineConfig engineConfig) {
        return Hazelcast.newHazelcastInstance(config(cfg, engineConfig, CLUSTER_NAME));
    }
}
