package org.bikeguard.claims.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.claim.TheftSla;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDayCalendarTest {

    private static final WorkingDayCalendar BUNDLED = CalendarService.bundled().calendar();

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void contractExamplePapersCompleteOn18SeptemberIsDueOn15October2026() {
        Deadline due = TheftSla.due(d("2026-09-18"), d("2026-08-01"), BUNDLED);
        assertEquals(d("2026-10-15"), due.date());
        assertFalse(due.provisional());
    }

    @ParameterizedTest(name = "{0} + 15 working days = {1}")
    @CsvSource({
        // Spring Festival 2025 (28 Jan – 4 Feb off, 26 Jan and 8 Feb worked)
        "2025-01-20, 2025-02-14",
        "2025-01-24, 2025-02-20",
        // National Day 2025 (1–8 Oct off, 28 Sep and 11 Oct worked)
        "2025-09-26, 2025-10-23",
        "2025-09-30, 2025-10-28",
        // Spring Festival 2026 (15–23 Feb off, 14 and 28 Feb worked)
        "2026-02-06, 2026-03-05",
        "2026-02-13, 2026-03-12",
        // National Day and Mid-Autumn 2026 (25–27 Sep, 1–7 Oct off; 20 Sep and 10 Oct worked)
        "2026-09-30, 2026-10-27",
        // across the new year into a loaded year
        "2025-12-20, 2026-01-12",
    })
    void fifteenWorkingDaysFollowTheOfficialCalendar(String from, String due) {
        assertEquals(d(due), BUNDLED.addWorkingDays(d(from), 15).date());
    }

    @Test
    void dayZeroIsNotCountedEvenWhenItIsAWorkingDay() {
        // Monday 2026-03-02 + 1 working day = Tuesday
        assertEquals(d("2026-03-03"), BUNDLED.addWorkingDays(d("2026-03-02"), 1).date());
        // Saturday 2026-03-07 + 1 = Monday
        assertEquals(d("2026-03-09"), BUNDLED.addWorkingDays(d("2026-03-07"), 1).date());
    }

    @Test
    void listedWorkingWeekendCountsAndListedHolidayDoesNot() {
        assertTrue(BUNDLED.isWorkingDay(d("2026-10-10"))); // Saturday, 调休
        assertFalse(BUNDLED.isWorkingDay(d("2026-10-01"))); // Thursday, National Day
        assertTrue(BUNDLED.isWorkingDay(d("2026-10-09"))); // plain Friday
        assertFalse(BUNDLED.isWorkingDay(d("2026-10-11"))); // plain Sunday
    }

    @Test
    void deadlineReachingAYearWithoutItsNoticeIsComputedFromTheLawAndProvisional() {
        // Dec 21-25, 28-31 (9), 1 January 2027 is New Year's Day, Jan 4-8 (14), 11 (15)
        Deadline due = BUNDLED.addWorkingDays(d("2026-12-20"), 15);
        assertEquals(d("2027-01-11"), due.date());
        assertTrue(due.provisional());
    }

    @Test
    void deadlineThroughSpringFestival2027BeforeTheNoticeCountsTheLawsSixDaysOff() {
        // 5 Feb 2027 (Friday) is New Year's Eve; 6-7 are a weekend, so 8 (the 4th day) plus 9
        // and 10 (made up for the weekend) are off: Jan 26-29 (4), Feb 1-4 (8), 11-12 (10), 15-19 (15)
        Deadline due = BUNDLED.addWorkingDays(d("2027-01-25"), 15);
        assertEquals(d("2027-02-19"), due.date());
        assertTrue(due.provisional());
        assertTrue(BUNDLED.isWorkingDay(d("2027-02-04")));
        for (String off : List.of("2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10")) {
            assertFalse(BUNDLED.isWorkingDay(d(off)), off);
        }
        assertTrue(BUNDLED.isWorkingDay(d("2027-02-11")));
    }

    @Test
    void aDeadlineEntirelyWithinOfficialYearsIsNotProvisionalAndYearsBeforeTheFirstAreUnknown() {
        assertFalse(BUNDLED.addWorkingDays(d("2026-06-01"), 15).provisional());
        CalendarUnknownException e =
                assertThrows(CalendarUnknownException.class, () -> BUNDLED.addWorkingDays(d("2005-06-01"), 15));
        assertEquals(2005, e.year());
        assertEquals(422, e.status());
    }

    @Test
    void deadlineInTheLastWeekOfTheLastLoadedYearIsProvisional() {
        Deadline before = BUNDLED.addWorkingDays(d("2026-12-03"), 15);
        assertEquals(d("2026-12-24"), before.date());
        assertFalse(before.provisional());
        Deadline last = BUNDLED.addWorkingDays(d("2026-12-04"), 15);
        assertEquals(d("2026-12-25"), last.date());
        assertTrue(last.provisional());
        assertEquals(
                d("2026-12-31"), BUNDLED.addWorkingDays(d("2026-12-10"), 15).date());
    }

    @Test
    void lastWeekOfDecemberIsNotProvisionalWhenTheNextYearIsLoaded() {
        assertFalse(BUNDLED.addWorkingDays(d("2025-12-04"), 15).provisional());
    }

    @Test
    void loadingNextYearsFileMakesAProvisionalDeadlineOfficialAndMovesLateDecember() {
        CalendarService service = CalendarService.bundled();
        assertTrue(service.calendar().addWorkingDays(d("2026-12-20"), 15).provisional());
        // a hypothetical 2027 notice that also makes 2026-12-31 a holiday
        service.load(new CalendarYear(2027, Map.of(d("2026-12-31"), true, d("2027-01-01"), true)));
        Deadline due = service.calendar().addWorkingDays(d("2026-12-20"), 15);
        // Dec 21-25, 28-30 (8), Jan 4-8 (13), 11-12 (15)
        assertEquals(d("2027-01-12"), due.date());
        assertFalse(due.provisional());
        assertFalse(service.calendar().isWorkingDay(d("2026-12-31")));
    }

    @Test
    void aYearFileFixesTheLastDaysOfTheYearBefore() {
        // 2019.json sets 2018-12-29 (Saturday) as a working day and 30-31 December as holidays
        assertTrue(BUNDLED.isWorkingDay(d("2018-12-29")));
        assertFalse(BUNDLED.isWorkingDay(d("2018-12-31")));
    }

    @Test
    void aFileWithNoDaysOrDaysOutsideItsYearIsRejected() {
        assertThrows(ClaimsException.class, () -> CalendarYear.parse("{\"year\":2027,\"days\":[]}"));
        assertThrows(
                ClaimsException.class,
                () -> CalendarYear.parse("{\"year\":2027,\"days\":[{\"date\":\"2025-05-01\",\"isOffDay\":true}]}"));
        assertThrows(ClaimsException.class, () -> CalendarYear.parse("[1,2]"));
        assertThrows(
                ClaimsException.class,
                () -> CalendarYear.parse("{\"year\":2027,\"days\":[{\"date\":\"2027-13-01\",\"isOffDay\":true}]}"));
    }

    @Test
    void bundledCalendarCoversTheShippedYears() {
        assertEquals(2007, BUNDLED.years().first());
        assertEquals(2026, BUNDLED.years().last());
        assertEquals(List.of(2025, 2026), List.copyOf(BUNDLED.years().tailSet(2025, true)));
    }
}
