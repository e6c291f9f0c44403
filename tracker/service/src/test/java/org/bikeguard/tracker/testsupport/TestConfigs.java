package org.bikeguard.tracker.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;

/**
 * Configurations for tests: ephemeral HTTP, MQTT and Hazelcast ports (port 0: the system picks a
 * free one; a cluster of several members needs its ports known first, see {@link FreePorts}), a
 * temporary data dir, no demo city.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** Defaults plus the given overrides (keys as in the environment). */
    public static TrackerConfig config(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", System.getProperty("java.io.tmpdir"));
        m.put("BIKEGUARD_HTTP_PORT", "0");
        m.put("BIKEGUARD_MQTT_PORT", "0");
        m.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        m.put("BIKEGUARD_SIM", "off");
        m.put("BIKEGUARD_HZ_PORT", "0");
        m.put("BIKEGUARD_ADMIN_PASSWORD", "admin-test-password");
        m.put("BIKEGUARD_BUCKETS", "16");
        m.put("BIKEGUARD_INGEST_INSTANCES", "2");
        m.putAll(overrides);
        return ConfigLoader.fromMap(m);
    }

    public static TrackerConfig config() {
        return config(Map.of());
    }

    public static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
