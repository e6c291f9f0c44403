package org.bikeguard.sim.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.bikeguard.protocol.StationIds;
import org.bikeguard.sim.UsageException;
import org.bikeguard.sim.city.CitySpec;

/**
 * The raw flag values of a city command line and their conversion into {@link CityOptions},
 * with defaults and consistency checks. Not thread-safe; use once.
 */
final class Flags {
    final Map<String, String> values = new HashMap<>();

    private String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    private boolean has(String name) {
        return values.containsKey(name);
    }

    CityOptions build() throws UsageException {
        CitySpec spec = spec();
        long seed = CityOptions.integer("--seed", get("--seed", "7"), Long.MIN_VALUE,
                Long.MAX_VALUE);
        String d = get("--duration", "PT1H");
        Duration duration = d.equalsIgnoreCase("forever") || d.equalsIgnoreCase("inf") ? null
                : CityOptions.duration("--duration", d);
        String sp = get("--speed", "1");
        double speed = sp.equalsIgnoreCase("max") ? CityOptions.MAX_SPEED
                : CityOptions.number("--speed", sp, 0.001);
        if (duration == null && speed > 1) {
            throw new UsageException("an endless run (--duration forever) needs --speed 1 or less,"
                    + " or reads would be stamped in the future");
        }
        String mqtt = get("--mqtt", "127.0.0.1:1883");
        int colon = mqtt.lastIndexOf(':');
        if (colon <= 0 || colon == mqtt.length() - 1) {
            throw new UsageException("--mqtt expects host:port, got '" + mqtt + "'");
        }
        String host = mqtt.substring(0, colon);
        int port = (int) CityOptions.integer("--mqtt port", mqtt.substring(colon + 1), 1, 65_535);
        String api = values.get("--api");
        if (api != null && api.endsWith("/")) {
            api = api.substring(0, api.length() - 1);
        }
        boolean provision = has("--provision");
        if (provision && api == null) {
            throw new UsageException("--provision needs --api URL");
        }
        boolean json = get("--format", "binary").toLowerCase(Locale.ROOT).equals("json");
        if (!json && !get("--format", "binary").equalsIgnoreCase("binary")) {
            throw new UsageException("--format expects binary or json, got '" + get("--format", "")
                    + "'");
        }
        int entries = (int) CityOptions.integer("--entries", get("--entries", json ? "300" : "500"),
                1, json ? 400 : 1000);
        if (has("--raw") && has("--aggregated")) {
            throw new UsageException("--raw and --aggregated exclude each other");
        }
        String prefix = get("--station-prefix", "HY-");
        if (!StationIds.isValid(prefix + "00001")) {
            throw new UsageException("--station-prefix '" + prefix + "' gives invalid station ids");
        }
        int bikes = spec.bikes();
        Duration interval = CityOptions.duration("--interval", get("--interval", "5s"));
        if (interval.toMillis() < 100 || interval.toMinutes() > 60) {
            throw new UsageException("--interval must be 100ms..1h, got " + interval);
        }
        return new CityOptions(spec, seed, values.get("--start"), duration, speed, host, port,
                has("--dry-run"), api, provision,
                (int) CityOptions.integer("--provision-bikes",
                        get("--provision-bikes", Integer.toString(Math.min(bikes, 5000))), 0, bikes),
                (int) CityOptions.integer("--thefts", get("--thefts", "0"), 0, bikes / 2),
                (int) CityOptions.integer("--clones", get("--clones",
                        Integer.toString(bikes / 3000)), 0, bikes / 4),
                (int) CityOptions.integer("--tampers", get("--tampers",
                        Integer.toString(bikes / 3000)), 0, bikes / 4),
                !has("--no-outages"), !has("--raw"),
                interval, entries, json,
                values.get("--truth"), values.get("--export"), values.get("--basemap"), prefix,
                get("--secret-seed", "bikeguard-city-" + seed),
                CityOptions.duration("--gap", get("--gap", "30s")),
                CityOptions.duration("--progress", get("--progress", "10s")),
                (int) CityOptions.integer("--event-loops", get("--event-loops", "2"), 1, 64),
                (int) CityOptions.integer("--inflight", get("--inflight", "4"), 1, 1000),
                CityOptions.number("--connect-rate", get("--connect-rate", "500"), 0.01),
                CityOptions.integer("--flush-ms", get("--flush-ms", "1000"), 1, 600_000));
    }

    private CitySpec spec() throws UsageException {
        String name = get("--city", "small");
        CitySpec base = CitySpec.preset(name);
        if (base == null && !name.equalsIgnoreCase("custom")) {
            throw new UsageException("--city expects small, hengyang or custom, got '" + name + "'");
        }
        if (base == null) {
            base = CitySpec.SMALL;
        }
        if (!has("--stations") && !has("--bikes") && !has("--size-km")) {
            return base;
        }
        int stations = (int) CityOptions.integer("--stations",
                get("--stations", Integer.toString(base.stations())), 2, 99_999);
        int bikes = (int) CityOptions.integer("--bikes", get("--bikes",
                Integer.toString(base.bikes())), 1, 5_000_000);
        double km = CityOptions.number("--size-km", get("--size-km",
                Double.toString(base.sizeM() / 1000)), 1);
        try {
            CitySpec c = CitySpec.custom(km * 1000, stations, bikes);
            if (stations == base.stations() && km * 1000 == base.sizeM()) {
                c = new CitySpec("custom", c.sizeM(), stations, bikes, base.intersections(),
                        base.installationPoints(), base.dens());
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
