package org.bikeguard.tracker.trajectory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the API writes them: ISO-8601 UTC with milliseconds. Stateless; thread-safe. */
public final class IsoTimes {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoTimes() {}

    /** Formats epoch milliseconds (UTC) as e.g. {@code 2026-11-23T04:05:06.789Z}. */
    public static String format(long epochMs) {
        return FORMAT.format(Instant.ofEpochMilli(epochMs));
    }

    /** Formats an instant (truncated to milliseconds) the same way. */
    public static String format(Instant instant) {
        return format(instant.toEpochMilli());
    }
}
