package org.bikeguard.tracker.zones;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dwell of tags in zones on event time, and the rules' decisions. A stay is a run of reads of one
 * tag at any station of one zone with no gap longer than the sighting gap; its dwell is the time
 * from its first read to its newest. Decisions, each taken once per stay:
 * <ul>
 * <li>building entrance: {@link Hit.Kind#ENTERED} at the stay's first read;</li>
 * <li>fire lane: {@link Hit.Kind#TEXT} when the dwell exceeds the grace, {@link Hit.Kind#FINE}
 * when it exceeds twice the grace (still there a whole grace after the text);</li>
 * <li>corridor: {@link Hit.Kind#FINE} when the dwell exceeds the grace.</li>
 * </ul>
 * A replayed stream gives the same decisions (event time only). Reads a little out of order are
 * merged. Thread-safe: each (zone, tag) is updated atomically in a concurrent map.
 */
final class ZoneStays {

    /** A rule's decision; times epoch ms UTC. */
    record Hit(Kind kind, Zone zone, long tag, String station, long enterMs, long atMs) {
        enum Kind {
            ENTERED("entered"),
            TEXT("text"),
            FINE("fine");

            final String wire;

            Kind(String wire) {
                this.wire = wire;
            }
        }
    }

    private record Key(String zone, long tag) {}

    private static final class Stay {
        long enter;
        long last;
        long touched;
        boolean entered;
        boolean texted;
        boolean fined;
    }

    private final long gapMs;
    private final ConcurrentHashMap<Key, Stay> stays = new ConcurrentHashMap<>();

    /** @param gapMs longest time between reads of one stay (the sighting gap) */
    ZoneStays(long gapMs) {
        this.gapMs = gapMs;
    }

    /**
     * One read of {@code tag} at {@code station} of {@code zone}.
     *
     * @param ts        the read's time, epoch ms UTC
     * @param wallNowMs the tracker clock (for {@link #purge})
     * @return the decisions this read took (usually none)
     */
    List<Hit> onRead(Zone zone, long tag, String station, long ts, long wallNowMs) {
        List<Hit> hits = new ArrayList<>(1);
        stays.compute(new Key(zone.id(), tag), (k, s) -> {
            if (s == null || ts > s.last + gapMs || ts < s.enter - gapMs) {
                s = new Stay();
                s.enter = ts;
                s.last = ts;
            } else {
                s.enter = Math.min(s.enter, ts);
                s.last = Math.max(s.last, ts);
            }
            s.touched = wallNowMs;
            decide(zone, tag, station, s, hits);
            return s;
        });
        return hits;
    }

    private static void decide(Zone z, long tag, String station, Stay s, List<Hit> hits) {
        long dwell = s.last - s.enter;
        long grace = z.graceS() * 1000L;
        switch (z.kind()) {
            case BUILDING_ENTRANCE -> {
                if (!s.entered) {
                    s.entered = true;
                    hits.add(new Hit(Hit.Kind.ENTERED, z, tag, station, s.enter, s.last));
                }
            }
            case FIRE_LANE -> {
                if (!s.texted && dwell > grace) {
                    s.texted = true;
                    hits.add(new Hit(Hit.Kind.TEXT, z, tag, station, s.enter, s.last));
                }
                if (!s.fined && dwell > 2 * grace) {
                    s.fined = true;
                    hits.add(new Hit(Hit.Kind.FINE, z, tag, station, s.enter, s.last));
                }
            }
            case CORRIDOR -> {
                if (!s.fined && dwell > grace) {
                    s.fined = true;
                    hits.add(new Hit(Hit.Kind.FINE, z, tag, station, s.enter, s.last));
                }
            }
        }
    }

    /** Forgets stays not read for {@code idleMs} of wall time; returns how many remain. */
    int purge(long wallNowMs, long idleMs) {
        stays.values().removeIf(s -> wallNowMs - s.touched > idleMs);
        return stays.size();
    }
}
