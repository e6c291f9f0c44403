package org.bikeguard.claims.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official Chinese working-day calendar built from loaded year files. A day is a working day
 * when it is listed with {@code isOffDay:false}, or when it is Monday–Friday and not listed with
 * {@code isOffDay:true}. A day is official when its year's file is loaded (or a loaded file lists
 * it explicitly). A year after the last loaded one is computed from the holiday law
 * ({@link StatutoryHolidays}) and every deadline that counts through it is provisional; a year
 * before the first loaded one is unknown and counting into it is refused. Where two files list the
 * same day (late December, fixed again by the next year's notice) the later year's file wins.
 *
 * <p>All dates are Asia/Shanghai calendar dates. Immutable; thread-safe.
 */
public final class WorkingDayCalendar {

    /** Day of December from which a deadline is provisional while next year is unknown. */
    static final int LAST_WEEK_START = 25;

    /** Years computed from the law (a pure function of the year), shared by every snapshot. */
    private static final Map<Integer, CalendarYear> STATUTORY = new ConcurrentHashMap<>();

    private final NavigableSet<Integer> years;
    private final Map<LocalDate, Boolean> offDays;
    private final List<CalendarYear> sources;

    private WorkingDayCalendar(Collection<CalendarYear> files) {
        List<CalendarYear> sorted = files.stream()
                .sorted(Comparator.comparingInt(CalendarYear::year))
                .toList();
        Map<LocalDate, Boolean> merged = new HashMap<>();
        TreeSet<Integer> ys = new TreeSet<>();
        for (CalendarYear y : sorted) {
            merged.putAll(y.days());
            ys.add(y.year());
        }
        this.sources = sorted;
        this.years = Collections.unmodifiableNavigableSet(ys);
        this.offDays = Map.copyOf(merged);
    }

    /** A calendar of the given year files; a later file for the same year replaces an earlier one. */
    public static WorkingDayCalendar of(Collection<CalendarYear> files) {
        Map<Integer, CalendarYear> byYear = new HashMap<>();
        files.forEach(f -> byYear.put(f.year(), f));
        return new WorkingDayCalendar(byYear.values());
    }

    /** This calendar with {@code file} added (or replacing the file of the same year). */
    public WorkingDayCalendar with(CalendarYear file) {
        Map<Integer, CalendarYear> byYear = new HashMap<>();
        sources.forEach(f -> byYear.put(f.year(), f));
        byYear.put(file.year(), file);
        return new WorkingDayCalendar(byYear.values());
    }

    /** The loaded years, ascending. */
    public NavigableSet<Integer> years() {
        return years;
    }

    /** Whether an official file tells if {@code date} is a working day. */
    public boolean isKnown(LocalDate date) {
        return years.contains(date.getYear()) || offDays.containsKey(date);
    }

    /**
     * Whether {@code date} is told only by the holiday law: its year comes after the last loaded
     * official file (and within {@link CalendarYear#MAX_YEAR}).
     */
    public boolean isProvisional(LocalDate date) {
        return !isKnown(date)
                && !years.isEmpty()
                && date.getYear() > years.last()
                && date.getYear() <= CalendarYear.MAX_YEAR;
    }

    /**
     * Whether {@code date} is a working day: by the official file, else, for a year after the last
     * loaded one, by the holiday law.
     *
     * @throws CalendarUnknownException when the date is neither official nor provisional
     */
    public boolean isWorkingDay(LocalDate date) {
        if (!isKnown(date)) {
            if (!isProvisional(date)) {
                throw new CalendarUnknownException(date.getYear());
            }
            boolean off = STATUTORY
                    .computeIfAbsent(date.getYear(), StatutoryHolidays::year)
                    .days()
                    .getOrDefault(date, false);
            return !off && !weekend(date);
        }
        Boolean off = offDays.get(date);
        if (off != null) {
            return !off;
        }
        return !weekend(date);
    }

    private static boolean weekend(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    /**
     * The date {@code days} working days after {@code from}; {@code from} itself (day 0) is not
     * counted, whatever kind of day it is.
     *
     * @param from start date (Asia/Shanghai), need not be known
     * @param days working days to count, 1–366
     * @return the date; provisional when the count went through a year computed from the law, or
     *     ends in the last week of a December whose next year has no official file
     * @throws CalendarUnknownException when the count reaches a year before the first loaded one
     */
    public Deadline addWorkingDays(LocalDate from, int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be 1..366: " + days);
        }
        LocalDate d = from;
        int counted = 0;
        boolean provisional = false;
        while (counted < days) {
            d = d.plusDays(1);
            provisional |= isProvisional(d);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return new Deadline(d, provisional || lastWeekBeforeUnknownYear(d));
    }

    private boolean lastWeekBeforeUnknownYear(LocalDate d) {
        return d.getMonth() == Month.DECEMBER
                && d.getDayOfMonth() >= LAST_WEEK_START
                && !years.contains(d.getYear() + 1);
    }

    /** The loaded files, ascending by year. */
    public List<CalendarYear> files() {
        return sources;
    }
}
