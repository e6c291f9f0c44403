package org.bikeguard.tracker.violation;

import java.util.ArrayList;
import java.util.List;

/**
 * An intersection as imported (docs/protocol.md section 7). Immutable.
 *
 * @param id          the intersection id (station-id alphabet)
 * @param name        display name
 * @param lon         WGS 84 longitude, degrees
 * @param lat         WGS 84 latitude, degrees
 * @param controller  the station id its signal controller authenticates as, or null
 * @param toleranceMs how long a movement must be red before a crossing (and stay red through it), ms
 * @param plan        the fixed-time plan, or null
 * @param approaches  its approaches
 */
public record Intersection(
        String id,
        String name,
        double lon,
        double lat,
        String controller,
        long toleranceMs,
        SignalPlan plan,
        List<Approach> approaches) {

    /** Default {@link #toleranceMs()}. */
    public static final long DEFAULT_TOLERANCE_MS = 1_000;

    /** An approach and the zones its station's antennas cover. */
    public record Approach(String id, String station, List<Zone> zones) {
        public Approach {
            zones = List.copyOf(zones);
        }
    }

    public Intersection {
        approaches = List.copyOf(approaches);
    }

    /** The signal movements ({@code approach.movement}) of the exit zones of approach {@code approach}, distinct. */
    public List<String> exitMovements(String approach) {
        List<String> out = new ArrayList<>();
        for (Approach a : approaches) {
            if (a.id().equals(approach)) {
                for (Zone z : a.zones()) {
                    if (z.exit() && !out.contains(z.signalMovement())) {
                        out.add(z.signalMovement());
                    }
                }
            }
        }
        return out;
    }

    /** Every zone of every approach. */
    public List<Zone> zones() {
        List<Zone> out = new ArrayList<>();
        for (Approach a : approaches) {
            out.addAll(a.zones());
        }
        return out;
    }
}
