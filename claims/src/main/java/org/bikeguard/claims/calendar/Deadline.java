package org.bikeguard.claims.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A deadline computed on the official calendar.
 *
 * @param date        the Asia/Shanghai calendar date
 * @param provisional true when it lies in the last week of December of a year whose successor's
 *                    calendar is not loaded yet: that file may still move those days
 */
public record Deadline(LocalDate date, boolean provisional) {
    public Deadline {
        Objects.requireNonNull(date, "date");
    }
}
