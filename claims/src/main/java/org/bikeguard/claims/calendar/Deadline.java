package org.bikeguard.claims.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A deadline computed on the official calendar.
 *
 * @param date        the Asia/Shanghai calendar date
 * @param provisional true when the count went through a year without an official notice (computed
 *                    from the holiday law), or it lies in the last week of December of a year
 *                    whose successor's calendar is not loaded yet: the notice may still move it
 */
public record Deadline(LocalDate date, boolean provisional) {
    public Deadline {
        Objects.requireNonNull(date, "date");
    }
}
