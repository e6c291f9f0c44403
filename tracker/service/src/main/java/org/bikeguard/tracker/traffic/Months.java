package org.bikeguard.tracker.traffic;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.bikeguard.common.web.BadInputException;

/** Calendar months of the city ({@code Asia/Shanghai}) as {@code YYYY-MM}. Stateless. */
public final class Months {

    /** The city's zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Months() {}

    /** Parses {@code YYYY-MM} (2000..2999); {@code dflt} when null or blank. @throws BadInputException */
    public static YearMonth parse(String text, YearMonth dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            if (!text.matches("2[0-9]{3}-[0-9]{2}")) {
                throw new DateTimeParseException("", text, 0);
            }
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw BadInputException.invalid("month", "must be YYYY-MM, e.g. 2026-11");
        }
    }

    /** The current month by the clock. */
    public static YearMonth now(Clock clock) {
        return YearMonth.now(clock.withZone(ZONE));
    }

    /** The month's first instant. */
    public static Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    /** The next month's first instant (exclusive end). */
    public static Instant end(YearMonth m) {
        return start(m.plusMonths(1));
    }
}
