package org.bikeguard.sim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Geo;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.Signals;
import org.bikeguard.sim.city.Stations;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * The city's signalled intersections as a GeoJSON FeatureCollection (WGS-84), for the tracker's
 * intersection import: one Point per intersection (id, name, fixed-time signal plan, readers)
 * and one Polygon per antenna zone (reader, antenna, approach, zone, lane kind, allowed
 * direction). The layout is {@link Junctions}'s; the plan is {@link Signals}'s, so the tracker
 * and the ground truth agree on every phase.
 *
 * <p>Stateless; thread-safe.
 */
public final class IntersectionExport {
    private IntersectionExport() {}

    /** The GeoJSON text. */
    public static String geoJson(City city) {
        Junctions j = new Junctions(city);
        Signals sig = city.signals();
        Stations st = city.stations();
        List<String> f = new ArrayList<>();
        for (int i = 0; i < j.count(); i++) {
            StringBuilder p = new StringBuilder("{\"type\":\"intersection\",\"id\":\"").append(Junctions.id(i));
            p.append("\",\"name\":");
            List<Integer> readers = readers(st, i);
            TruthWriter.quote(p, st.name(readers.get(0)).replace("中心", ""));
            p.append(String.format(
                    Locale.ROOT,
                    ",\"plan\":{\"kind\":\"fixed_time\",\"cycleS\":%d,\"offsetMs\":%d,\"phases\":["
                            + "{\"approaches\":[\"N\",\"S\"],\"greenS\":%d},{\"approaches\":[\"E\",\"W\"],\"greenS\":%d}],"
                            + "\"yellowS\":%d,\"allRedS\":%d}",
                    sig.cycleMs(i) / 1000,
                    sig.offsetMs(i),
                    sig.nsGreenMs(i) / 1000,
                    sig.ewGreenMs(i) / 1000,
                    Signals.YELLOW_MS / 1000,
                    Signals.ALL_RED_MS / 1000));
            p.append(",\"stations\":[");
            for (int k = 0; k < readers.size(); k++) {
                p.append(k > 0 ? "," : "")
                        .append('"')
                        .append(st.id(readers.get(k)))
                        .append('"');
            }
            p.append("]}");
            f.add(Exports.feature("Point", Geo.coord(j.centreX(i), j.centreY(i)), p.toString()));
            for (int s : readers) {
                if (j.hasAntennas(s)) {
                    zones(f, j, st, i, s);
                }
            }
        }
        return Exports.collection(f);
    }

    private static List<Integer> readers(Stations st, int i) {
        List<Integer> r = new ArrayList<>();
        for (int s = 0; s < st.count(); s++) {
            if (st.intersection(s) == i) {
                r.add(s);
            }
        }
        return r;
    }

    private static void zones(List<String> f, Junctions j, Stations st, int i, int s) {
        int a = j.arm(s);
        double[] pt = new double[2];
        for (Junctions.Zone z : Junctions.ZONES) {
            if (z.role() != j.role(s)) {
                continue;
            }
            StringBuilder ring = new StringBuilder("[[");
            double[][] corners = {
                {z.alongMin(), z.latMin()},
                {z.alongMax(), z.latMin()},
                {z.alongMax(), z.latMax()},
                {z.alongMin(), z.latMax()},
                {z.alongMin(), z.latMin()}
            };
            for (int k = 0; k < corners.length; k++) {
                j.point(i, a, corners[k][0], corners[k][1], pt);
                ring.append(k > 0 ? "," : "").append(Geo.coord(pt[0], pt[1]));
            }
            ring.append("]]");
            // allowed direction of travel, degrees clockwise from north: inbound = towards the centre
            int bearing = Math.floorMod(a * 90 + ("inbound".equals(z.direction()) ? 180 : 0), 360);
            String props = String.format(
                    Locale.ROOT,
                    "{\"type\":\"zone\",\"intersection\":\"%s\",\"station\":\"%s\",\"antenna\":%d,"
                            + "\"approach\":\"%s\",\"zone\":\"%s\",\"lane\":\"%s\",\"direction\":\"%s\",\"bearing\":%d}",
                    Junctions.id(i),
                    st.id(s),
                    z.antenna(),
                    Junctions.ARM_NAMES[a],
                    z.name(),
                    z.lane(),
                    z.direction(),
                    bearing);
            f.add(Exports.feature("Polygon", ring.toString(), props));
        }
    }
}
