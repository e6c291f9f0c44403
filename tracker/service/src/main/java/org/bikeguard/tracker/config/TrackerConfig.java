package org.bikeguard.tracker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.tracker.notify.NoticeSettings;
import org.bikeguard.tracker.tls.TlsSettings;

/**
 * The tracker's whole configuration, built once at start by {@link ConfigLoader} from an optional
 * file and the environment (environment wins). Immutable and thread-safe.
 *
 * @param httpPort            HTTP listening port
 * @param mqttPort            MQTT listening port
 * @param bindHost            address both servers bind to
 * @param dataDir             embedded PostgreSQL data and other local state
 * @param db                  an external database; empty means "start an embedded PostgreSQL"
 * @param hzMembers           Hazelcast members ({@code host:port}) to join; empty means a lone member
 * @param hzPort              first port the embedded Hazelcast member tries
 * @param adminPassword       password of the bootstrap {@code admin}; empty means generate and print once
 * @param sightingGap         time without a read that closes a sighting (event time)
 * @param simEnabled          whether {@code ops/run} starts the demo city
 * @param theftWaitingDays    waiting period seeded into the anti-theft product at first start
 * @param frameLogRetention   how long raw frames are kept; expired whole time partitions are dropped
 * @param zoneStayRetention   how long closed zone stays are kept after their newest read and their last
 *                            write ({@code BIKEGUARD_ZONE_STAY_RETENTION_D}, whole days); zone events are kept
 * @param checkpointInterval  how often open state is checkpointed and closed sightings persisted
 * @param bucketCount         number of hot-state buckets (fixed for the cluster's life)
 * @param ingestInstances     MQTT ingest verticle instances
 * @param timescale           {@code auto} (use TimescaleDB when the server has it) or {@code off}
 * @param extraVerticles      verticle class names deployed by name when present on the classpath
 * @param mqttMaxKeepAlive    the longest an MQTT connection may stay silent: a client keepalive of 0 or
 *                            above this is bounded by it (announced as Server Keep Alive over MQTT 5)
 * @param hzInterface         where the Hazelcast member binds: an IPv4 address, a Hazelcast pattern
 *                            ({@code 10.0.*.*}, {@code 10.0.1.10-20}) or a network interface name
 *                            ({@code eth0}); empty means the addresses of {@code hzMembers} (the
 *                            member list is the allowlist), or loopback for a lone member
 * @param hzK8sServiceDns     the DNS name of a Kubernetes headless service whose addresses are the
 *                            members (Hazelcast's Kubernetes discovery in DNS mode); empty means
 *                            no Kubernetes discovery. Excludes {@code hzMembers} and needs
 *                            {@code hzInterface} (the pod's IP)
 * @param ingestBufferBytes   the ingest buffer's high-water mark in bytes: frames accepted and not yet
 *                            applied above it pause the stations' connections (see {@code IngestBudget})
 * @param keysFile            the key file ({@code BIKEGUARD_KEYS_FILE}): signing and encryption keys
 *                            and the embedded PostgreSQL's password, created (mode 600) when absent;
 *                            never inside {@code dataDir}
 * @param keysJson            the key file's content given in the environment ({@code BIKEGUARD_KEYS},
 *                            JSON or base64 of it) instead of a file; when present it wins and no file
 *                            is read or written. A secret: never logged
 * @param trustedProxies      IP addresses of HTTP proxies (load balancers) whose {@code X-Forwarded-For}
 *                            names the client for per-address rate limits; empty means the TCP peer
 *                            is the client
 * @param httpExposure        who may read {@code /metrics} and the HTTP idle timeout
 * @param tls                 HTTPS, MQTT over TLS and station certificates ({@link TlsSettings})
 * @param ownerGateways       the owner portal's SMS and payment gateways ({@link OwnerGateways})
 * @param notices             how owner notices are delivered ({@link NoticeSettings})
 * @param violations          traffic-violation detection at intersections ({@link ViolationSettings})
 */
public record TrackerConfig(
        int httpPort,
        int mqttPort,
        String bindHost,
        Path dataDir,
        Optional<ExternalDb> db,
        List<String> hzMembers,
        int hzPort,
        Optional<String> adminPassword,
        Duration sightingGap,
        boolean simEnabled,
        int theftWaitingDays,
        Duration frameLogRetention,
        Duration zoneStayRetention,
        Duration checkpointInterval,
        int bucketCount,
        int ingestInstances,
        String timescale,
        List<String> extraVerticles,
        Duration mqttMaxKeepAlive,
        Optional<String> hzInterface,
        Optional<String> hzK8sServiceDns,
        long ingestBufferBytes,
        Path keysFile,
        Optional<String> keysJson,
        List<String> trustedProxies,
        HttpExposure httpExposure,
        TlsSettings tls,
        OwnerGateways ownerGateways,
        NoticeSettings notices,
        ViolationSettings violations) {

    /**
     * Violation detection at intersections.
     *
     * @param enabled whether the live stream is checked ({@code BIKEGUARD_VIOLATIONS}, on/off; off: no violations,
     *                intersections and phases are still kept)
     * @param gapMs   the longest gap between two reads of one passage through an intersection (event time), and the
     *                idle time after which a passage is over ({@code BIKEGUARD_VIOLATION_GAP_MS}), ms
     */
    public record ViolationSettings(boolean enabled, long gapMs) {
        public ViolationSettings {
            if (gapMs < 100 || gapMs > 60_000) {
                throw new ConfigException("BIKEGUARD_VIOLATION_GAP_MS must be 100..60000, got " + gapMs);
            }
        }

        /**
         * The defaults: on, 10,000 ms — tags beacon every 2 s and nothing reads a rider inside the box
         * for 3–5 s, so a shorter gap splits passages.
         */
        public static ViolationSettings defaults() {
            return new ViolationSettings(true, 10_000);
        }
    }

    /**
     * What {@code BIKEGUARD_HZ_INTERFACE} accepts besides an interface name: an IPv4 address
     * whose parts may be {@code *} or a range {@code a-b}, as Hazelcast's interface patterns.
     */
    private static final Pattern HZ_ADDRESS_PATTERN =
            Pattern.compile("(\\*|\\d{1,3}(-\\d{1,3})?)(\\.(\\*|\\d{1,3}(-\\d{1,3})?)){3}");
    /** An IPv4 or IPv6 address literal (what {@code BIKEGUARD_TRUSTED_PROXIES} lists). */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** A network interface name ({@code eth0}, {@code ens5}, {@code lo}). */
    private static final Pattern NIC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:@-]{0,31}");

    /** Default ingest buffer: 1/8 of the maximum heap, within 16 MiB..1 GiB, in bytes. */
    public static long defaultIngestBufferBytes(long maxHeapBytes) {
        return Math.max(16L << 20, Math.min(1L << 30, maxHeapBytes / 8));
    }

    /** Connection settings of an external PostgreSQL/TimescaleDB. */
    public record ExternalDb(String url, String user, String password) {
        public ExternalDb {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException("BIKEGUARD_DB_URL must be a jdbc:postgresql: URL, got " + url);
            }
            user = user == null ? "" : user;
            password = password == null ? "" : password;
        }

        @Override
        public String toString() {
            return "ExternalDb[url=" + url + ", user=" + user + ", password=***]";
        }
    }

    public TrackerConfig {
        requirePort("BIKEGUARD_HTTP_PORT", httpPort);
        requirePort("BIKEGUARD_MQTT_PORT", mqttPort);
        requirePort("BIKEGUARD_HZ_PORT", hzPort);
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(db, "db");
        hzMembers = List.copyOf(hzMembers);
        Objects.requireNonNull(adminPassword, "adminPassword");
        requirePositive("BIKEGUARD_SIGHTING_GAP_S", sightingGap);
        requirePositive("BIKEGUARD_FRAME_LOG_RETENTION_H", frameLogRetention);
        requirePositive("BIKEGUARD_ZONE_STAY_RETENTION_D", zoneStayRetention);
        requirePositive("BIKEGUARD_CHECKPOINT_S", checkpointInterval);
        if (theftWaitingDays < 0) {
            throw new ConfigException("BIKEGUARD_THEFT_WAITING_DAYS must be >= 0, got " + theftWaitingDays);
        }
        if (bucketCount < 1 || bucketCount > 65_536) {
            throw new ConfigException("BIKEGUARD_BUCKETS must be within 1..65536, got " + bucketCount);
        }
        if (ingestInstances < 1 || ingestInstances > 64) {
            throw new ConfigException("BIKEGUARD_INGEST_INSTANCES must be within 1..64, got " + ingestInstances);
        }
        if (!timescale.equals("auto") && !timescale.equals("off")) {
            throw new ConfigException("BIKEGUARD_TIMESCALE must be 'auto' or 'off', got " + timescale);
        }
        extraVerticles = List.copyOf(extraVerticles);
        if (mqttMaxKeepAlive.toSeconds() < 1 || mqttMaxKeepAlive.toSeconds() > 65_535) {
            throw new ConfigException(
                    "BIKEGUARD_MQTT_MAX_KEEPALIVE_S must be within 1..65535, got " + mqttMaxKeepAlive.toSeconds());
        }
        if (ingestBufferBytes < (1L << 20) || ingestBufferBytes > (1L << 40)) {
            throw new ConfigException(
                    "BIKEGUARD_INGEST_BUFFER_MB must be within 1..1048576, got " + (ingestBufferBytes >> 20));
        }
        trustedProxies = List.copyOf(trustedProxies);
        for (String p : trustedProxies) {
            if (!IP_LITERAL.matcher(p).matches()) {
                throw new ConfigException("BIKEGUARD_TRUSTED_PROXIES must list IP addresses, got " + p);
            }
        }
        Objects.requireNonNull(httpExposure, "httpExposure");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(ownerGateways, "ownerGateways");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(hzInterface, "hzInterface");
        Objects.requireNonNull(hzK8sServiceDns, "hzK8sServiceDns");
        hzInterface.ifPresent(TrackerConfig::requireInterface);
        if (hzK8sServiceDns.isPresent() && !hzMembers.isEmpty()) {
            throw new ConfigException("set BIKEGUARD_HZ_MEMBERS or BIKEGUARD_HZ_K8S_SERVICE_DNS, not both");
        }
        if (hzK8sServiceDns.isPresent() && hzInterface.isEmpty()) {
            throw new ConfigException("BIKEGUARD_HZ_K8S_SERVICE_DNS needs BIKEGUARD_HZ_INTERFACE "
                    + "(the pod's IP, e.g. from the downward API's status.podIP)");
        }
        Objects.requireNonNull(keysFile, "keysFile");
        Objects.requireNonNull(keysJson, "keysJson");
        if (keysFile.toAbsolutePath()
                .normalize()
                .startsWith(dataDir.toAbsolutePath().normalize())) {
            throw new ConfigException("BIKEGUARD_KEYS_FILE must lie outside BIKEGUARD_DATA_DIR (" + dataDir
                    + "), so that a copy of the data directory does not carry the keys; got " + keysFile);
        }
    }

    /** Whether this member joins others (a member list or Kubernetes discovery), rather than running alone. */
    public boolean clustered() {
        return !hzMembers.isEmpty() || hzK8sServiceDns.isPresent();
    }

    /**
     * Whether {@code value} is an IPv4 address or Hazelcast interface pattern (parts may be
     * {@code *} or a range {@code a-b}), rather than a host or interface name.
     */
    public static boolean isHzAddressPattern(String value) {
        return HZ_ADDRESS_PATTERN.matcher(value).matches();
    }

    private static void requireInterface(String value) {
        if (!HZ_ADDRESS_PATTERN.matcher(value).matches()
                && !NIC_NAME.matcher(value).matches()) {
            throw new ConfigException("BIKEGUARD_HZ_INTERFACE must be an IPv4 address, a pattern such as 10.0.*.* or "
                    + "10.0.1.10-20, or a network interface name such as eth0; got " + value);
        }
    }

    /** A one-line summary without secrets, for the start-up log. */
    public String summary() {
        return "http" + (tls.enabled() ? "s=" : "=") + bindHost + ":" + httpPort + ", mqtt="
                + tls.plainMqttHost(bindHost) + ":" + mqttPort
                + ", dataDir=" + dataDir
                + ", db=" + db.map(d -> d.url()).orElse("embedded")
                + ", hzMembers=" + (hzMembers.isEmpty() ? "lone" : hzMembers)
                + ", hzPort=" + hzPort
                + ", hzInterface=" + hzInterface.orElse(hzMembers.isEmpty() ? "loopback" : "member list")
                + ", hzK8sServiceDns=" + hzK8sServiceDns.orElse("off")
                + ", adminPassword=" + (adminPassword.isPresent() ? "set" : "generated")
                + ", sightingGap=" + sightingGap.toSeconds() + "s"
                + ", sim=" + (simEnabled ? "on" : "off")
                + ", theftWaitingDays=" + theftWaitingDays
                + ", frameLogRetention=" + frameLogRetention.toHours() + "h"
                + ", zoneStayRetention=" + zoneStayRetention.toDays() + "d"
                + ", checkpoint=" + checkpointInterval.toSeconds() + "s"
                + ", buckets=" + bucketCount
                + ", ingestInstances=" + ingestInstances
                + ", timescale=" + timescale
                + ", extraVerticles=" + extraVerticles
                + ", mqttMaxKeepAlive=" + mqttMaxKeepAlive.toSeconds() + "s"
                + ", ingestBuffer=" + (ingestBufferBytes >> 20) + "MB"
                + ", keys=" + (keysJson.isPresent() ? "BIKEGUARD_KEYS" : keysFile.toString())
                + ", trustedProxies=" + (trustedProxies.isEmpty() ? "none" : trustedProxies)
                + ", " + httpExposure.summary()
                + ", " + tls.summary()
                + ", " + ownerGateways.summary()
                + ", " + notices.summary();
    }

    @Override
    public String toString() {
        return "TrackerConfig[" + summary() + "]";
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new ConfigException(name + " must be within 0..65535, got " + port);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(name + " must be positive, got " + d);
        }
    }
}
