package org.bikeguard.claims.calendar;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
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
 * ({@code cn.6tail:lunar}, MIT). Dates are Asia/Shanghai calendar dates. Pure; thread-safe.
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

    /** The Gregorian date of a lunar date in lunar year {@code year}. */
    static LocalDate lunar(int year, int month, int day) {
        return date(Lunar.fromYmd(year, month, day).getSolar());
    }

    /** The day of the Qingming solar term in {@code year} (Asia/Shanghai, as the library computes it). */
    static LocalDate qingming(int year) {
        return date(Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable().get("清明"));
    }

    private static LocalDate date(Solar solar) {
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
