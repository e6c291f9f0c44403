package org.bikeguard.claims.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A year's public holidays computed from the national holiday law (《全国年节及纪念日放假办法》,
 * 2024 revision, in force from 2025), for years whose official notice is not out yet: New Year's
 * Day (1 January), Spring Festival (4 days from New Year's Eve), Qingming (the solar term's day),
 * Labour Day (1 and 2 May), Dragon Boat (5th of the 5th lunar month), Mid-Autumn (15th of the 8th
 * lunar month) and National Day (1–3 October). A holiday on a Saturday or Sunday, or on a day
 * another holiday already takes, is made up on the next working day (a Monday–Friday not already
 * off). The official notice usually also swaps weekend days (调休); those cannot be foreseen, so a
 * year computed here is provisional.
 *
 * <p>Lunar dates and the Qingming solar term come from 6tail's {@code lunar} library
 * ({@code cn.6tail:lunar}, MIT), reached by reflection so that the module builds while the
 * library is not in the local repository: without it on the class path, {@link #available()} is
 * false and no year is computed (deadlines into such a year stay 422 {@code calendar_unknown}).
 * Dates are Asia/Shanghai calendar dates. Pure; thread-safe.
 */
public final class StatutoryHolidays {

    private StatutoryHolidays() {}

    /** One statutory holiday day: its name and date. */
    public record Holiday(String name, LocalDate date) {}

    /** The days the law makes holidays in {@code year}, before any make-up, in date order. */
    public static List<Holiday> holidays(int year) {
        List<Holiday> out = new ArrayList<>();
        out.add(new Holiday("元旦", LocalDate.of(year, 1, 1)));
        LocalDate springFestival = lunar(year, 1, 1);
        for (int i = -1; i <= 2; i++) {
            out.add(new Holiday("春节", springFestival.plusDays(i)));
        }
        out.add(new Holiday("清明节", qingming(year)));
        out.add(new Holiday("劳动节", LocalDate.of(year, 5, 1)));
        out.add(new Holiday("劳动节", LocalDate.of(year, 5, 2)));
        out.add(new Holiday("端午节", lunar(year, 5, 5)));
        out.add(new Holiday("中秋节", lunar(year, 8, 15)));
        for (int d = 1; d <= 3; d++) {
            out.add(new Holiday("国庆节", LocalDate.of(year, 10, d)));
        }
        out.sort((a, b) -> a.date().compareTo(b.date()));
        return out;
    }

    /**
     * The year as a provisional calendar: every holiday off, and each one on a weekend (or on a
     * day already off) made up on the next working day.
     */
    public static CalendarYear year(int year) {
        TreeSet<LocalDate> off = new TreeSet<>();
        Map<LocalDate, Boolean> days = new TreeMap<>();
        List<LocalDate> toMakeUp = new ArrayList<>();
        for (Holiday h : holidays(year)) {
            if (!off.add(h.date()) || isWeekend(h.date())) {
                toMakeUp.add(h.date());
            }
        }
        for (LocalDate from : toMakeUp) {
            LocalDate d = from.plusDays(1);
            while (isWeekend(d) || off.contains(d)) {
                d = d.plusDays(1);
            }
            off.add(d);
        }
        // a make-up day of a late-December holiday never falls outside the year here: the last
        // holidays of the year are in October
        off.forEach(d -> days.put(d, true));
        return new CalendarYear(year, days);
    }

    /** Whether 6tail's lunar library is on the class path. */
    public static boolean available() {
        try {
            Class.forName("com.nlf.calendar.Lunar");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The Gregorian date of a lunar date in lunar year {@code year}. */
    static LocalDate lunar(int year, int month, int day) {
        try {
            Class<?> lunar = Class.forName("com.nlf.calendar.Lunar");
            Object l =
                    lunar.getMethod("fromYmd", int.class, int.class, int.class).invoke(null, year, month, day);
            return solarDate(lunar.getMethod("getSolar").invoke(l));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("6tail lunar library unavailable", e);
        }
    }

    /** The day of the Qingming solar term in {@code year} (Asia/Shanghai, as the library computes it). */
    static LocalDate qingming(int year) {
        try {
            Class<?> solar = Class.forName("com.nlf.calendar.Solar");
            Object s =
                    solar.getMethod("fromYmd", int.class, int.class, int.class).invoke(null, year, 4, 15);
            Object l = solar.getMethod("getLunar").invoke(s);
            Map<?, ?> terms =
                    (Map<?, ?>) l.getClass().getMethod("getJieQiTable").invoke(l);
            return solarDate(terms.get("清明"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("6tail lunar library unavailable", e);
        }
    }

    private static LocalDate solarDate(Object solar) throws ReflectiveOperationException {
        Class<?> c = solar.getClass();
        return LocalDate.of(
                (int) c.getMethod("getYear").invoke(solar),
                (int) c.getMethod("getMonth").invoke(solar),
                (int) c.getMethod("getDay").invoke(solar));
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
