package org.bikeguard.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The fixed "now" values that date-sensitive tests run against (times in Asia/Shanghai, +08:00):
 * a working day, a weekend, a Chinese public holiday, New Year's Eve, and a date in 2027 (a year
 * whose official holiday notice the claims calendar does not bundle) early in the morning, when
 * the Shanghai date is a day ahead of the UTC date.
 */
public enum ScenarioDate {

    /** Tuesday 24 November 2026, 10:00: an ordinary working day. */
    WEEKDAY("2026-11-24T10:00:00+08:00"),
    /** Saturday 28 November 2026, 10:00: a weekend day. */
    WEEKEND("2026-11-28T10:00:00+08:00"),
    /** Thursday 1 October 2026, 10:00: National Day, a public holiday. */
    HOLIDAY("2026-10-01T10:00:00+08:00"),
    /** Thursday 31 December 2026, 20:00: the last day of the year. */
    NEW_YEARS_EVE("2026-12-31T20:00:00+08:00"),
    /** Monday 15 March 2027, 07:30 (23:30 UTC on the 14th): a working day of 2027. */
    YEAR_2027("2027-03-15T07:30:00+08:00");

    private final OffsetDateTime at;

    ScenarioDate(String at) {
        this.at = OffsetDateTime.parse(at);
    }

    /** The instant. */
    public Instant instant() {
        return at.toInstant();
    }

    /** Its date in Asia/Shanghai. */
    public LocalDate shanghaiDate() {
        return at.atZoneSameInstant(ScenarioClock.SHANGHAI).toLocalDate();
    }
}
