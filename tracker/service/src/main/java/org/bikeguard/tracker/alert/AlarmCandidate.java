package org.bikeguard.tracker.alert;

import java.util.List;
import java.util.Objects;

/**
 * What a detector hands to the {@link AlarmHub}: an alarm before it has an id. Immutable.
 *
 * @param type       the alarm type
 * @param tag        the tag id
 * @param stationIdx dense index of the station where it happened
 * @param at         event time of the triggering read, epoch ms UTC
 * @param recent     sightings known to the detector that explain the alarm (oldest first), may be empty
 * @param seenNanos  when the detector saw the triggering read ({@link System#nanoTime()} of this
 *                   process): the start of the alarm's {@code bikeguard_alarms_latency_seconds}
 */
public record AlarmCandidate(
        AlarmType type, long tag, int stationIdx, long at, List<Alarm.Recent> recent, long seenNanos) {

    public AlarmCandidate {
        Objects.requireNonNull(type, "type");
        recent = List.copyOf(recent);
    }

    /** A candidate seen now. */
    public AlarmCandidate(AlarmType type, long tag, int stationIdx, long at, List<Alarm.Recent> recent) {
        this(type, tag, stationIdx, at, recent, System.nanoTime());
    }
}
