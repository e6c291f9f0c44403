package org.bikeguard.sim.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.sim.truth.IsoTime;

/**
 * The simulated window of a run. When the run is faster than real time, the simulated clock
 * starts at {@code now - duration} (unless {@code --start} says otherwise) and the window must
 * end before now, so that no read is ever stamped in the future; at real time or slower it
 * starts now by default and must not start in the future.
 *
 * <p>{@code --start} takes an ISO-8601 instant with an offset, or {@code HH:MM} meaning the
 * latest such time of day in Asia/Shanghai that keeps the window in the past.
 *
 * <p>Units: epoch ms UTC. Immutable; thread-safe.
 *
 * @param start simulated start, epoch ms
 * @param end simulated end, epoch ms ({@link Long#MAX_VALUE} when endless)
 */
public record RunWindow(long start, long end) {
    /** Asia/Shanghai (UTC+8 all year). */
    public static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    /** Resolves the window of {@code o} at wall time {@code nowMs}. */
    public static RunWindow resolve(CityOptions o, long nowMs) throws UsageException {
        boolean fast = o.speed() > 1;
        long duration = o.endless() ? 0 : o.duration().toMillis();
        long start;
        if (o.start() == null) {
            start = fast ? nowMs - duration : nowMs;
        } else if (o.start().matches("\\d{1,2}:\\d{2}")) {
            LocalTime time = LocalTime.parse(o.start().length() == 4 ? "0" + o.start() : o.start());
            LocalDate day = Instant.ofEpochMilli(nowMs).atZone(SHANGHAI).toLocalDate();
            long latest = fast ? nowMs - duration : nowMs;
            start = ZonedDateTime.of(day, time, SHANGHAI).toInstant().toEpochMilli();
            while (start > latest) {
                start -= 86_400_000L;
            }
        } else {
            try {
                start = IsoTime.parse(o.start());
            } catch (DateTimeParseException e) {
                throw new UsageException(
                        "--start expects an ISO-8601 instant with an offset or" + " HH:MM, got '" + o.start() + "'");
            }
        }
        if (start > nowMs + 60_000) {
            throw new UsageException(
                    "--start lies in the future: reads would be stamped ahead" + " of the tracker's clock");
        }
        if (fast && start + duration > nowMs) {
            throw new UsageException("at --speed above 1 the simulated window must end before now"
                    + " (start + duration <= now), or reads would be stamped in the future; use an"
                    + " earlier --start or leave it out");
        }
        return new RunWindow(start, o.endless() ? Long.MAX_VALUE : start + duration);
    }

    /** {@code t} as an ISO-8601 time in Asia/Shanghai, to the second. */
    public static String local(long t) {
        return LOCAL.format(Instant.ofEpochMilli(t).atOffset(SHANGHAI));
    }

    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
}
