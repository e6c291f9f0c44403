package org.bikeguard.tracker.station;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses station lists for {@link StationRegistry#importAll(List, java.util.function.IntFunction)}:
 * CSV with the header {@code id,name,kind,lon,lat,radiusM,secret} (columns in any order, quoted
 * fields per RFC 4180 within one line, {@code secret} may be empty to keep a station's secret,
 * blank lines ignored) and GeoJSON FeatureCollections of Point features with the properties
 * {@code id,name,kind,radiusM,secret}. Every problem is reported with its line or feature number;
 * a station id may appear only once per input. Stateless; thread-safe; CPU only.
 */
public final class StationImport {

    /** Most stations accepted in one import. */
    public static final int MAX_STATIONS = 100_000;
    /** The CSV columns. */
    public static final List<String> CSV_COLUMNS = List.of("id", "name", "kind", "lon", "lat", "radiusM", "secret");

    /**
     * Parsed stations and where each came from.
     *
     * @param stations  the inputs, in document order
     * @param locations the matching locations ({@code "line 7"}, {@code "feature 3"})
     */
    public record Parsed(List<StationInput> stations, List<String> locations) {
        public Parsed {
            stations = List.copyOf(stations);
            locations = List.copyOf(locations);
        }
    }

    private StationImport() {}

    /**
     * Parses CSV text.
     *
     * @throws StationImportException naming the line of the first problem
     */
    public static Parsed csv(String text) {
        String[] lines = text.split("\r?\n", -1);
        int headerLine = 0;
        while (headerLine < lines.length && lines[headerLine].isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.length) {
            throw new StationImportException(
                    "line 1", "empty input; expected the header " + String.join(",", CSV_COLUMNS));
        }
        Map<String, Integer> columns = header(lines[headerLine], headerLine + 1);
        Collector out = new Collector();
        for (int i = headerLine + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = "line " + (i + 1);
            List<String> f = fields(lines[i], where);
            if (f.size() != columns.size()) {
                throw new StationImportException(where, "expected " + columns.size() + " fields, got " + f.size());
            }
            String secret = f.get(columns.get("secret")).trim();
            out.add(
                    where,
                    () -> new StationInput(
                            f.get(columns.get("id")).trim(),
                            f.get(columns.get("name")).trim(),
                            f.get(columns.get("kind")).trim(),
                            number(f.get(columns.get("lon")), "lon"),
                            number(f.get(columns.get("lat")), "lat"),
                            integer(f.get(columns.get("radiusM")), "radiusM"),
                            secret.isEmpty() ? null : secret));
        }
        return out.result();
    }

    /**
     * Parses a GeoJSON FeatureCollection.
     *
     * @throws StationImportException naming the feature (1-based) of the first problem
     */
    public static Parsed geoJson(String text) {
        JsonObject doc;
        try {
            doc = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new StationImportException("document", "not a JSON object: " + firstLine(e.getMessage()));
        }
        if (!"FeatureCollection".equals(doc.getValue("type")) || !(doc.getValue("features") instanceof JsonArray)) {
            throw new StationImportException("document", "expected a GeoJSON FeatureCollection with a features array");
        }
        JsonArray features = doc.getJsonArray("features");
        Collector out = new Collector();
        for (int i = 0; i < features.size(); i++) {
            String where = "feature " + (i + 1);
            Object f = features.getValue(i);
            if (!(f instanceof JsonObject feature) || !"Feature".equals(feature.getValue("type"))) {
                throw new StationImportException(where, "not a GeoJSON Feature");
            }
            out.add(where, () -> feature(feature));
        }
        return out.result();
    }

    private static StationInput feature(JsonObject feature) {
        Object g = feature.getValue("geometry");
        if (!(g instanceof JsonObject geometry) || !"Point".equals(geometry.getValue("type"))) {
            throw new StationValidationException("geometry must be a Point");
        }
        Object c = geometry.getValue("coordinates");
        if (!(c instanceof JsonArray coords)
                || coords.size() < 2
                || !(coords.getValue(0) instanceof Number lon)
                || !(coords.getValue(1) instanceof Number lat)) {
            throw new StationValidationException("Point coordinates must be [lon, lat] numbers");
        }
        Object p = feature.getValue("properties");
        if (!(p instanceof JsonObject props)) {
            throw new StationValidationException("properties must be an object with id, name, kind, radiusM, secret");
        }
        Object radius = props.getValue("radiusM");
        if (!(radius instanceof Number r) || r.doubleValue() != Math.rint(r.doubleValue())) {
            throw new StationValidationException("radiusM must be an integer number of metres");
        }
        return new StationInput(
                string(props, "id"),
                string(props, "name"),
                string(props, "kind"),
                lon.doubleValue(),
                lat.doubleValue(),
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r.longValue())),
                optionalString(props, "secret"));
    }

    private static String string(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof String s)) {
            throw new StationValidationException(key + " must be a string");
        }
        return s;
    }

    private static String optionalString(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new StationValidationException(key + " must be a string");
        }
        return s.isEmpty() ? null : s;
    }

    private static Map<String, Integer> header(String line, int lineNo) {
        List<String> names = fields(line.startsWith("\uFEFF") ? line.substring(1) : line, "line " + lineNo);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).trim();
            if (!CSV_COLUMNS.contains(n) || columns.put(n, i) != null) {
                throw new StationImportException(
                        "line " + lineNo,
                        "the header must name the columns " + String.join(",", CSV_COLUMNS) + " once each, got \"" + n
                                + "\"");
            }
        }
        if (columns.size() != CSV_COLUMNS.size()) {
            throw new StationImportException("line " + lineNo, "the header must be " + String.join(",", CSV_COLUMNS));
        }
        return columns;
    }

    /** Splits one CSV line; double quotes enclose fields, {@code ""} inside them is a quote. */
    static List<String> fields(String line, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new StationImportException(where, "unterminated quoted field");
        }
        out.add(cur.toString());
        return out;
    }

    private static double number(String s, String field) {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StationValidationException(field + " must be a number, got \"" + abbreviate(s.trim()) + "\"");
    }

    private static int integer(String s, String field) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new StationValidationException(field + " must be an integer, got \"" + abbreviate(s.trim()) + "\"");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    /** Builds inputs, turning validation errors into located import errors, rejecting repeats. */
    private static final class Collector {
        private final List<StationInput> stations = new ArrayList<>();
        private final List<String> locations = new ArrayList<>();
        private final Map<String, String> seen = new HashMap<>();

        void add(String where, java.util.function.Supplier<StationInput> make) {
            if (stations.size() >= MAX_STATIONS) {
                throw new StationImportException(where, "more than " + MAX_STATIONS + " stations in one import");
            }
            StationInput in;
            try {
                in = make.get();
            } catch (StationImportException e) {
                throw e;
            } catch (StationValidationException e) {
                throw new StationImportException(where, e.getMessage());
            }
            String first = seen.putIfAbsent(in.id(), where);
            if (first != null) {
                throw new StationImportException(
                        where, "station " + in.id() + " appears again (first on " + first + ")");
            }
            stations.add(in);
            locations.add(where);
        }

        Parsed result() {
            if (stations.isEmpty()) {
                throw new StationImportException("document", "no stations in the input");
            }
            return new Parsed(stations, locations);
        }
    }
}
