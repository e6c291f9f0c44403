package org.bikeguard.tracker.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.LongPredicate;
import org.bikeguard.tracker.station.Station;

/**
 * The recent stays of watched tags as this member has heard them, and the rule "one alarm per
 * (tag, station) sighting": a read extends the stay at its station when it falls within the
 * sighting gap of it (either side, so slightly out-of-order reads merge), and otherwise starts a
 * new stay, which is what raises a {@code stolen} alarm. Keeps the last {@value #KEEP} stays per
 * tag, seeded from the database when a tag is watched. Times are epoch ms UTC (event time).
 * Thread-safe: one lock per tag, taken only for watched tags.
 */
final class Trails {

    /** Stays kept per tag. */
    static final int KEEP = 16;

    private record Stay(int station, long first, long last) {}

    private static final class Trail {
        private final List<Stay> stays = new ArrayList<>();
    }

    private final long gapMs;
    private final Map<Long, Trail> trails = new ConcurrentHashMap<>();

    /** @param gapMs the sighting gap: reads further apart than this at one station are two sightings */
    Trails(long gapMs) {
        this.gapMs = gapMs;
    }

    /**
     * Records a read of a watched tag.
     *
     * @return {@code true} when the read starts a new sighting (raise an alarm), {@code false}
     * when it belongs to one already known
     */
    boolean onRead(long tag, int station, long ts) {
        Trail t = trails.computeIfAbsent(tag, k -> new Trail());
        synchronized (t) {
            for (int i = t.stays.size() - 1; i >= 0; i--) {
                Stay s = t.stays.get(i);
                if (s.station() == station && ts >= s.first() - gapMs && ts <= s.last() + gapMs) {
                    t.stays.set(i, new Stay(station, Math.min(s.first(), ts), Math.max(s.last(), ts)));
                    return false;
                }
            }
            insert(t, new Stay(station, ts, ts));
            return true;
        }
    }

    /** Seeds a tag's trail with stays from history (e.g. the database); known stays are kept. */
    void seed(long tag, List<Alarm.Recent> history, java.util.function.ToIntFunction<String> stationIdx) {
        Trail t = trails.computeIfAbsent(tag, k -> new Trail());
        synchronized (t) {
            for (Alarm.Recent r : history) {
                int idx = stationIdx.applyAsInt(r.station());
                if (idx > 0) {
                    insert(t, new Stay(idx, r.firstSeen(), r.lastSeen()));
                }
            }
        }
    }

    /** The tag's known stays, oldest first (stations that no longer exist are left out). */
    List<Alarm.Recent> recent(long tag, IntFunction<Station> stations) {
        Trail t = trails.get(tag);
        if (t == null) {
            return List.of();
        }
        List<Alarm.Recent> out = new ArrayList<>();
        synchronized (t) {
            for (Stay s : t.stays) {
                Station st = stations.apply(s.station());
                if (st != null) {
                    out.add(new Alarm.Recent(st.id(), st.lon(), st.lat(), s.first(), s.last()));
                }
            }
        }
        return out;
    }

    /** Forgets tags that are no longer watched. */
    void retain(LongPredicate watched) {
        trails.keySet().removeIf(tag -> !watched.test(tag));
    }

    private static void insert(Trail t, Stay s) {
        int i = t.stays.size();
        while (i > 0 && t.stays.get(i - 1).first() > s.first()) {
            i--;
        }
        t.stays.add(i, s);
        if (t.stays.size() > KEEP) {
            t.stays.remove(0);
        }
    }
}
