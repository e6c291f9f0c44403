package org.bikeguard.tracker.alert;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Thresholds of the pattern alarms. Immutable.
 *
 * @param maxSpeedKmh   fastest plausible e-bike speed; two reads at stations whose distance, less
 *                      both radii, needs more than this (plus {@code clockSkew}) raise {@code clone}
 * @param clockSkew     time tolerance added to the interval between two reads (station clocks differ)
 * @param cloneQuiet    after a clone alarm, no other clone alarm for the same tag during this (event time)
 * @param sightingGap   reads at one station further apart than this are two stays (the tracker's sighting gap)
 * @param homeStay      a stay at least this long makes its station the tag's home station
 * @param silentAfter   a tag not heard anywhere for this long after its home stay ended is silent
 * @param nightStart    local hour (in {@code zone}) from which a departure counts as "at night" (inclusive)
 * @param nightEnd      local hour until which it counts (exclusive)
 * @param zone          the city's time zone for "night"
 */
public record PatternRules(
        double maxSpeedKmh,
        Duration clockSkew,
        Duration cloneQuiet,
        Duration sightingGap,
        Duration homeStay,
        Duration silentAfter,
        int nightStart,
        int nightEnd,
        ZoneId zone) {

    /** The city's zone. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public PatternRules {
        if (maxSpeedKmh <= 0 || nightStart < 0 || nightStart > 23 || nightEnd < 0 || nightEnd > 23) {
            throw new IllegalArgumentException("bad pattern rules");
        }
    }

    /** 60 km/h, 2 s skew, 10 min quiet, 2 h home stay, silent after 10 min, night 23:00–05:00 Asia/Shanghai. */
    public static PatternRules defaults(Duration sightingGap) {
        return new PatternRules(
                60,
                Duration.ofSeconds(2),
                Duration.ofMinutes(10),
                sightingGap,
                Duration.ofHours(2),
                Duration.ofMinutes(10),
                23,
                5,
                SHANGHAI);
    }

    /** Whether the instant (epoch ms UTC) falls in the night window, local time. */
    boolean isNight(long epochMs) {
        int hour = java.time.Instant.ofEpochMilli(epochMs).atZone(zone).getHour();
        return nightStart > nightEnd ? hour >= nightStart || hour < nightEnd : hour >= nightStart && hour < nightEnd;
    }
}
