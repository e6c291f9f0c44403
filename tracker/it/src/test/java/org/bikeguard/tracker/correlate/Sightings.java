package org.bikeguard.tracker.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test helpers for comparing sets of sightings. */
final class Sightings {
    /** Total order over every field, so equal multisets sort to equal lists. */
    static final Comparator<Sighting> FULL = SightingOrder.INSTANCE
            .thenComparingLong(Sighting::reads)
            .thenComparingInt(Sighting::peakRssi)
            .thenComparingInt(Sighting::flags)
            .thenComparing(Sighting::open);

    private Sightings() {}

    static List<Sighting> sorted(List<Sighting> in) {
        List<Sighting> out = new ArrayList<>(in);
        out.sort(FULL);
        return out;
    }

    /** Closed and open sightings of a snapshot, sorted. */
    static List<Sighting> of(Snapshot s) {
        List<Sighting> all = new ArrayList<>(s.closed());
        for (byte[] chunk : s.openState()) {
            all.addAll(SightingCodec.decode(chunk));
        }
        return sorted(all);
    }
}
