package org.bikeguard.tracker.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "At most one alarm per (tag, station) sighting" for alarms that may fire on any tag (tamper):
 * remembers the newest read time per (tag, station) and says whether a read starts a new
 * sighting (none known, or more than the gap after the last one). Times epoch ms UTC. Thread-safe;
 * only touched on the rare path (a flagged read).
 */
final class SightingLimiter {

    private record Key(long tag, int station) {}

    private final long gapMs;
    private final Map<Key, Long> last = new ConcurrentHashMap<>();

    SightingLimiter(long gapMs) {
        this.gapMs = gapMs;
    }

    /** Records the read; {@code true} when it starts a new sighting. */
    boolean isNew(long tag, int station, long ts) {
        boolean[] fresh = new boolean[1];
        last.compute(new Key(tag, station), (k, prev) -> {
            fresh[0] = prev == null || ts > prev + gapMs;
            return prev == null ? ts : Math.max(prev, ts);
        });
        return fresh[0];
    }

    /** Drops entries whose newest read is older than {@code before} (epoch ms). */
    void prune(long before) {
        last.values().removeIf(v -> v < before);
    }
}
