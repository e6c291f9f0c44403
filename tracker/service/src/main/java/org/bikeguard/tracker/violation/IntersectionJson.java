package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.protocol.Limits;
import org.bikeguard.protocol.StationIds;

/**
 * Reads and writes intersections as GeoJSON Features (docs/protocol.md section 7). Every rule
 * broken is a {@link BadInputException} naming the field. Stateless; thread-safe.
 */
public final class IntersectionJson {

    static final int MAX_APPROACHES = 16;
    static final long MAX_TOLERANCE_MS = 10_000;
    static final long MAX_STEP_S = 600;
    private static final Pattern APPROACH_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Set<String> MOVEMENTS = Set.of("through", "left", "right");

    private IntersectionJson() {}

    /**
     * Parses one Feature.
     *
     * @param pathId the id from the path, or null (import): the Feature's {@code id} must match it when both are given
     */
    public static Intersection parse(JsonObject f, String pathId) {
        if (f == null || !"Feature".equals(f.getValue("type"))) {
            throw BadInputException.invalid("type", "must be \"Feature\"");
        }
        Object rawId = f.getValue("id");
        if (rawId != null && !(rawId instanceof String)) {
            throw BadInputException.invalid("id", "must be a string");
        }
        String id = rawId != null ? (String) rawId : pathId;
        if (id == null || !StationIds.isValid(id)) {
            throw BadInputException.invalid("id", "1-32 chars of [A-Za-z0-9._-]");
        }
        if (pathId != null && !pathId.equals(id)) {
            throw BadInputException.invalid("id", "differs from the path's id");
        }
        double[] point = point(f.getValue("geometry"));
        JsonObject p = object(f.getValue("properties"), "properties");
        String name = string(p.getValue("name"), "name", 200);
        String controller = null;
        if (p.getValue("controller") != null) {
            controller = string(p.getValue("controller"), "controller", Limits.MAX_STATION_ID_LENGTH);
            if (!StationIds.isValid(controller)) {
                throw BadInputException.invalid("controller", "not a station id");
            }
        }
        long tolerance = p.getValue("toleranceMs") == null
                ? Intersection.DEFAULT_TOLERANCE_MS
                : integer(p.getValue("toleranceMs"), "toleranceMs", 0, MAX_TOLERANCE_MS);
        List<Intersection.Approach> approaches = approaches(id, p.getValue("approaches"));
        Set<String> movements = new HashSet<>();
        for (Intersection.Approach a : approaches) {
            for (String m : MOVEMENTS) {
                movements.add(a.id() + "." + m);
            }
        }
        SignalPlan plan = p.getValue("plan") == null ? null : plan(p.getValue("plan"), movements);
        return new Intersection(id, name, point[0], point[1], controller, tolerance, plan, approaches);
    }

    private static double[] point(Object g) {
        JsonObject geo = object(g, "geometry");
        if (!"Point".equals(geo.getValue("type"))
                || !(geo.getValue("coordinates") instanceof JsonArray c)
                || c.size() != 2) {
            throw BadInputException.invalid("geometry", "must be a GeoJSON Point [lon, lat]");
        }
        if (!(c.getValue(0) instanceof Number lon) || !(c.getValue(1) instanceof Number lat)) {
            throw BadInputException.invalid("geometry", "coordinates must be numbers");
        }
        double x = lon.doubleValue();
        double y = lat.doubleValue();
        if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
            throw BadInputException.invalid("geometry", "lon -180..180, lat -90..90");
        }
        return new double[] {x, y};
    }

    private static List<Intersection.Approach> approaches(String id, Object raw) {
        if (!(raw instanceof JsonArray arr) || arr.isEmpty() || arr.size() > MAX_APPROACHES) {
            throw BadInputException.invalid("approaches", "1-" + MAX_APPROACHES + " approaches");
        }
        List<Intersection.Approach> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> antennas = new HashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonObject a = object(arr.getValue(i), "approaches[" + i + "]");
            String aid = string(a.getValue("id"), "approaches[" + i + "].id", 16);
            if (!APPROACH_ID.matcher(aid).matches() || !ids.add(aid)) {
                throw BadInputException.invalid("approaches[" + i + "].id", "1-16 chars of [A-Za-z0-9_-], unique");
            }
            String station = string(a.getValue("station"), "approaches[" + i + "].station", 32);
            if (!StationIds.isValid(station)) {
                throw BadInputException.invalid("approaches[" + i + "].station", "not a station id");
            }
            if (!(a.getValue("zones") instanceof JsonArray zs) || zs.isEmpty() || zs.size() > 16) {
                throw BadInputException.invalid("approaches[" + i + "].zones", "1-16 zones");
            }
            List<Zone> zones = new ArrayList<>();
            for (int k = 0; k < zs.size(); k++) {
                String at = "approaches[" + i + "].zones[" + k + "]";
                Zone z = zone(id, aid, station, object(zs.getValue(k), at), at);
                if (!antennas.add(station + "/" + z.antenna())) {
                    throw BadInputException.invalid(
                            at + ".antenna", "antenna " + z.antenna() + " of " + station + " is used twice");
                }
                zones.add(z);
            }
            out.add(new Intersection.Approach(aid, station, zones));
        }
        return out;
    }

    private static Zone zone(String id, String approach, String station, JsonObject z, String at) {
        int antenna = (int) integer(z.getValue("antenna"), at + ".antenna", Limits.MIN_ANTENNA, Limits.MAX_ANTENNA);
        Object role = z.getValue("role");
        boolean exit;
        if ("stop_line".equals(role)) {
            exit = false;
        } else if ("exit".equals(role)) {
            exit = true;
        } else {
            throw BadInputException.invalid(at + ".role", "stop_line or exit");
        }
        String movement = null;
        if (exit) {
            Object m = z.getValue("movement");
            if (!(m instanceof String ms) || !MOVEMENTS.contains(ms)) {
                throw BadInputException.invalid(at + ".movement", "through, left or right");
            }
            movement = ms;
        } else if (z.getValue("movement") != null) {
            throw BadInputException.invalid(at + ".movement", "only exit zones have a movement");
        }
        Object lane = z.getValue("lane");
        if (!"motor".equals(lane) && !"non_motor".equals(lane)) {
            throw BadInputException.invalid(at + ".lane", "non_motor or motor");
        }
        Object dir = z.getValue("direction");
        boolean inbound;
        if (dir == null) {
            inbound = !exit;
        } else if ("in".equals(dir) || "out".equals(dir)) {
            inbound = "in".equals(dir);
        } else {
            throw BadInputException.invalid(at + ".direction", "in or out");
        }
        return new Zone(id, approach, station, antenna, exit, movement, "motor".equals(lane), inbound);
    }

    private static SignalPlan plan(Object raw, Set<String> movements) {
        JsonObject p = object(raw, "plan");
        long offset = p.getValue("offsetMs") == null
                ? 0
                : integer(p.getValue("offsetMs"), "plan.offsetMs", 0, Long.MAX_VALUE / 2);
        if (!(p.getValue("steps") instanceof JsonArray steps) || steps.isEmpty() || steps.size() > 64) {
            throw BadInputException.invalid("plan.steps", "1-64 steps");
        }
        List<SignalPlan.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String at = "plan.steps[" + i + "]";
            JsonObject s = object(steps.getValue(i), at);
            long d = integer(s.getValue("durationS"), at + ".durationS", 1, MAX_STEP_S);
            out.add(new SignalPlan.Step(
                    d * 1000,
                    movements(s.getValue("green"), at + ".green", movements),
                    movements(s.getValue("amber"), at + ".amber", movements)));
        }
        return new SignalPlan(offset, out);
    }

    private static Set<String> movements(Object raw, String field, Set<String> known) {
        if (raw == null) {
            return Set.of();
        }
        if (!(raw instanceof JsonArray arr)) {
            throw BadInputException.invalid(field, "an array of \"approach.movement\"");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : arr) {
            if (!(o instanceof String s) || !known.contains(s)) {
                throw BadInputException.invalid(field, "unknown movement " + o);
            }
            out.add(s);
        }
        return Set.copyOf(out);
    }

    /** The Feature of an intersection (the normalised form stored and served). */
    public static JsonObject feature(Intersection x) {
        JsonArray approaches = new JsonArray();
        for (Intersection.Approach a : x.approaches()) {
            JsonArray zones = new JsonArray();
            for (Zone z : a.zones()) {
                JsonObject zj = new JsonObject().put("antenna", z.antenna()).put("role", z.role());
                if (z.exit()) {
                    zj.put("movement", z.movement());
                }
                zones.add(zj.put("lane", z.lane()).put("direction", z.direction()));
            }
            approaches.add(new JsonObject()
                    .put("id", a.id())
                    .put("station", a.station())
                    .put("zones", zones));
        }
        JsonObject props = new JsonObject().put("name", x.name());
        if (x.controller() != null) {
            props.put("controller", x.controller());
        }
        props.put("toleranceMs", x.toleranceMs());
        if (x.plan() != null) {
            JsonArray steps = new JsonArray();
            for (SignalPlan.Step s : x.plan().steps()) {
                JsonObject sj = new JsonObject().put("durationS", s.durationMs() / 1000);
                if (!s.green().isEmpty()) {
                    sj.put("green", new JsonArray(s.green().stream().sorted().toList()));
                }
                if (!s.amber().isEmpty()) {
                    sj.put("amber", new JsonArray(s.amber().stream().sorted().toList()));
                }
                steps.add(sj);
            }
            props.put(
                    "plan",
                    new JsonObject().put("offsetMs", x.plan().offsetMs()).put("steps", steps));
        }
        props.put("approaches", approaches);
        return new JsonObject()
                .put("type", "Feature")
                .put("id", x.id())
                .put(
                        "geometry",
                        new JsonObject()
                                .put("type", "Point")
                                .put("coordinates", new JsonArray().add(x.lon()).add(x.lat())))
                .put("properties", props);
    }

    private static JsonObject object(Object o, String field) {
        if (!(o instanceof JsonObject j)) {
            throw BadInputException.invalid(field, "must be an object");
        }
        return j;
    }

    private static String string(Object o, String field, int max) {
        if (!(o instanceof String s) || s.isBlank() || s.length() > max) {
            throw BadInputException.invalid(field, "a string of 1-" + max + " chars");
        }
        return s;
    }

    private static long integer(Object o, String field, long min, long max) {
        if (!(o instanceof Number n)
                || n instanceof Double
                || n instanceof Float
                || n.longValue() < min
                || n.longValue() > max) {
            throw BadInputException.invalid(field, "an integer " + min + ".." + max);
        }
        return n.longValue();
    }
}
