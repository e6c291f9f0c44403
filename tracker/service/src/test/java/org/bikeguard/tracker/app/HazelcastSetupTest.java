package org.bikeguard.tracker.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.KubernetesConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.junit.jupiter.api.Test;

/** The Hazelcast member configuration the settings produce: where it binds, how it joins. */
class HazelcastSetupTest {

    private static Config config(Map<String, String> env) {
        Map<String, String> m = new HashMap<>(env);
        m.put("HOME", System.getProperty("java.io.tmpdir"));
        TrackerConfig cfg = ConfigLoader.fromMap(m);
        return HazelcastSetup.config(cfg, EngineConfig.defaults(), "test");
    }

    /** The bind allowlist, sorted (Hazelcast keeps it as a set). */
    private static List<String> interfaces(Config c) {
        assertTrue(c.getNetworkConfig().getInterfaces().isEnabled(), "interfaces restricted");
        return c.getNetworkConfig().getInterfaces().getInterfaces().stream()
                .sorted()
                .toList();
    }

    @Test
    void aLoneMemberBindsToLoopbackOnlyAndJoinsNobody() {
        Config c = config(Map.of());
        assertEquals(List.of("127.0.0.1"), interfaces(c));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
        JoinConfig join = c.getNetworkConfig().getJoin();
        assertFalse(join.getTcpIpConfig().isEnabled());
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getKubernetesConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertEquals(5701, c.getNetworkConfig().getPort());
    }

    @Test
    void aMemberListIsTheBindAllowlistAndTheTcpIpMembers() {
        Config c = config(Map.of(
                "BIKEGUARD_HZ_MEMBERS", "10.0.0.11:5701, 10.0.0.12:5701,10.0.0.13",
                "BIKEGUARD_HZ_PORT", "5701"));
        assertEquals(List.of("10.0.0.11", "10.0.0.12", "10.0.0.13"), interfaces(c));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"), "never every interface");
        JoinConfig join = c.getNetworkConfig().getJoin();
        assertTrue(join.getTcpIpConfig().isEnabled());
        assertEquals(
                List.of("10.0.0.11:5701", "10.0.0.12:5701", "10.0.0.13"),
                join.getTcpIpConfig().getMembers());
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getKubernetesConfig().isEnabled());
    }

    @Test
    void hostNamesInTheMemberListBecomeTheirIpv4Addresses() {
        Config c = config(Map.of("BIKEGUARD_HZ_MEMBERS", "localhost:5701,127.0.0.1:5702"));
        assertEquals(List.of("127.0.0.1"), interfaces(c), "localhost and 127.0.0.1 are one address");
    }

    @Test
    void aMemberListOfWhichNothingResolvesIsRefused() {
        assertThrows(
                ConfigException.class,
                () -> config(Map.of("BIKEGUARD_HZ_MEMBERS", "no-such-host.invalid:5701,[::1]:5701")));
    }

    @Test
    void theInterfaceSettingWinsOverTheMemberList() {
        Config c = config(Map.of(
                "BIKEGUARD_HZ_MEMBERS", "10.0.0.11:5701,10.0.0.12:5701",
                "BIKEGUARD_HZ_INTERFACE", "10.0.*.*"));
        assertEquals(List.of("10.0.*.*"), interfaces(c));
        assertTrue(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
    }

    @Test
    void anInterfaceNameBecomesItsIpv4Addresses() {
        Config c = config(Map.of("BIKEGUARD_HZ_INTERFACE", "lo"));
        assertTrue(interfaces(c).contains("127.0.0.1"), String.valueOf(interfaces(c)));
        assertThrows(ConfigException.class, () -> config(Map.of("BIKEGUARD_HZ_INTERFACE", "nosuchnic9")));
    }

    @Test
    void rangesAndBadValuesOfTheInterfaceSetting() {
        assertEquals(List.of("10.3.10.4-18"), interfaces(config(Map.of("BIKEGUARD_HZ_INTERFACE", "10.3.10.4-18"))));
        assertThrows(ConfigException.class, () -> config(Map.of("BIKEGUARD_HZ_INTERFACE", "10.0.0.0/8")));
        assertThrows(ConfigException.class, () -> config(Map.of("BIKEGUARD_HZ_INTERFACE", "0.0.0.0 1.2.3.4")));
    }

    @Test
    void kubernetesDnsDiscoveryUsesTheHeadlessServiceAndThePodAddress() {
        Config c = config(Map.of(
                "BIKEGUARD_HZ_K8S_SERVICE_DNS", "bikeguard-hazelcast.bikeguard.svc.cluster.local",
                "BIKEGUARD_HZ_INTERFACE", "10.42.0.17"));
        JoinConfig join = c.getNetworkConfig().getJoin();
        KubernetesConfig k8s = join.getKubernetesConfig();
        assertTrue(k8s.isEnabled());
        assertEquals("bikeguard-hazelcast.bikeguard.svc.cluster.local", k8s.getProperty("service-dns"));
        assertEquals("5701", k8s.getProperty("service-port"));
        assertFalse(join.getTcpIpConfig().isEnabled());
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertEquals(List.of("10.42.0.17"), interfaces(c));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
    }

    @Test
    void kubernetesDiscoveryNeedsThePodAddressAndExcludesAMemberList() {
        ConfigException noInterface = assertThrows(
                ConfigException.class, () -> config(Map.of("BIKEGUARD_HZ_K8S_SERVICE_DNS", "bikeguard-hazelcast")));
        assertTrue(noInterface.getMessage().contains("BIKEGUARD_HZ_INTERFACE"), noInterface.getMessage());
        assertThrows(
                ConfigException.class,
                () -> config(Map.of(
                        "BIKEGUARD_HZ_K8S_SERVICE_DNS", "bikeguard-hazelcast",
                        "BIKEGUARD_HZ_INTERFACE", "10.42.0.17",
                        "BIKEGUARD_HZ_MEMBERS", "10.42.0.18:5701")));
    }

    @Test
    void aClusteredMemberKeepsOneBackupOfItsHotState() {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", System.getProperty("java.io.tmpdir"));
        assertFalse(ConfigLoader.fromMap(m).clustered());
        m.put("BIKEGUARD_HZ_K8S_SERVICE_DNS", "bikeguard-hazelcast");
        m.put("BIKEGUARD_HZ_INTERFACE", "10.42.0.17");
        assertTrue(ConfigLoader.fromMap(m).clustered());
    }
}
