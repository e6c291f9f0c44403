package org.bikeguard.claims.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatutoryHolidaysTest {

    private static final WorkingDayCalendar OFFICIAL = CalendarService.bundled().calendar();

    @Test
    void lunarHolidaysAndQingmingOf2027ComeFromTheLibrary() {
        assertEquals(LocalDate.of(2027, 2, 6), StatutoryHolidays.lunar(2027, 1, 1), "Spring Festival 2027");
        assertEquals(LocalDate.of(2027, 4, 5), StatutoryHolidays.qingming(2027));
        assertEquals(LocalDate.of(2027, 6, 9), StatutoryHolidays.lunar(2027, 5, 5), "Dragon Boat 2027");
        assertEquals(LocalDate.of(2027, 9, 15), StatutoryHolidays.lunar(2027, 8, 15), "Mid-Autumn 2027");
    }

    @Test
    void springFestival2027BeginsOnNewYearsEveAndItsWeekendIsMadeUp() {
        List<LocalDate> spring = StatutoryHolidays.holidays(2027).stream()
                .filter(h -> h.name().equals("春节"))
                .map(StatutoryHolidays.Holiday::date)
                .toList();
        assertEquals(
                List.of(
                        LocalDate.of(2027, 2, 5),
                        LocalDate.of(2027, 2, 6),
                        LocalDate.of(2027, 2, 7),
                        LocalDate.of(2027, 2, 8)),
                spring);
        CalendarYear y = StatutoryHolidays.year(2027);
        for (int day = 5; day <= 10; day++) {
            assertEquals(true, y.days().get(LocalDate.of(2027, 2, day)), "2027-02-" + day);
        }
        assertFalse(y.days().containsKey(LocalDate.of(2027, 2, 11)));
        // 1-3 October 2027 are Friday-Sunday: made up on Monday 4 and Tuesday 5
        assertEquals(true, y.days().get(LocalDate.of(2027, 10, 4)));
        assertEquals(true, y.days().get(LocalDate.of(2027, 10, 5)));
    }

    /** Under the 2024 revision, every day the law names is off in the official notices. */
    @ParameterizedTest
    @ValueSource(ints = {2025, 2026})
    void everyStatutoryHolidayIsOffInTheOfficialNotice(int year) {
        for (StatutoryHolidays.Holiday h : StatutoryHolidays.holidays(year)) {
            assertFalse(OFFICIAL.isWorkingDay(h.date()), h::toString);
        }
    }
}
