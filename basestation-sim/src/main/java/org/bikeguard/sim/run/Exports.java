package org.bikeguard.sim.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Districts;
import org.bikeguard.sim.city.Geo;
import org.bikeguard.sim.city.Names;
import org.bikeguard.sim.city.NoGoZones;
import org.bikeguard.sim.city.Places;
import org.bikeguard.sim.city.Registry;
import org.bikeguard.sim.city.RoadGraph;
import org.bikeguard.sim.city.Stations;
import org.bikeguard.sim.load.StationSecrets;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * Writes a city out so the demo is one coherent city: the station list as the tracker's import
 * formats (CSV and GeoJSON, secrets included), the base map (roads, river, districts,
 * installation points) as GeoJSON for the police map, and the registry (owners and bikes) as
 * CSV. Files are written to a temporary name and moved into place, so a reader never sees half
 * a file. Coordinates are WGS-84 [lon, lat]; dates are Asia/Shanghai; money in fen.
 *
 * <p>Stateless; thread-safe.
 */
public final class Exports {
    private Exports() {}

    /** Writes every export into {@code dir} (created if needed). */
    public static void all(City city, String secretSeed, Path dir) throws IOException {
        Files.createDirectories(dir);
        write(
                dir.resolve("stations.csv"),
                stationsCsv(city, secretSeed, 0, city.stations().count()),
                false);
        write(dir.resolve("stations.geojson"), stationsGeoJson(city, secretSeed), false);
        write(dir.resolve("basemap.geojson"), baseMap(city), true);
        write(dir.resolve("intersections.geojson"), IntersectionExport.geoJson(city), true);
        registry(city, dir.resolve("owners.csv"), dir.resolve("bikes.csv"));
        if (city.zones().count() > 0) {
            write(dir.resolve("zones.json"), zonesJson(city), true);
        }
    }

    /**
     * The {@code PUT /api/v1/zones/{id}} body of every no-go zone by id, in order: name, kind and
     * the zone's reader as its station set (the tracker's default grace and fine apply).
     */
    public static java.util.Map<String, java.util.Map<String, Object>> zoneBodies(City city) {
        java.util.Map<String, java.util.Map<String, Object>> out = new java.util.LinkedHashMap<>();
        NoGoZones zones = city.zones();
        for (int i = 0; i < zones.count(); i++) {
            NoGoZones.Zone z = zones.get(i);
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("name", z.name());
            body.put("kind", z.kind());
            body.put("stations", List.of(city.stations().id(z.station())));
            out.put(z.id(), body);
        }
        return out;
    }

    /** The no-go zones as a JSON array of {@code {"id", ...PUT body, "lon", "lat"}} (zones.json). */
    static String zonesJson(City city) {
        StringBuilder sb = new StringBuilder("[\n");
        NoGoZones zones = city.zones();
        for (int i = 0; i < zones.count(); i++) {
            NoGoZones.Zone z = zones.get(i);
            sb.append(i == 0 ? "  {" : ",\n  {").append("\"id\":");
            TruthWriter.quote(sb, z.id());
            sb.append(",\"name\":");
            TruthWriter.quote(sb, z.name());
            sb.append(",\"kind\":\"").append(z.kind()).append("\",\"stations\":[");
            TruthWriter.quote(sb, city.stations().id(z.station()));
            sb.append(String.format(Locale.ROOT, "],\"lon\":%.6f,\"lat\":%.6f}", Geo.lon(z.x()), Geo.lat(z.y())));
        }
        return sb.append("\n]\n").toString();
    }

    /**
     * Writes {@code text} to {@code file} atomically (temporary file, then move); readable by
     * everyone when {@code public}, else by the owner only (station lists hold secrets).
     */
    public static void write(Path file, String text, boolean readable) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".export", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        if (readable) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** CSV for {@code POST /api/v1/stations/import}: stations [from, to), header first. */
    public static String stationsCsv(City city, String secretSeed, int from, int to) {
        Stations st = city.stations();
        StringBuilder sb = new StringBuilder(120 * (to - from) + 64);
        sb.append("id,name,kind,lon,lat,radiusM,secret\n");
        for (int s = from; s < to; s++) {
            sb.append(st.id(s))
                    .append(',')
                    .append(csv(st.name(s)))
                    .append(',')
                    .append(st.kind(s))
                    .append(String.format(
                            Locale.ROOT,
                            ",%.6f,%.6f,%d,",
                            Geo.lon(st.x(s)),
                            Geo.lat(st.y(s)),
                            Math.max(1, Math.round(st.radius(s)))))
                    .append(StationSecrets.secret(secretSeed, st.id(s)))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The station list as a GeoJSON FeatureCollection of Points (the import's other format). */
    public static String stationsGeoJson(City city, String secretSeed) {
        Stations st = city.stations();
        List<String> features = new ArrayList<>();
        for (int s = 0; s < st.count(); s++) {
            StringBuilder p = new StringBuilder("{\"id\":");
            TruthWriter.quote(p, st.id(s));
            p.append(",\"name\":");
            TruthWriter.quote(p, st.name(s));
            p.append(",\"kind\":\"")
                    .append(st.kind(s))
                    .append("\",\"radiusM\":")
                    .append(Math.max(1, Math.round(st.radius(s))))
                    .append(",\"secret\":\"")
                    .append(StationSecrets.secret(secretSeed, st.id(s)))
                    .append("\"}");
            features.add(feature("Point", Geo.coord(st.x(s), st.y(s)), p.toString()));
        }
        return collection(features);
    }

    /** The base map: roads (arterial, local, bridge), the river, districts, installation points. */
    public static String baseMap(City city) {
        List<String> f = new ArrayList<>();
        RoadGraph g = city.roads();
        for (int r = 0; r < g.rows(); r++) {
            List<String> run = new ArrayList<>();
            for (int c = 0; c < g.cols(); c++) {
                run.add(Geo.coord(g.x(g.node(c, r)), g.y(g.node(c, r))));
                if (!g.hasEastEdge(c, r) || c == g.riverCol()) {
                    road(f, run, Names.road(r, g.isArterialRow(r), false), g.isArterialRow(r) ? "arterial" : "local");
                    if (c == g.riverCol() && g.hasEastEdge(c, r)) {
                        List<String> bridge = List.of(
                                run.get(run.size() - 1), Geo.coord(g.x(g.node(c + 1, r)), g.y(g.node(c + 1, r))));
                        road(f, new ArrayList<>(bridge), Names.road(r, true, false) + "大桥", "bridge");
                    }
                    run = new ArrayList<>();
                }
            }
        }
        for (int c = 0; c < g.cols(); c++) {
            List<String> line = new ArrayList<>();
            for (int r = 0; r < g.rows(); r++) {
                line.add(Geo.coord(g.x(g.node(c, r)), g.y(g.node(c, r))));
            }
            road(f, line, Names.road(c, g.isArterialCol(c), true), g.isArterialCol(c) ? "arterial" : "local");
        }
        river(f, city);
        for (Districts.District d : city.districts().all()) {
            String ring = "[[" + Geo.coord(d.x0(), d.y0()) + "," + Geo.coord(d.x1(), d.y0()) + ","
                    + Geo.coord(d.x1(), d.y1()) + "," + Geo.coord(d.x0(), d.y1()) + ","
                    + Geo.coord(d.x0(), d.y0()) + "]]";
            f.add(feature(
                    "Polygon",
                    ring,
                    "{\"layer\":\"district\",\"code\":\"" + d.code() + "\",\"name\":\"" + d.name() + "\",\"pinyin\":\""
                            + d.pinyin() + "\"}"));
        }
        Places p = city.places();
        for (int i : p.ofKind(Places.Kind.INSTALLATION)) {
            StringBuilder props = new StringBuilder("{\"layer\":\"installation_point\",\"name\":");
            TruthWriter.quote(props, p.name(i));
            f.add(feature("Point", Geo.coord(p.x(i), p.y(i)), props.append('}').toString()));
        }
        return collection(f);
    }

    private static void river(List<String> f, City city) {
        if (city.roads().riverCol() < 0) {
            return;
        }
        double half = city.spec().sizeM() / 2;
        double x = city.riverX();
        List<String> west = new ArrayList<>();
        List<String> east = new ArrayList<>();
        for (double y = -half; y <= half + 1; y += 200) {
            double w = 40 * Math.sin(y / 900);
            west.add(Geo.coord(x - 140 + w, y));
            east.add(0, Geo.coord(x + 140 + w, y));
        }
        west.addAll(east);
        west.add(west.get(0));
        f.add(feature("Polygon", "[[" + String.join(",", west) + "]]", "{\"layer\":\"river\",\"name\":\"湘江\"}"));
    }

    private static void road(List<String> f, List<String> coords, String name, String kind) {
        if (coords.size() < 2) {
            return;
        }
        StringBuilder props = new StringBuilder("{\"layer\":\"road\",\"class\":\"")
                .append(kind)
                .append("\",\"name\":");
        TruthWriter.quote(props, name);
        f.add(feature(
                "LineString",
                "[" + String.join(",", coords) + "]",
                props.append('}').toString()));
    }

    static String feature(String type, String coordinates, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"" + type + "\",\"coordinates\":" + coordinates
                + "},\"properties\":" + properties + "}";
    }

    static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + String.join(",\n", features) + "\n]}\n";
    }

    /** owners.csv and bikes.csv (streamed: 274,000 rows for Hengyang). */
    static void registry(City city, Path owners, Path bikes) throws IOException {
        Registry reg = city.registry();
        boolean[] done = new boolean[city.bikes().owners()];
        try (BufferedWriter o = Files.newBufferedWriter(owners, StandardCharsets.UTF_8);
                BufferedWriter b = Files.newBufferedWriter(bikes, StandardCharsets.UTF_8)) {
            o.write("owner,name,idNumber,phone,password,address,tenant\n");
            b.write("id,owner,tag,plate,frameNo,motorNo,batterySerial,brand,colour,purchaseDate,"
                    + "purchasePriceFen,home,work\n");
            for (int i = 0; i < city.bikes().count(); i++) {
                int oi = city.bikes().owner(i);
                if (!done[oi]) {
                    done[oi] = true;
                    Registry.Owner w = reg.ownerOf(i);
                    o.write(oi + "," + csv(w.name()) + "," + w.idNumber() + "," + w.phone() + "," + w.password() + ","
                            + csv(w.address()) + "," + w.tenant() + "\n");
                }
                Registry.Bike k = reg.bike(i);
                b.write(k.id() + "," + oi + "," + k.tag() + "," + csv(k.plate()) + ","
                        + k.frameNo() + "," + k.motorNo() + "," + k.batterySerial() + ","
                        + csv(k.brand()) + "," + csv(k.colour()) + "," + k.purchaseDate() + ","
                        + k.purchasePriceFen() + ","
                        + csv(city.places().name(city.bikes().home(i)))
                        + "," + csv(city.places().name(city.bikes().work(i))) + "\n");
            }
        }
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
