package org.bikeguard.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Scenario time for tests, independent of the calendar and the time of day: clocks that start at a
 * fixed instant and then tick with real time (the tracker closes sightings of silent stations
 * after gaps of its clock's time, and periodic jobs run in real time, so a frozen clock would not
 * do). Tests build their scenario from {@link #start()} or a {@link ScenarioDate}, never from the
 * machine's date.
 *
 * <p>The default start is {@link ScenarioDate#WEEKDAY}; the system property {@value #PROPERTY}
 * (an ISO-8601 instant with offset, or the name of a {@link ScenarioDate}) moves every test that
 * uses the default to another "now", e.g. {@code mvn verify -Dbikeguard.test.now=YEAR_2027}
 * (Maven passes it on to the forked test JVMs).
 */
public final class ScenarioClock {

    /** System property naming the default scenario start. */
    public static final String PROPERTY = "bikeguard.test.now";
    /** Calendar dates of the scenarios (claims, registry) are in this zone. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private ScenarioClock() {}

    /** The default scenario start: {@value #PROPERTY} when set, else {@link ScenarioDate#WEEKDAY}. */
    public static Instant start() {
        String p = System.getProperty(PROPERTY, "").trim();
        if (p.isEmpty()) {
            return ScenarioDate.WEEKDAY.instant();
        }
        for (ScenarioDate d : ScenarioDate.values()) {
            if (d.name().equalsIgnoreCase(p)) {
                return d.instant();
            }
        }
        return OffsetDateTime.parse(p).toInstant();
    }

    /** A clock (UTC) that reads {@link #start()} now and ticks from there. */
    public static Clock ticking() {
        return ticking(start());
    }

    /** A clock (UTC) that reads {@code start} now and ticks from there with real time. */
    public static Clock ticking(Instant start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }

    /** A clock (UTC) that always reads {@code at}. */
    public static Clock fixed(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }
}
