package org.bikeguard.tracker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the {@link TrackerConfig} from a properties file named by {@code BIKEGUARD_CONFIG} (same
 * keys as the environment) and the environment, environment winning. The only class that reads
 * the process environment.
 */
public final class ConfigLoader {

    /** Claims verticles are deployed by name when the claims module is on the classpath. */
    public static final String DEFAULT_EXTRA_VERTICLES = "org.bikeguard.claims.ClaimsVerticle";

    private ConfigLoader() {
    }

    /** Loads from the process environment (and the file it names). */
    public static TrackerConfig load() {
        return fromMap(withFile(System.getenv()));
    }

    /** Merges the file named by BIKEGUARD_CONFIG under the given environment (environment wins). */
    public static Map<String, String> withFile(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get("BIKEGUARD_CONFIG");
        if (file != null && !file.isBlank()) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException("BIKEGUARD_CONFIG names a file that cannot be read: " + file + " (" + e.getMessage() + ")");
            }
            props.forEach((k, v) -> merged.put(k.toString().trim(), v.toString().trim()));
        }
        merged.putAll(env);
        return merged;
    }

    /** Builds and validates a config from key/value pairs (tests use this directly). */
    public static TrackerConfig fromMap(Map<String, String> m) {
        Path home = Path.of(m.getOrDefault("HOME", System.getProperty("user.home")));
        Optional<TrackerConfig.ExternalDb> db = Optional.ofNullable(blankToNull(m.get("BIKEGUARD_DB_URL")))
                .map(url -> new TrackerConfig.ExternalDb(url, m.get("BIKEGUARD_DB_USER"), m.get("BIKEGUARD_DB_PASSWORD")));
        return new TrackerConfig(
                intValue(m, "BIKEGUARD_HTTP_PORT", 8080),
                intValue(m, "BIKEGUARD_MQTT_PORT", 1883),
                m.getOrDefault("BIKEGUARD_BIND_HOST", "0.0.0.0"),
                Path.of(m.getOrDefault("BIKEGUARD_DATA_DIR", home.resolve(".bikeguard").toString())),
                db,
                list(m.get("BIKEGUARD_HZ_MEMBERS")),
                intValue(m, "BIKEGUARD_HZ_PORT", 5701),
                Optional.ofNullable(blankToNull(m.get("BIKEGUARD_ADMIN_PASSWORD"))),
                Duration.ofSeconds(intValue(m, "BIKEGUARD_SIGHTING_GAP_S", 30)),
                !"off".equalsIgnoreCase(m.getOrDefault("BIKEGUARD_SIM", "on")),
                intValue(m, "BIKEGUARD_THEFT_WAITING_DAYS", 30),
                Duration.ofHours(intValue(m, "BIKEGUARD_FRAME_LOG_RETENTION_H", 168)),
                Duration.ofSeconds(intValue(m, "BIKEGUARD_CHECKPOINT_S", 10)),
                intValue(m, "BIKEGUARD_BUCKETS", 271),
                intValue(m, "BIKEGUARD_INGEST_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors())),
                m.getOrDefault("BIKEGUARD_TIMESCALE", "auto").toLowerCase(),
                list(m.getOrDefault("BIKEGUARD_EXTRA_VERTICLES", DEFAULT_EXTRA_VERTICLES)),
                Duration.ofSeconds(intValue(m, "BIKEGUARD_MQTT_MAX_KEEPALIVE_S", 300)));
    }

    private static int intValue(Map<String, String> m, String key, int def) {
        String v = blankToNull(m.get(key));
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static List<String> list(String v) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
