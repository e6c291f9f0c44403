package org.bikeguard.claims;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The scheme's time conventions: calendar dates are Asia/Shanghai dates, instants are UTC and
 * printed with milliseconds. Stateless; thread-safe.
 */
public final class ShanghaiTime {

    /** The zone of every calendar date in the scheme. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter INSTANT_MS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneId.of("UTC"));

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZONE);

    private ShanghaiTime() {}

    /** Today's Asia/Shanghai date by {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The Asia/Shanghai date of an instant. */
    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** The instant at which an Asia/Shanghai date starts. */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** Local Asia/Shanghai time for documents, e.g. {@code 2026-08-10 10:00 (UTC+8)}; null stays null. */
    public static String local(Instant instant) {
        return instant == null ? null : LOCAL.format(instant) + " (UTC+8)";
    }

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-23T04:05:06.789Z}; null stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : INSTANT_MS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
