package org.bikeguard.tracker.correlate;

import java.util.Comparator;

/** Orders sightings by firstSeen, then station, lastSeen, tag. Thread-safe (stateless). */
public final class SightingOrder implements Comparator<Sighting> {
    /** The shared instance. */
    public static final SightingOrder INSTANCE = new SightingOrder();

    private SightingOrder() {}

    @Override
    public int compare(Sighting a, Sighting b) {
        int c = Long.compare(a.firstSeen(), b.firstSeen());
        if (c == 0) {
            c = Integer.compare(a.station(), b.station());
        }
        if (c == 0) {
            c = Long.compare(a.lastSeen(), b.lastSeen());
        }
        if (c == 0) {
            c = Long.compare(a.tag(), b.tag());
        }
        return c;
    }
}
