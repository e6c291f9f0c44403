package org.bikeguard.tracker.violation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Which stations belong to intersections, and the zone of each of their antennas: for the ingest
 * hook, per frame one array read by the station's dense index (the first frame of a station
 * resolves its id once). Replaced as a whole when intersections change ({@link #of}); the
 * per-index cache fills lazily (benign races: every thread computes the same value).
 * Thread-safe.
 */
final class ZoneIndex {

    /** The zones of a station by antenna (null: that antenna covers no zone). */
    static final Zone[] NONE = new Zone[0];

    private final Map<String, Zone[]> byStation;
    private final IntFunction<String> stationId;
    private volatile Zone[][] byIdx = new Zone[0][];

    private ZoneIndex(Map<String, Zone[]> byStation, IntFunction<String> stationId) {
        this.byStation = byStation;
        this.stationId = stationId;
    }

    /** @param stationId the station id of a dense index, or null */
    static ZoneIndex of(Collection<Intersection> xs, IntFunction<String> stationId) {
        Map<String, Zone[]> m = new HashMap<>();
        for (Intersection x : xs) {
            for (Zone z : x.zones()) {
                m.computeIfAbsent(z.station(), s -> new Zone[16])[z.antenna()] = z;
            }
        }
        return new ZoneIndex(m, stationId);
    }

    /** The zones of a station id by antenna, {@link #NONE} when it belongs to no intersection. */
    Zone[] zones(String station) {
        return byStation.getOrDefault(station, NONE);
    }

    /** Whether no station belongs to an intersection. */
    boolean isEmpty() {
        return byStation.isEmpty();
    }

    /** The zones of a station by antenna, {@link #NONE} when it belongs to no intersection. */
    Zone[] zones(int stationIdx) {
        Zone[][] a = byIdx;
        if (stationIdx >= 0 && stationIdx < a.length) {
            Zone[] z = a[stationIdx];
            if (z != null) {
                return z;
            }
        }
        return resolve(stationIdx);
    }

    private synchronized Zone[] resolve(int stationIdx) {
        if (stationIdx < 0) {
            return NONE;
        }
        String id = stationId.apply(stationIdx);
        Zone[] z = id == null ? NONE : byStation.getOrDefault(id, NONE);
        Zone[][] a = byIdx;
        if (stationIdx >= a.length) {
            a = java.util.Arrays.copyOf(a, Math.max(stationIdx + 1, a.length * 2));
        } else {
            a = a.clone();
        }
        if (id != null) {
            a[stationIdx] = z;
        }
        byIdx = a;
        return z;
    }
}
