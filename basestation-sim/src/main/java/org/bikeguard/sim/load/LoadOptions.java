package org.bikeguard.sim.load;

import java.time.Duration;
import java.util.Locale;
import org.bikeguard.common.cli.FlagParser;
import org.bikeguard.common.cli.FlagValues;
import org.bikeguard.common.cli.HostPort;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.protocol.Limits;
import org.bikeguard.protocol.StationIds;

/**
 * Settings of one load run, parsed from the command line by {@link #parse(String...)}.
 *
 * <p>Units: {@code rate} in read entries per second over all stations (0 = as fast as
 * acknowledgements allow); {@code connectRate} in new connections per second; durations as
 * {@link Duration}. Immutable; thread-safe.
 *
 * @param host MQTT broker host
 * @param port MQTT broker port
 * @param stations number of simulated stations, one MQTT connection each
 * @param tags number of distinct tags over all stations
 * @param rate target entries per second (0 = unlimited)
 * @param entries read entries per frame
 * @param aggregated reader-aggregated entries (one per tag per interval) instead of raw reads
 * @param qos MQTT QoS of the publishes, 0 or 1
 * @param json JSON frames instead of binary
 * @param warmup time after all connections are up before measuring
 * @param duration measured window
 * @param stationPrefix prefix of station ids (ids are prefix + zero-padded number)
 * @param secretSeed seed of the deterministic station secrets
 * @param inflight frames in flight per connection
 * @param api tracker base URL for provisioning, or {@code null}
 * @param provision whether to import the stations through the API before connecting
 * @param provisionOnly provision and exit without generating load
 * @param connectRate connections opened per second
 * @param eventLoops Vert.x event loops used by the generator
 * @param tls MQTT over TLS (the server's certificate checked against {@code ca}, or the JVM's trust store)
 * @param ca PEM CA certificates trusted for MQTT over TLS and an {@code https} {@code --api}, or {@code null}
 * @param antennas antennas per station: each entry carries a random antenna 0..antennas-1 (binary version 2); 0: none
 */
public record LoadOptions(
        String host,
        int port,
        int stations,
        int tags,
        double rate,
        int entries,
        boolean aggregated,
        int qos,
        boolean json,
        Duration warmup,
        Duration duration,
        String stationPrefix,
        String secretSeed,
        int inflight,
        String api,
        boolean provision,
        boolean provisionOnly,
        double connectRate,
        int eventLoops,
        boolean tls,
        String ca,
        int antennas) {

    /** Usage text of the {@code load} subcommand. */
    public static final String USAGE = String.join(
            "\n",
            "usage: sim load [flags]",
            "  --mqtt host:port        MQTT broker (default localhost:1883)",
            "  --stations N            stations, one connection each (default 5000)",
            "  --tags N                distinct tags over all stations (default 300000)",
            "  --rate R                target read entries/s, 0 = as fast as acks allow (default 0)",
            "  --entries N             entries per frame, 1..1000 (default 100)",
            "  --aggregated | --raw    reader-aggregated entries (count, peak RSSI) or raw reads (default raw)",
            "  --qos 0|1               publish QoS (default 1)",
            "  --format binary|json    frame encoding (default binary)",
            "  --warmup D              warm-up after connecting, ISO-8601 or e.g. 10s (default PT10S)",
            "  --duration D            measured window (default PT60S)",
            "  --station-prefix P      station id prefix (default BENCH-)",
            "  --secret-seed S         seed of the station secrets (default bikeguard-bench)",
            "  --inflight K            frames in flight per connection (default 2)",
            "  --api URL               tracker HTTP base URL (for --provision)",
            "  --provision             import the stations via the admin API first",
            "                          (password from env BIKEGUARD_ADMIN_PASSWORD)",
            "  --provision-only        provision, then exit",
            "  --connect-rate C        new connections per second (default 500)",
            "  --event-loops N         generator event loops (default 2..4 by cores)",
            "  --tls                   MQTT over TLS (host name checked against the certificate)",
            "  --ca FILE               PEM CA certificates to trust for --tls and an https --api",
            "                          (default: the JVM's trust store)",
            "  --antennas N            each entry carries a random antenna 0..N-1, 1..16 (default: none)",
            "  --help                  this text");

    private static final FlagParser FLAGS = FlagParser.builder("sim load")
            .options(
                    "--mqtt",
                    "--stations",
                    "--tags",
                    "--rate",
                    "--entries",
                    "--qos",
                    "--format",
                    "--warmup",
                    "--duration",
                    "--station-prefix",
                    "--secret-seed",
                    "--inflight",
                    "--api",
                    "--connect-rate",
                    "--event-loops",
                    "--ca",
                    "--antennas")
            .switches("--aggregated", "--raw", "--provision", "--provision-only", "--tls")
            .help("--help", "-h")
            .usage(USAGE)
            .build();

    /** Defaults for every flag. */
    public static LoadOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new LoadOptions(
                "localhost",
                1883,
                5000,
                300_000,
                0,
                100,
                false,
                1,
                false,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                "BENCH-",
                "bikeguard-bench",
                2,
                null,
                false,
                false,
                500,
                Math.max(2, Math.min(4, cores)),
                false,
                null,
                0);
    }

    /**
     * Parses the flags of the {@code load} subcommand (without the subcommand itself).
     *
     * @return the options, or {@code null} if {@code --help} was given
     * @throws UsageException for an unknown flag, a missing or malformed value, or an
     *     inconsistent combination
     */
    public static LoadOptions parse(String... args) throws UsageException {
        ParsedFlags f = FLAGS.parse(args);
        if (f.helpRequested()) {
            return null;
        }
        LoadOptions d = defaults();
        HostPort mqtt =
                f.has("--mqtt") ? FlagValues.hostPort("--mqtt", f.value("--mqtt")) : new HostPort(d.host, d.port);
        int stations = f.intValue("--stations", d.stations, 1, 1_000_000);
        int tags = f.intValue("--tags", d.tags, 1, Integer.MAX_VALUE);
        double rate = f.number("--rate", d.rate, 0);
        int entries = f.intValue("--entries", d.entries, 1, Limits.MAX_ENTRIES);
        String mode = f.lastOf("--aggregated", "--raw");
        boolean aggregated = mode == null ? d.aggregated : mode.equals("--aggregated");
        int qos = f.intValue("--qos", d.qos, 0, 1);
        boolean json = f.has("--format")
                ? FlagValues.oneOf("--format", f.value("--format"), "binary", "json")
                        .equals("json")
                : d.json;
        Duration warmup = f.duration("--warmup", d.warmup);
        Duration duration = f.duration("--duration", d.duration);
        String prefix = f.value("--station-prefix", d.stationPrefix);
        int inflight = f.intValue("--inflight", d.inflight, 1, 10_000);
        String api = f.value("--api");
        if (api != null && api.endsWith("/")) {
            api = api.substring(0, api.length() - 1);
        }
        boolean provisionOnly = f.has("--provision-only");
        boolean provision = f.has("--provision") || provisionOnly;
        double connectRate = f.number("--connect-rate", d.connectRate, 0.001);
        int eventLoops = f.intValue("--event-loops", d.eventLoops, 1, 64);
        if (provision && api == null) {
            throw new UsageException("--provision needs --api URL");
        }
        if (duration.isZero() && !provisionOnly) {
            throw new UsageException("--duration must be positive");
        }
        LoadOptions o = new LoadOptions(
                mqtt.host(),
                mqtt.port(),
                stations,
                tags,
                rate,
                entries,
                aggregated,
                qos,
                json,
                warmup,
                duration,
                prefix,
                f.value("--secret-seed", d.secretSeed),
                inflight,
                api,
                provision,
                provisionOnly,
                connectRate,
                eventLoops,
                f.has("--tls"),
                f.value("--ca"),
                f.intValue("--antennas", d.antennas, 0, Limits.MAX_ANTENNA + 1));
        String last = o.stationId(o.stations - 1);
        if (!StationIds.isValid(last)) {
            throw new UsageException("--station-prefix '" + prefix + "' gives invalid station" + " ids such as '" + last
                    + "' (1-32 chars of A-Z a-z 0-9 . _ -)");
        }
        return o;
    }

    /** Id of station {@code index} (0-based): prefix plus a 1-based, zero-padded number. */
    public String stationId(int index) {
        int width = Math.max(4, Integer.toString(stations).length());
        String n = Integer.toString(index + 1);
        return stationPrefix + "0".repeat(Math.max(0, width - n.length())) + n;
    }

    /** Command-line-like rendering, for logs and reports. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "--mqtt %s:%d --stations %d --tags %d --rate %s --entries %d %s --qos %d"
                        + " --format %s --warmup %s --duration %s --inflight %d"
                        + " --connect-rate %s --event-loops %d%s%s",
                host,
                port,
                stations,
                tags,
                num(rate),
                entries,
                aggregated ? "--aggregated" : "--raw",
                qos,
                json ? "json" : "binary",
                warmup,
                duration,
                inflight,
                num(connectRate),
                eventLoops,
                tls ? " --tls" + (ca == null ? "" : " --ca " + ca) : "",
                antennas > 0 ? " --antennas " + antennas : "");
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
