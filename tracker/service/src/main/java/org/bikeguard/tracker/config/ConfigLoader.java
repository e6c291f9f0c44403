package org.bikeguard.tracker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bikeguard.common.config.Settings;
import org.bikeguard.tracker.notify.NoticeSettings;
import org.bikeguard.tracker.tls.TlsSettings;

/**
 * Builds the {@link TrackerConfig} from the shared {@link Settings} loader: a properties file
 * named by {@code BIKEGUARD_CONFIG} (same keys as the environment) under the environment,
 * environment winning.
 */
public final class ConfigLoader {

    /** Claims verticles are deployed by name when the claims module is on the classpath. */
    public static final String DEFAULT_EXTRA_VERTICLES = "org.bikeguard.claims.ClaimsVerticle";

    /** The key file's name in the home directory when {@code BIKEGUARD_KEYS_FILE} is unset. */
    public static final String DEFAULT_KEYS_FILE = ".bikeguard-keys";

    private ConfigLoader() {}

    /** Loads from the process environment (and the file it names). */
    public static TrackerConfig load() {
        return fromSettings(Settings.fromEnvironment());
    }

    /** Builds and validates a config from key/value pairs taken as they are (tests use this directly). */
    public static TrackerConfig fromMap(Map<String, String> m) {
        return fromSettings(Settings.of(m));
    }

    /**
     * Builds and validates a config from settings.
     *
     * @throws org.bikeguard.common.config.ConfigException naming the key of a missing or invalid value
     */
    public static TrackerConfig fromSettings(Settings s) {
        Path home = Path.of(s.string("HOME", System.getProperty("user.home")));
        Optional<TrackerConfig.ExternalDb> db = s.string("BIKEGUARD_DB_URL")
                .map(url -> new TrackerConfig.ExternalDb(
                        url, s.string("BIKEGUARD_DB_USER", null), s.string("BIKEGUARD_DB_PASSWORD", null)));
        int bufferMb = (int)
                (TrackerConfig.defaultIngestBufferBytes(Runtime.getRuntime().maxMemory()) >> 20);
        return new TrackerConfig(
                s.integer("BIKEGUARD_HTTP_PORT", 8080),
                s.integer("BIKEGUARD_MQTT_PORT", 1883),
                s.string("BIKEGUARD_BIND_HOST", "0.0.0.0"),
                Path.of(s.string(
                        "BIKEGUARD_DATA_DIR", home.resolve(".bikeguard").toString())),
                db,
                s.list("BIKEGUARD_HZ_MEMBERS", null),
                s.integer("BIKEGUARD_HZ_PORT", 5701),
                s.string("BIKEGUARD_ADMIN_PASSWORD"),
                Duration.ofSeconds(s.integer("BIKEGUARD_SIGHTING_GAP_S", 30)),
                !"off".equalsIgnoreCase(s.string("BIKEGUARD_SIM", "on")),
                s.integer("BIKEGUARD_THEFT_WAITING_DAYS", 30),
                Duration.ofHours(s.integer("BIKEGUARD_FRAME_LOG_RETENTION_H", 168)),
                Duration.ofDays(s.integer("BIKEGUARD_ZONE_STAY_RETENTION_D", 30)),
                Duration.ofSeconds(s.integer("BIKEGUARD_CHECKPOINT_S", 10)),
                s.integer("BIKEGUARD_BUCKETS", 271),
                s.integer(
                        "BIKEGUARD_INGEST_INSTANCES",
                        Math.max(1, Runtime.getRuntime().availableProcessors())),
                s.string("BIKEGUARD_TIMESCALE", "auto").toLowerCase(java.util.Locale.ROOT),
                s.list("BIKEGUARD_EXTRA_VERTICLES", DEFAULT_EXTRA_VERTICLES),
                Duration.ofSeconds(s.integer("BIKEGUARD_MQTT_MAX_KEEPALIVE_S", 300)),
                s.string("BIKEGUARD_HZ_INTERFACE").map(String::trim),
                s.string("BIKEGUARD_HZ_K8S_SERVICE_DNS").map(String::trim),
                s.integer("BIKEGUARD_INGEST_BUFFER_MB", bufferMb) * (1L << 20),
                Path.of(s.string(
                        "BIKEGUARD_KEYS_FILE", home.resolve(DEFAULT_KEYS_FILE).toString())),
                s.string("BIKEGUARD_KEYS"),
                s.list("BIKEGUARD_TRUSTED_PROXIES", null),
                new HttpExposure(
                        s.string("BIKEGUARD_METRICS_TOKEN").map(String::trim),
                        s.string("BIKEGUARD_METRICS_BIND").map(String::trim).map(HttpExposure.HostPort::parse),
                        Duration.ofSeconds(s.integer("BIKEGUARD_HTTP_IDLE_TIMEOUT_S", 60)),
                        Duration.ofSeconds(
                                s.integer("BIKEGUARD_TOKEN_LIFETIME_S", (int) HttpExposure.TOKEN_LIFETIME.toSeconds())),
                        s.string("BIKEGUARD_PUBLIC_URL").map(String::trim).filter(u -> !u.isEmpty())),
                TlsSettings.from(s),
                new OwnerGateways(
                        s.string("BIKEGUARD_SMS_GATEWAY", OwnerGateways.DEFAULT.sms()),
                        s.string("BIKEGUARD_PAYMENT_GATEWAY", OwnerGateways.DEFAULT.payment())),
                NoticeSettings.from(s),
                new TrackerConfig.ViolationSettings(
                        !"off".equalsIgnoreCase(s.string("BIKEGUARD_VIOLATIONS", "on")),
                        s.integer("BIKEGUARD_VIOLATION_GAP_MS", 10_000)));
    }
}
