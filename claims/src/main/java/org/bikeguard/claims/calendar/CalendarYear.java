package org.bikeguard.claims.calendar;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.bikeguard.claims.ClaimsException;

/**
 * One year's official calendar (a holiday-cn year file): the days that differ from a plain
 * Monday–Friday week, {@code true} = off day (holiday), {@code false} = working weekend day (调休).
 * A year file may also fix the last days of December of the year before. Dates are
 * Asia/Shanghai calendar dates. Immutable; thread-safe.
 *
 * @param year the year the file is for
 * @param days date → isOffDay
 */
public record CalendarYear(int year, Map<LocalDate, Boolean> days) {

    /** Earliest and latest year accepted (sanity bounds for uploaded files). */
    public static final int MIN_YEAR = 2000;

    public static final int MAX_YEAR = 2100;

    public CalendarYear {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ClaimsException.invalid("calendar year out of range: " + year);
        }
        if (days == null || days.isEmpty()) {
            throw ClaimsException.invalid("the calendar of " + year + " lists no days: its notice is not yet known");
        }
        for (LocalDate d : days.keySet()) {
            boolean inYear = d.getYear() == year;
            boolean endOfPrevious = d.getYear() == year - 1 && d.getMonthValue() == 12;
            if (!inYear && !endOfPrevious) {
                throw ClaimsException.invalid(
                        "the calendar of " + year + " lists " + d + ", outside the year and the December before",
                        Map.of("date", d.toString()));
            }
        }
        days = Collections.unmodifiableMap(new TreeMap<>(days));
    }

    /**
     * Parses a holiday-cn year file: {@code {"year":2026,"days":[{"name","date","isOffDay"}]}}.
     *
     * @throws ClaimsException (400) when the text is not such a file
     */
    public static CalendarYear parse(String json) {
        JsonObject o;
        try {
            o = new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            throw ClaimsException.invalid("the calendar file is not a JSON object");
        }
        Object y = o.getValue("year");
        if (!(y instanceof Number n)) {
            throw ClaimsException.invalid("the calendar file has no numeric \"year\"");
        }
        Object arr = o.getValue("days");
        if (!(arr instanceof JsonArray days)) {
            throw ClaimsException.invalid("the calendar file has no \"days\" array");
        }
        Map<LocalDate, Boolean> map = new TreeMap<>();
        for (int i = 0; i < days.size(); i++) {
            Object e = days.getValue(i);
            if (!(e instanceof JsonObject day)
                    || !(day.getValue("isOffDay") instanceof Boolean off)
                    || !(day.getValue("date") instanceof String ds)) {
                throw ClaimsException.invalid("days[" + i + "] needs \"date\" and boolean \"isOffDay\"");
            }
            try {
                if (map.put(LocalDate.parse(ds), off) != null) {
                    throw ClaimsException.invalid("days[" + i + "] repeats " + ds);
                }
            } catch (DateTimeException ex) {
                throw ClaimsException.invalid("days[" + i + "] has an invalid date: " + ds);
            }
        }
        return new CalendarYear(n.intValue(), map);
    }

    /** This year as a holiday-cn JSON file (names are not kept). */
    public JsonObject toJson() {
        JsonArray arr = new JsonArray();
        days.forEach(
                (d, off) -> arr.add(new JsonObject().put("date", d.toString()).put("isOffDay", off)));
        return new JsonObject().put("year", year).put("days", arr);
    }
}
