package org.bikeguard.claims.calendar;

import java.util.Map;
import org.bikeguard.claims.ClaimsException;

/**
 * A working-day count reached a year whose official calendar is not loaded (typically the next
 * year before its notice appears in November). Answered as 422 {@code calendar_unknown}.
 */
public final class CalendarUnknownException extends ClaimsException {

    private final int year;

    public CalendarUnknownException(int year) {
        super(
                422,
                "calendar_unknown",
                "no official calendar is loaded for " + year
                        + "; an administrator must load that year's file before this deadline can be computed",
                Map.of("year", year));
        this.year = year;
    }

    /** The first year the count needed and could not find. */
    public int year() {
        return year;
    }
}
