package org.bikeguard.sim.load;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.bikeguard.protocol.Limits;
import org.bikeguard.protocol.StationIds;
import org.bikeguard.sim.UsageException;

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
 */
public record LoadOptions(String host, int port, int stations, int tags, double rate,
                          int entries, boolean aggregated, int qos, boolean json,
                          Duration warmup, Duration duration, String stationPrefix,
                          String secretSeed, int inflight, String api, boolean provision,
                          boolean provisionOnly, double connectRate, int eventLoops) {

    /** Usage text of the {@code load} subcommand. */
    public static final String USAGE = String.join("\n",
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
            "  --help                  this text");

    /** Defaults for every flag. */
    public static LoadOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new LoadOptions("localhost", 1883, 5000, 300_000, 0, 100, false, 1, false,
                Duration.ofSeconds(10), Duration.ofSeconds(60), "BENCH-", "bikeguard-bench", 2,
                null, false, false, 500, Math.max(2, Math.min(4, cores)));
    }

    /**
     * Parses the flags of the {@code load} subcommand (without the subcommand itself).
     *
     * @return the options, or {@code null} if {@code --help} was given
     * @throws UsageException for an unknown flag, a missing or malformed value, or an
     *     inconsistent combination
     */
    public static LoadOptions parse(String... args) throws UsageException {
        Builder b = new Builder(defaults());
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!Builder.KNOWN.contains(name)) {
                throw new UsageException("unknown flag " + name);
            }
            if (b.isSwitch(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                b.apply(name, null);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            b.apply(name, value);
        }
        return b.build();
    }

    /** Id of station {@code index} (0-based): prefix plus a 1-based, zero-padded number. */
    public String stationId(int index) {
        int width = Math.max(4, Integer.toString(stations).length());
        String n = Integer.toString(index + 1);
        return stationPrefix + "0".repeat(Math.max(0, width - n.length())) + n;
    }

    /** Command-line-like rendering, for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT,
                "--mqtt %s:%d --stations %d --tags %d --rate %s --entries %d %s --qos %d"
                        + " --format %s --warmup %s --duration %s --inflight %d"
                        + " --connect-rate %s --event-loops %d",
                host, port, stations, tags, num(rate), entries,
                aggregated ? "--aggregated" : "--raw", qos, json ? "json" : "binary", warmup,
                duration, inflight, num(connectRate), eventLoops);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Mutable accumulator for {@link #parse}; not thread-safe. */
    private static final class Builder {
        static final Set<String> KNOWN = Set.of("--mqtt", "--stations",
                "--tags", "--rate", "--entries", "--aggregated", "--raw", "--qos", "--format",
                "--warmup", "--duration", "--station-prefix", "--secret-seed", "--inflight",
                "--api", "--provision", "--provision-only", "--connect-rate", "--event-loops");
        private String host;
        private int port;
        private int stations;
        private int tags;
        private double rate;
        private int entries;
        private boolean aggregated;
        private int qos;
        private boolean json;
        private Duration warmup;
        private Duration duration;
        private String prefix;
        private String seed;
        private int inflight;
        private String api;
        private boolean provision;
        private boolean provisionOnly;
        private double connectRate;
        private int eventLoops;

        Builder(LoadOptions d) {
            host = d.host;
            port = d.port;
            stations = d.stations;
            tags = d.tags;
            rate = d.rate;
            entries = d.entries;
            aggregated = d.aggregated;
            qos = d.qos;
            json = d.json;
            warmup = d.warmup;
            duration = d.duration;
            prefix = d.stationPrefix;
            seed = d.secretSeed;
            inflight = d.inflight;
            api = d.api;
            provision = d.provision;
            provisionOnly = d.provisionOnly;
            connectRate = d.connectRate;
            eventLoops = d.eventLoops;
        }

        boolean isSwitch(String name) {
            return switch (name) {
                case "--aggregated", "--raw", "--provision", "--provision-only" -> true;
                default -> false;
            };
        }

        void apply(String name, String v) throws UsageException {
            switch (name) {
                case "--mqtt" -> hostPort(v);
                case "--stations" -> stations = intIn(name, v, 1, 1_000_000);
                case "--tags" -> tags = intIn(name, v, 1, Integer.MAX_VALUE);
                case "--rate" -> rate = doubleMin(name, v, 0);
                case "--entries" -> entries = intIn(name, v, 1, Limits.MAX_ENTRIES);
                case "--aggregated" -> aggregated = true;
                case "--raw" -> aggregated = false;
                case "--qos" -> qos = intIn(name, v, 0, 1);
                case "--format" -> json = format(v);
                case "--warmup" -> warmup = duration(name, v);
                case "--duration" -> duration = duration(name, v);
                case "--station-prefix" -> prefix = v;
                case "--secret-seed" -> seed = v;
                case "--inflight" -> inflight = intIn(name, v, 1, 10_000);
                case "--api" -> api = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                case "--provision" -> provision = true;
                case "--provision-only" -> provisionOnly = true;
                case "--connect-rate" -> connectRate = doubleMin(name, v, 0.001);
                case "--event-loops" -> eventLoops = intIn(name, v, 1, 64);
                default -> throw new UsageException("unknown flag " + name);
            }
        }

        LoadOptions build() throws UsageException {
            if ((provision || provisionOnly) && api == null) {
                throw new UsageException("--provision needs --api URL");
            }
            if (duration.isZero() && !provisionOnly) {
                throw new UsageException("--duration must be positive");
            }
            LoadOptions o = new LoadOptions(host, port, stations, tags, rate, entries, aggregated,
                    qos, json, warmup, duration, prefix, seed, inflight, api,
                    provision || provisionOnly, provisionOnly, connectRate, eventLoops);
            String last = o.stationId(stations - 1);
            if (!StationIds.isValid(last)) {
                throw new UsageException("--station-prefix '" + prefix + "' gives invalid station"
                        + " ids such as '" + last + "' (1-32 chars of A-Z a-z 0-9 . _ -)");
            }
            return o;
        }

        private void hostPort(String v) throws UsageException {
            int colon = v.lastIndexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw new UsageException("--mqtt expects host:port, got '" + v + "'");
            }
            host = v.substring(0, colon);
            port = intIn("--mqtt port", v.substring(colon + 1), 1, 65_535);
        }

        private static boolean format(String v) throws UsageException {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "binary" -> false;
                case "json" -> true;
                default -> throw new UsageException("--format expects binary or json, got '"
                        + v + "'");
            };
        }

        private static int intIn(String name, String v, int min, int max)
                throws UsageException {
            try {
                int n = Integer.parseInt(v.replace("_", ""));
                if (n < min || n > max) {
                    throw new UsageException(name + " must be in " + min + ".." + max
                            + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " expects an integer, got '" + v + "'");
            }
        }

        private static double doubleMin(String name, String v, double min)
                throws UsageException {
            try {
                double d = Double.parseDouble(v.replace("_", ""));
                if (!(d >= min) || Double.isInfinite(d)) {
                    throw new UsageException(name + " must be a number >= " + num(min)
                            + ", got '" + v + "'");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " expects a number, got '" + v + "'");
            }
        }

        /** ISO-8601 ({@code PT10S}) or a number with an optional unit: 500ms, 10s, 2m. */
        static Duration duration(String name, String v) throws UsageException {
            String s = v.trim().toLowerCase(Locale.ROOT);
            try {
                Duration d;
                if (s.startsWith("pt") || s.startsWith("p")) {
                    d = Duration.parse(s.toUpperCase(Locale.ROOT));
                } else if (s.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
                } else if (s.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(
                            Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
                } else if (s.endsWith("m")) {
                    d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
                } else {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
                }
                if (d.isNegative()) {
                    throw new UsageException(name + " must not be negative, got '" + v + "'");
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new UsageException(name + " expects a duration such as PT10S or 10s, got '"
                        + v + "'");
            }
        }
    }
}
