package org.bikeguard.tracker.alert;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * "At most one tamper alarm per (tag, station) sighting", cluster-wide: the newest tamper-flagged
 * read time per (tag, station) lives in the Hazelcast map {@value #MAP_NAME} (backed up and
 * migrated like any map entry, so a station that reconnects to another member, two members
 * hearing one station, or a member joining or leaving never makes a sighting raise twice) and
 * is changed only by an entry processor on the key's partition. A read starts a new sighting when
 * none is known or it is more than the sighting gap after the newest one. An entry lives
 * {@value #KEEP_MINUTES} minutes after its newest read was recorded (member time). Times are epoch
 * ms UTC (event time). Thread-safe; only touched on the rare path (a flagged read), one
 * asynchronous partition operation per read.
 */
final class TamperSightings {

    static final String MAP_NAME = "bikeguard.tamper-sightings";
    /** Minutes an entry outlives its newest read. */
    static final long KEEP_MINUTES = 60;

    private final IMap<String, Long> map;
    private final long gapMs;

    /** @param gapMs the sighting gap: flagged reads further apart than this at one station are two sightings */
    TamperSightings(HazelcastInstance hz, long gapMs) {
        this.map = hz.getMap(MAP_NAME);
        this.gapMs = gapMs;
    }

    /** Records the read; completes with {@code true} when it starts a new sighting. Never blocks. */
    CompletionStage<Boolean> isNew(long tag, int station, long ts) {
        return map.submitToKey(key(tag, station), new Mark(ts, gapMs));
    }

    static String key(long tag, int station) {
        return Long.toHexString(tag) + "@" + station;
    }

    /**
     * Stores max(newest, ts) and answers whether {@code ts} starts a new sighting. Deterministic,
     * so the backup replica applies it to the same state with the same outcome.
     */
    static final class Mark implements EntryProcessor<String, Long, Boolean> {
        private static final long serialVersionUID = 1L;
        private final long ts;
        private final long gapMs;

        Mark(long ts, long gapMs) {
            this.ts = ts;
            this.gapMs = gapMs;
        }

        @Override
        public Boolean process(Map.Entry<String, Long> e) {
            Long prev = e.getValue();
            boolean fresh = prev == null || ts > prev + gapMs;
            long next = prev == null ? ts : Math.max(prev, ts);
            if (e instanceof ExtendedMapEntry<String, Long> x) {
                x.setValue(next, KEEP_MINUTES, TimeUnit.MINUTES);
            } else {
                e.setValue(next);
            }
            return fresh;
        }
    }
}
