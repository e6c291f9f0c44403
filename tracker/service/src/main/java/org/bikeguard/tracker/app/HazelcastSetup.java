package org.bikeguard.tracker.app;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.KubernetesConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.tracker.cluster.HotStateGate;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Hazelcast member: a lone member on loopback by default, a member of the cluster
 * listed in {@code BIKEGUARD_HZ_MEMBERS} (TCP/IP join), or a member found through a Kubernetes
 * headless service ({@code BIKEGUARD_HZ_K8S_SERVICE_DNS}, Hazelcast's Kubernetes discovery in DNS
 * mode).
 *
 * <p>Binding: never every interface. The member binds to one local address that matches
 * {@code BIKEGUARD_HZ_INTERFACE} when set; otherwise one that appears in the member list (the list
 * is the allowlist: its IPv4 addresses, and the IPv4 addresses its host names resolve to at
 * start); a lone member binds to loopback. {@code hazelcast.socket.bind.any} is off, so the
 * server socket listens on that address only. Stateless; thread-safe.
 */
public final class HazelcastSetup {

    public static final String CLUSTER_NAME = "bikeguard";
    /** Loopback, where a lone member binds. */
    static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSetup.class);

    private HazelcastSetup() {}

    /**
     * The member configuration, including what the sighting engine and station registry need.
     * Resolves host names of the member list and an interface name (blocking: DNS, the local
     * interfaces).
     *
     * @throws ConfigException when no address to bind to can be derived (an unknown interface
     *                         name, a member list none of whose hosts resolve)
     */
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
        // Listen on the chosen address only, not on 0.0.0.0.
        hc.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig net = hc.getNetworkConfig();
        net.setPort(cfg.hzPort()).setPortAutoIncrement(true).setPortCount(50);
        net.getInterfaces().setEnabled(true).setInterfaces(interfaces(cfg));
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cfg.hzK8sServiceDns().isPresent()) {
            join.getTcpIpConfig().setEnabled(false);
            KubernetesConfig k8s = join.getKubernetesConfig().setEnabled(true);
            k8s.setProperty("service-dns", cfg.hzK8sServiceDns().get());
            if (cfg.hzPort() > 0) {
                k8s.setProperty("service-port", String.valueOf(cfg.hzPort()));
            }
        } else if (cfg.hzMembers().isEmpty()) {
            join.getTcpIpConfig().setEnabled(false);
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(cfg.hzMembers());
        }
        SightingEngine.configure(hc, engineConfig);
        StationRegistry.configure(hc);
        HotStateGate.configure(hc);
        return hc;
    }

    public static HazelcastInstance start(TrackerConfig cfg, EngineConfig engineConfig) {
        return Hazelcast.newHazelcastInstance(config(cfg, engineConfig, CLUSTER_NAME));
    }

    /**
     * The interface patterns the member may bind to: {@code BIKEGUARD_HZ_INTERFACE} (a pattern as
     * it is, an interface name as its IPv4 addresses), else the member list's addresses, else
     * loopback.
     */
    static List<String> interfaces(TrackerConfig cfg) {
        if (cfg.hzInterface().isPresent()) {
            String value = cfg.hzInterface().get();
            return TrackerConfig.isHzAddressPattern(value) ? List.of(value) : interfaceAddresses(value);
        }
        if (cfg.hzMembers().isEmpty()) {
            return List.of(LOOPBACK);
        }
        List<String> out = new ArrayList<>();
        for (String member : cfg.hzMembers()) {
            for (String address : memberAddresses(member)) {
                if (!out.contains(address)) {
                    out.add(address);
                }
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("no address of BIKEGUARD_HZ_MEMBERS " + cfg.hzMembers()
                    + " resolves to an IPv4 address: the member would have nothing to bind to "
                    + "(set BIKEGUARD_HZ_INTERFACE)");
        }
        return List.copyOf(out);
    }

    /** The IPv4 addresses of one member-list entry ({@code host}, {@code host:port}; a pattern as it is). */
    private static List<String> memberAddresses(String member) {
        String host = member.trim();
        if (host.startsWith("[") || host.chars().filter(c -> c == ':').count() > 1) {
            LOG.warn("IPv6 member ignored for the bind allowlist [member: {}]", member);
            return List.of();
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (TrackerConfig.isHzAddressPattern(host)) {
            return List.of(host);
        }
        try {
            List<String> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    out.add(a.getHostAddress());
                }
            }
            return out;
        } catch (UnknownHostException e) {
            LOG.warn("member host does not resolve; left out of the bind allowlist [member: {}]", member);
            return List.of();
        }
    }

    /** The IPv4 addresses of the local network interface {@code name}. */
    private static List<String> interfaceAddresses(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                throw new ConfigException("BIKEGUARD_HZ_INTERFACE names no network interface of this machine: " + name);
            }
            List<String> out = new ArrayList<>();
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    out.add(a.getHostAddress());
                }
            }
            if (out.isEmpty()) {
                throw new ConfigException(
                        "network interface " + name + " (BIKEGUARD_HZ_INTERFACE) has no IPv4 address");
            }
            return out;
        } catch (SocketException e) {
            throw new ConfigException("cannot read network interface " + name + ": " + e.getMessage());
        }
    }

    /**
     * Cluster gauges: {@code bikeguard_cluster_members} (members this member sees, itself
     * included), {@code bikeguard_cluster_oldest_member} (1 on the oldest member, 0 on the
     * others) and {@code bikeguard_cluster_safe} (1 when every partition of the hot state has its
     * backup in sync, i.e. no migration is going on: the moment to stop the next member of a
     * rolling upgrade; it asks every member, so it costs a round trip per scrape). Read at scrape
     * time; NaN once the member has stopped.
     */
    public static void bindMetrics(HazelcastInstance hz, MeterRegistry registry) {
        Gauge.builder("bikeguard.cluster.members", hz, safely(h -> h.getCluster()
                        .getMembers()
                        .size()))
                .description("Hazelcast members this member sees, itself included")
                .register(registry);
        Gauge.builder("bikeguard.cluster.oldest.member", hz, safely(h -> {
                    Iterator<Member> members = h.getCluster().getMembers().iterator();
                    return members.hasNext() && members.next().localMember() ? 1 : 0;
                }))
                .description("1 on the oldest member of the cluster, 0 on the others")
                .register(registry);
        Gauge.builder(
                        "bikeguard.cluster.safe",
                        hz,
                        safely(h -> h.getPartitionService().isClusterSafe() ? 1 : 0))
                .description("1 when every hot-state partition has its backups in sync (no migration going on)")
                .register(registry);
    }

    private static ToDoubleFunction<HazelcastInstance> safely(ToDoubleFunction<HazelcastInstance> f) {
        return h -> {
            try {
                return h.getLifecycleService().isRunning() ? f.applyAsDouble(h) : Double.NaN;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }
}
