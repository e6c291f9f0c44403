package org.bikeguard.sim.truth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Fast ISO-8601 UTC formatting with milliseconds ({@code 2026-11-23T04:05:06.789Z}), the form
 * the tracker API and the ground truth use, and lenient parsing of any ISO-8601 instant.
 *
 * <p>Not thread-safe (caches the last day's date prefix); use one per thread.
 */
public final class IsoTime {
    private static final long DAY_MS = 86_400_000L;
    private long cachedDay = Long.MIN_VALUE;
    private String cachedPrefix;

    /** Appends {@code epochMs} (UTC) to {@code sb}. */
    public StringBuilder append(StringBuilder sb, long epochMs) {
        long day = Math.floorDiv(epochMs, DAY_MS);
        if (day != cachedDay) {
            cachedDay = day;
            cachedPrefix = LocalDate.ofEpochDay(day) + "T";
        }
        int ms = (int) Math.floorMod(epochMs, DAY_MS);
        sb.append(cachedPrefix);
        two(sb, ms / 3_600_000).append(':');
        two(sb, ms / 60_000 % 60).append(':');
        two(sb, ms / 1000 % 60).append('.');
        int milli = ms % 1000;
        sb.append((char) ('0' + milli / 100))
                .append((char) ('0' + milli / 10 % 10))
                .append((char) ('0' + milli % 10));
        return sb.append('Z');
    }

    /** {@code epochMs} formatted. */
    public String format(long epochMs) {
        return append(new StringBuilder(24), epochMs).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * Parses an ISO-8601 instant with {@code Z} or an offset ({@code 2026-11-23T12:05:06+08:00});
     * epoch ms.
     *
     * @throws DateTimeParseException when it is not one
     */
    public static long parse(String s) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
        }
    }
}
