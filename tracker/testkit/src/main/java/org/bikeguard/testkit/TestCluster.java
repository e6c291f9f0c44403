package org.bikeguard.testkit;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.UUID;

/**
 * The network of one test's Hazelcast cluster on loopback: a random cluster name, a few free
 * ports picked up front ({@link FreePorts}), one per member, and TCP-IP join listing exactly those
 * ports; multicast, auto-detection and phone-home off. No fixed port, so two builds on one
 * machine never meet or collide. Thread-safe.
 */
public final class TestCluster {

    /** Members a cluster can hold unless asked for more. */
    public static final int DEFAULT_MAX_MEMBERS = 3;

    private final String name;
    private final int[] ports;
    private int started;

    /** A cluster with a random name and ports for {@value #DEFAULT_MAX_MEMBERS} members. */
    public TestCluster() {
        this("bikeguard-test-" + UUID.randomUUID(), DEFAULT_MAX_MEMBERS);
    }

    /** A cluster called {@code name} with ports for {@code maxMembers} members. */
    public TestCluster(String name, int maxMembers) {
        this.name = name;
        this.ports = FreePorts.free(maxMembers);
    }

    /** The cluster name. */
    public String name() {
        return name;
    }

    /** A fresh member configuration: the cluster name and the network of the next member. */
    public synchronized Config nextMember() {
        if (started == ports.length) {
            throw new IllegalStateException("cluster " + name + " has ports for " + ports.length + " members only");
        }
        Config c = new Config();
        c.setClusterName(name);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(ports[started++]).setPortAutoIncrement(false);
        n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true);
        for (int p : ports) {
            j.getTcpIpConfig().addMember("127.0.0.1:" + p);
        }
        return c;
    }
}
