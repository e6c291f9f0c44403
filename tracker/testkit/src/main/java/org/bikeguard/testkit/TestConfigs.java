package org.bikeguard.testkit;

import java.util.HashMap;
import java.util.Map;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;

/**
 * Tracker configurations for tests: the keys a test tracker always sets, as in the environment.
 * HTTP, MQTT and Hazelcast on ephemeral loopback ports (port 0: the system picks a free one; a
 * cluster of several members needs its ports known first, see {@link FreePorts}), the test admin
 * password, no demo city, 16 buckets, 2 MQTT verticles and no co-deployed module (a test that
 * wants claims asks for it: {@link TrackerKit.Builder#verticles}, or sets
 * {@code BIKEGUARD_EXTRA_VERTICLES} for a {@link TrackerProcess}). {@link TrackerKit} starts whole
 * trackers on these; tests of single components (database, station registry) build their
 * configuration here. Stateless.
 */
public final class TestConfigs {

    private TestConfigs() {}

    /** The test defaults as environment keys (a fresh mutable map). */
    public static Map<String, String> defaults() {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", System.getProperty("java.io.tmpdir"));
        m.put("BIKEGUARD_HTTP_PORT", "0");
        m.put("BIKEGUARD_MQTT_PORT", "0");
        m.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        m.put("BIKEGUARD_SIM", "off");
        m.put("BIKEGUARD_HZ_PORT", "0");
        m.put("BIKEGUARD_ADMIN_PASSWORD", TrackerKit.ADMIN_PASSWORD);
        m.put("BIKEGUARD_BUCKETS", "16");
        m.put("BIKEGUARD_INGEST_INSTANCES", "2");
        // Modules on the test classpath (claims, in tracker/it) are deployed only when asked for.
        m.put("BIKEGUARD_EXTRA_VERTICLES", " ");
        return m;
    }

    /** The defaults plus {@code overrides} (keys as in the environment), validated. */
    public static TrackerConfig config(Map<String, String> overrides) {
        Map<String, String> m = defaults();
        m.putAll(overrides);
        return ConfigLoader.fromMap(m);
    }

    /** The defaults, validated. */
    public static TrackerConfig config() {
        return config(Map.of());
    }
}
