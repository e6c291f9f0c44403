package org.bikeguard.sim.run;

import java.time.Duration;
import org.bikeguard.common.cli.FlagValues;
import org.bikeguard.common.cli.HostPort;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.protocol.StationIds;
import org.bikeguard.sim.city.CitySpec;

/**
 * The conversion of a parsed city command line into {@link CityOptions}, with defaults and
 * consistency checks. Immutable; thread-safe.
 */
final class Flags {
    private final ParsedFlags f;

    Flags(ParsedFlags f) {
        this.f = f;
    }

    CityOptions build() throws UsageException {
        CitySpec spec = spec();
        long seed = f.longValue("--seed", 7, Long.MIN_VALUE, Long.MAX_VALUE);
        String d = f.value("--duration", "PT1H");
        Duration duration = d.equalsIgnoreCase("forever") || d.equalsIgnoreCase("inf")
                ? null
                : FlagValues.positiveDuration("--duration", d);
        String sp = f.value("--speed", "1");
        double speed = sp.equalsIgnoreCase("max") ? CityOptions.MAX_SPEED : FlagValues.number("--speed", sp, 0.001);
        if (duration == null && speed > 1) {
            throw new UsageException("an endless run (--duration forever) needs --speed 1 or less,"
                    + " or reads would be stamped in the future");
        }
        HostPort mqtt = FlagValues.hostPort("--mqtt", f.value("--mqtt", "127.0.0.1:1883"));
        String api = f.value("--api");
        if (api != null && api.endsWith("/")) {
            api = api.substring(0, api.length() - 1);
        }
        boolean provision = f.has("--provision");
        if (provision && api == null) {
            throw new UsageException("--provision needs --api URL");
        }
        boolean json = FlagValues.oneOf("--format", f.value("--format", "binary"), "binary", "json")
                .equals("json");
        int entries = f.intValue("--entries", json ? 300 : 500, 1, json ? 400 : 1000);
        if (f.has("--raw") && f.has("--aggregated")) {
            throw new UsageException("--raw and --aggregated exclude each other");
        }
        String prefix = f.value("--station-prefix", "HY-");
        if (!StationIds.isValid(prefix + "00001")) {
            throw new UsageException("--station-prefix '" + prefix + "' gives invalid station ids");
        }
        int bikes = spec.bikes();
        if (f.has("--violations") && f.number("--violations", 0, 0) > 1) {
            throw new UsageException("--violations is a rate per passage, 0..1");
        }
        Duration interval = f.positiveDuration("--interval", Duration.ofSeconds(5));
        if (interval.toMillis() < 100 || interval.toMinutes() > 60) {
            throw new UsageException("--interval must be 100ms..1h, got " + interval);
        }
        return new CityOptions(
                spec,
                seed,
                f.value("--start"),
                duration,
                speed,
                mqtt.host(),
                mqtt.port(),
                f.has("--dry-run"),
                api,
                provision,
                f.intValue("--provision-bikes", Math.min(bikes, 5000), 0, bikes),
                f.intValue("--thefts", 0, 0, bikes / 2),
                f.intValue("--clones", bikes / 3000, 0, bikes / 4),
                f.intValue("--tampers", bikes / 3000, 0, bikes / 4),
                !f.has("--no-outages"),
                !f.has("--raw"),
                interval,
                entries,
                json,
                f.value("--truth"),
                f.value("--export"),
                f.value("--basemap"),
                prefix,
                f.value("--secret-seed", "bikeguard-city-" + seed),
                f.positiveDuration("--gap", Duration.ofSeconds(30)),
                f.positiveDuration("--progress", Duration.ofSeconds(10)),
                f.intValue("--event-loops", 2, 1, 64),
                f.intValue("--inflight", 4, 1, 1000),
                f.number("--connect-rate", 500, 0.01),
                f.longValue("--flush-ms", 1000, 1, 600_000),
                f.value("--ca"),
                f.intValue("--gangs", 0, 0, bikes / 10),
                f.intValue("--dens", 0, 0, 1000),
                f.number("--violations", 0, 0),
                f.intValue("--zone-parking", 0, 0, bikes / 10),
                f.value("--intersections"),
                f.has("--signal-controllers"));
    }

    private CitySpec spec() throws UsageException {
        String name = f.value("--city", "small");
        CitySpec base = CitySpec.preset(name);
        if (base == null && !name.equalsIgnoreCase("custom")) {
            throw new UsageException("--city expects small, hengyang or custom, got '" + name + "'");
        }
        if (base == null) {
            base = CitySpec.SMALL;
        }
        if (!f.has("--stations") && !f.has("--bikes") && !f.has("--size-km")) {
            return base;
        }
        int stations = f.intValue("--stations", base.stations(), 2, 99_999);
        int bikes = f.intValue("--bikes", base.bikes(), 1, 5_000_000);
        double km = f.number("--size-km", base.sizeM() / 1000, 1);
        try {
            CitySpec c = CitySpec.custom(km * 1000, stations, bikes);
            if (stations == base.stations() && km * 1000 == base.sizeM()) {
                c = new CitySpec(
                        "custom",
                        c.sizeM(),
                        stations,
                        bikes,
                        base.intersections(),
                        base.installationPoints(),
                        base.dens());
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
