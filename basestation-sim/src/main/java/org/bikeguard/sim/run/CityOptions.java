package org.bikeguard.sim.run;

import java.time.Duration;
import org.bikeguard.common.cli.FlagParser;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.sim.city.CitySpec;

/**
 * Settings of a city run, parsed from the command line by {@link #parse(String...)}. Fixed flags
 * that outside tools rely on: {@code --city --seed --duration --speed --mqtt --api --provision
 * --thefts --truth --start}.
 *
 * <p>Units: {@code speed} is simulated seconds per wall second ({@link #MAX_SPEED} = as fast as
 * possible); durations as {@link Duration} ({@code null} duration = endless). {@code start} is
 * the raw flag value, resolved by {@link CityRunner}. Immutable; thread-safe.
 *
 * @param spec city size (a preset, possibly with custom counts)
 * @param seed seed of the city and the run
 * @param start {@code --start} as given (ISO-8601 instant, or HH:MM Asia/Shanghai), or null
 * @param duration simulated duration, null for endless
 * @param speed simulated seconds per wall second, {@link #MAX_SPEED} for as fast as possible
 * @param host MQTT host
 * @param port MQTT port
 * @param dryRun simulate without any network (truth and exports only)
 * @param api tracker base URL, or null
 * @param provision create the stations (and owners and bikes) through the API first
 * @param provisionBikes most bikes (with owners) to register when provisioning
 * @param thefts thefts in the run (per night when endless)
 * @param clones cloned tags
 * @param tampers tampered tags
 * @param outages whether stations lose their backhaul now and then
 * @param aggregated aggregated entries instead of raw reads
 * @param interval aggregation interval
 * @param entries most entries per frame
 * @param json JSON frames instead of binary
 * @param truth ground-truth file, or null
 * @param exportDir directory for the station list, base map and registry, or null
 * @param basemap file for the base map GeoJSON alone, or null
 * @param stationPrefix station id prefix
 * @param secretSeed seed of the station secrets
 * @param gap the tracker's sighting gap (for the scorer's windows)
 * @param progress time between progress lines (wall)
 * @param eventLoops event loops for the MQTT links
 * @param inflight frames in flight per station
 * @param connectRate new connections per second
 * @param flushMs longest wall time an entry waits in a station buffer, ms
 * @param ca PEM CA certificates trusted for an {@code https} {@code --api}, or null for the JVM's trust store
 * @param gangs thief gangs moving several stolen bikes together (per night when endless)
 * @param dens dens where all stolen bikes are taken, 0 for any of the city's
 * @param violations probability of a violation per passage through a signalled intersection, 0..1
 * @param zoneParking bikes parking in no-go zones per simulated day (a shorter run gets its share)
 * @param intersections file for the intersections GeoJSON (the tracker's import format), or null
 * @param signalControllers each intersection gets a controller station publishing its phases over MQTT
 */
public record CityOptions(
        CitySpec spec,
        long seed,
        String start,
        Duration duration,
        double speed,
        String host,
        int port,
        boolean dryRun,
        String api,
        boolean provision,
        int provisionBikes,
        int thefts,
        int clones,
        int tampers,
        boolean outages,
        boolean aggregated,
        Duration interval,
        int entries,
        boolean json,
        String truth,
        String exportDir,
        String basemap,
        String stationPrefix,
        String secretSeed,
        Duration gap,
        Duration progress,
        int eventLoops,
        int inflight,
        double connectRate,
        long flushMs,
        String ca,
        int gangs,
        int dens,
        double violations,
        int zoneParking,
        String intersections,
        boolean signalControllers) {
    /** The {@code --speed max} value. */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    /** Usage text. */
    public static final String USAGE = String.join(
            "\n",
            "usage: sim [city] [flags]        the simulated city (the default subcommand)",
            "  --city small|hengyang    preset (default small): small = 6 km, ~300 stations, 3,000 bikes;",
            "                           hengyang = 16 km, 4,334 stations (520 at 40 intersections), 274,000 bikes",
            "  --stations N --bikes N --size-km X   custom size (scaled from Hengyang)",
            "  --seed N                 seed of the city and the run (default 7)",
            "  --start T                simulated start: ISO-8601 instant or HH:MM (Asia/Shanghai, latest past);",
            "                           default now - duration when --speed > 1, else now",
            "  --duration D|forever     simulated duration, e.g. PT2H, 90m (default PT1H)",
            "  --speed X|max            simulated seconds per wall second (default 1)",
            "  --mqtt host:port         tracker MQTT (default 127.0.0.1:1883)",
            "  --dry-run                no network: ground truth and exports only",
            "  --api URL                tracker HTTP base URL (for --provision)",
            "  --ca FILE                PEM CA certificates to trust for an https --api",
            "  --provision              create stations (and owners and bikes) via the API as admin",
            "                           (password from env BIKEGUARD_ADMIN_PASSWORD)",
            "  --provision-bikes N      most bikes to register (default min(bikes, 5000))",
            "  --thefts N               thefts within the run, per night when endless (default 0)",
            "  --violations RATE        violations per passage through a signalled intersection, 0..1",
            "                           (red light, wrong way, motor lane; default 0)",
            "  --zone-parking N         bikes parking per day in no-go zones (fire lanes, building entrances,",
            "                           corridors; 5-14 or 16-60 min; default 0, at most bikes/10)",
            "  --intersections FILE     write the intersections (readers, antenna zones, signal plans) as GeoJSON",
            "  --signal-controllers     each intersection gets a controller station that publishes its phases",
            "                           on signals/{id}/phase (the same plan; default: the fixed-time plan alone)",
            "  --clones N --tampers N   cloned / tampered tags (default bikes/3000 each)",
            "  --gangs N                thief gangs, each moving 2-5 stolen bikes together to a den (default 0)",
            "  --dens N                 take every stolen bike to N of the city's dens (default 0: any den)",
            "  --no-outages             stations never lose their backhaul",
            "  --aggregated | --raw     reader-aggregated entries (default) or raw reads",
            "  --interval D             aggregation interval (default 5s)",
            "  --entries N              most entries per frame (default 500, json 300)",
            "  --format binary|json     frame encoding (default binary)",
            "  --truth FILE             write the ground truth (JSON Lines)",
            "  --export DIR             write stations.csv/.geojson, basemap.geojson, owners.csv, bikes.csv",
            "  --basemap FILE           write the base map GeoJSON",
            "  --station-prefix P       station id prefix (default HY-)",
            "  --secret-seed S          seed of the station secrets (default bikeguard-city-<seed>)",
            "  --gap D                  the tracker's sighting gap, recorded for the scorer (default 30s)",
            "  --progress D             progress line interval (default 10s)",
            "  --event-loops N --inflight K --connect-rate C --flush-ms M   network tuning",
            "  --help                   this text");

    /** The flags of the city command line (fixed ones that outside tools rely on: see the class Javadoc). */
    private static final FlagParser FLAGS = FlagParser.builder("sim city")
            .switches("--dry-run", "--provision", "--no-outages", "--aggregated", "--raw", "--signal-controllers")
            .options(
                    "--city",
                    "--stations",
                    "--bikes",
                    "--size-km",
                    "--seed",
                    "--start",
                    "--duration",
                    "--speed",
                    "--mqtt",
                    "--api",
                    "--ca",
                    "--provision-bikes",
                    "--thefts",
                    "--violations",
                    "--zone-parking",
                    "--intersections",
                    "--clones",
                    "--tampers",
                    "--gangs",
                    "--dens",
                    "--interval",
                    "--entries",
                    "--format",
                    "--truth",
                    "--export",
                    "--basemap",
                    "--station-prefix",
                    "--secret-seed",
                    "--gap",
                    "--progress",
                    "--event-loops",
                    "--inflight",
                    "--connect-rate",
                    "--flush-ms")
            .help("--help", "-h")
            .usage(USAGE)
            .build();

    /** Whether the run has no end. */
    public boolean endless() {
        return duration == null;
    }

    /** Whether the run goes as fast as it can. */
    public boolean maxSpeed() {
        return Double.isInfinite(speed);
    }

    /**
     * Parses the flags (without a leading {@code city} subcommand).
     *
     * @return the options, or null for {@code --help}
     */
    public static CityOptions parse(String... args) throws UsageException {
        ParsedFlags f = FLAGS.parse(args);
        return f.helpRequested() ? null : new Flags(f).build();
    }
}
