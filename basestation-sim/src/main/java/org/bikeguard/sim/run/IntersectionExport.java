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
 * The city's signalled intersections as the tracker's intersection import (docs/protocol.md
 * section 7): a GeoJSON FeatureCollection with one Point Feature per intersection, its id
 * ({@code I01}...), name, fixed-time plan and approaches (the approach reader of each arm with
 * its antenna zones, {@link Junctions}). The plan is {@link Signals}'s (north-south green, amber,
 * all red, east-west green, amber, all red; every movement of an approach together), so the
 * tracker and the ground truth agree on every phase. With {@code --signal-controllers} each names
 * its controller station instead of a plan: the controller publishes the same phases over MQTT
 * from the run's start, and the tracker knows them only from there.
 *
 * <p>Stateless; thread-safe.
 */
public final class IntersectionExport {
    /** The tolerance written into every intersection, ms (the tracker's default). */
    static final int TOLERANCE_MS = 1_000;

    private IntersectionExport() {}

    /** The GeoJSON text. */
    public static String geoJson(City city) {
        Junctions j = new Junctions(city);
        Signals sig = city.signals();
        Stations st = city.stations();
        List<String> features = new ArrayList<>();
        for (int i = 0; i < j.count(); i++) {
            StringBuilder p = new StringBuilder("{\"name\":");
            int[] approach = new int[4];
            int centre = -1;
            for (int s = 0; s < st.count(); s++) {
                if (st.intersection(s) == i) {
                    if (st.slot(s) == 0) {
                        centre = s;
                    } else if (j.hasAntennas(s)) {
                        approach[j.arm(s)] = s;
                    }
                }
            }
            TruthWriter.quote(p, st.name(centre).replace("中心", ""));
            if (st.controller(i) >= 0) {
                p.append(",\"controller\":\"").append(st.id(st.controller(i))).append('"');
            }
            p.append(",\"toleranceMs\":").append(TOLERANCE_MS);
            if (st.controller(i) < 0) {
                p.append(",\"plan\":").append(plan(sig, i));
            }
            p.append(",\"approaches\":[");
            for (int a = 0; a < 4; a++) {
                p.append(a > 0 ? "," : "")
                        .append("{\"id\":\"")
                        .append(Junctions.ARM_NAMES[a])
                        .append("\",\"station\":\"")
                        .append(st.id(approach[a]))
                        .append("\",\"zones\":[");
                for (int k = 0; k < Junctions.ZONES.length; k++) {
                    Junctions.Zone z = Junctions.ZONES[k];
                    p.append(k > 0 ? "," : "")
                            .append("{\"antenna\":")
                            .append(z.antenna())
                            .append(",\"role\":\"")
                            .append(z.role())
                            .append('"');
                    if (z.movement() != null) {
                        p.append(",\"movement\":\"").append(z.movement()).append('"');
                    }
                    p.append(",\"lane\":\"")
                            .append(z.lane())
                            .append("\",\"direction\":\"")
                            .append(z.direction())
                            .append("\"}");
                }
                p.append("]}");
            }
            p.append("]}");
            features.add("{\"type\":\"Feature\",\"id\":\"" + Junctions.id(i)
                    + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":" + Geo.coord(j.centreX(i), j.centreY(i))
                    + "},\"properties\":" + p + "}");
        }
        return Exports.collection(features);
    }

    /** The fixed-time plan of intersection {@code i} as plan steps. */
    static String plan(Signals sig, int i) {
        String ns = movements("N", "S");
        String ew = movements("E", "W");
        return String.format(
                Locale.ROOT,
                "{\"offsetMs\":%d,\"steps\":[{\"durationS\":%d,\"green\":%s},{\"durationS\":%d,\"amber\":%s},"
                        + "{\"durationS\":%d},{\"durationS\":%d,\"green\":%s},{\"durationS\":%d,\"amber\":%s},"
                        + "{\"durationS\":%d}]}",
                sig.offsetMs(i),
                sig.nsGreenMs(i) / 1000,
                ns,
                Signals.YELLOW_MS / 1000,
                ns,
                Signals.ALL_RED_MS / 1000,
                sig.ewGreenMs(i) / 1000,
                ew,
                Signals.YELLOW_MS / 1000,
                ew,
                Signals.ALL_RED_MS / 1000);
    }

    private static String movements(String a, String b) {
        StringBuilder sb = new StringBuilder("[");
        for (String approach : new String[] {a, b}) {
            for (String m : new String[] {"through", "left", "right"}) {
                sb.append(sb.length() > 1 ? "," : "")
                        .append('"')
                        .append(approach)
                        .append('.')
                        .append(m)
                        .append('"');
            }
        }
        return sb.append(']').toString();
    }
}
