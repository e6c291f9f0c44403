package org.bikeguard.tracker.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.EngineConfig;
import org.junit.jupiter.api.Test;

/**
 * A lone member started as the tracker starts it listens on loopback only: its Hazelcast port
 * cannot be reached through this machine's other addresses (Hazelcast open source has neither TLS
 * nor member authentication, so an open port would hand the cluster to anyone who reaches it).
 */
class HazelcastBindIT {

    @Test
    void aLoneMemberCannotBeReachedThroughTheMachinesOtherAddresses() throws Exception {
        Optional<InetAddress> other = nonLoopbackIpv4();
        assumeTrue(other.isPresent(), "this machine has no address but loopback");
        TrackerConfig cfg = ConfigLoader.fromMap(Map.of("HOME", "/tmp", "BIKEGUARD_HZ_PORT", "0"));
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(
                HazelcastSetup.config(cfg, new EngineConfig(30_000, 16, 0), "bind-check-" + UUID.randomUUID()));
        try {
            InetSocketAddress bound = (InetSocketAddress) hz.getLocalEndpoint().getSocketAddress();
            assertTrue(bound.getAddress().isLoopbackAddress(), "bound to " + bound);
            int port = bound.getPort();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            }
            assertThrows(
                    IOException.class,
                    () -> {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(other.get(), port), 2_000);
                        }
                    },
                    "the Hazelcast port answered on " + other.get());
        } finally {
            hz.shutdown();
        }
    }

    private static Optional<InetAddress> nonLoopbackIpv4() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
