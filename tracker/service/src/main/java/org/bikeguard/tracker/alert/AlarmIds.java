package org.bikeguard.tracker.alert;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.Map;

/**
 * The cluster-wide alarm id counter: one entry of the map {@value #MAP_NAME}, changed only by
 * entry processors (atomic on the key's partition, backed up like any map entry), so ids are
 * strictly increasing in the order members ask for them. (Hazelcast's CP {@code IAtomicLong} is
 * not available in the open-source edition.) Ids stay below 2^53 so JavaScript reads them exactly.
 * Blocking calls (one partition operation each); thread-safe.
 */
final class AlarmIds {

    static final String MAP_NAME = "bikeguard.alarm-ids";
    private static final String KEY = "alarm";

    private final IMap<String, Long> map;

    AlarmIds(HazelcastInstance hz) {
        this.map = hz.getMap(MAP_NAME);
    }

    /** Raises the counter to at least {@code floor} (no-op when it is already higher). */
    void atLeast(long floor) {
        map.executeOnKey(KEY, new Floor(floor));
    }

    /** The next id. */
    long next() {
        return map.executeOnKey(KEY, new Next());
    }

    /** Sets the value to max(value, floor). */
    static final class Floor implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;
        private final long floor;

        Floor(long floor) {
            this.floor = floor;
        }

        @Override
        public Long process(Map.Entry<String, Long> e) {
            long v = e.getValue() == null ? 0 : e.getValue();
            if (floor > v) {
                e.setValue(floor);
                return floor;
            }
            return v;
        }
    }

    /** Increments and returns the new value. */
    static final class Next implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> e) {
            long v = (e.getValue() == null ? 0 : e.getValue()) + 1;
            e.setValue(v);
            return v;
        }
    }
}
