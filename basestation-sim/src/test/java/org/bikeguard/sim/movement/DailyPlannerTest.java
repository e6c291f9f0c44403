package org.bikeguard.sim.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.bikeguard.sim.city.Bikes;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.junit.jupiter.api.Test;

class DailyPlannerTest {
    private static final City CITY = CityGenerator.generate(CitySpec.SMALL, 7, "HY-", LocalDate.of(2026, 11, 20));
    private final DailyPlanner planner = new DailyPlanner(7, CITY.bikes());
    private final long[] depart = new long[DailyPlanner.MAX_LEGS];
    private final int[] dest = new int[DailyPlanner.MAX_LEGS];

    @Test
    void daysAreShanghaiCalendarDays() {
        long t = OffsetDateTime.parse("2026-11-20T00:30:00+08:00").toInstant().toEpochMilli();
        assertEquals(LocalDate.of(2026, 11, 20).toEpochDay(), DailyPlanner.dayOf(t));
        assertEquals(t - 30 * 60_000, DailyPlanner.midnight(DailyPlanner.dayOf(t)));
    }

    @Test
    void weekdayLegsAscendWithinTheDayAndEndAtHome() {
        long day = LocalDate.of(2026, 11, 20).toEpochDay();
        long midnight = DailyPlanner.midnight(day);
        int commuters = 0;
        for (int b = 0; b < CITY.bikes().count(); b++) {
            int n = planner.legs(b, day, depart, dest);
            for (int k = 1; k < n; k++) {
                assertTrue(depart[k] > depart[k - 1]);
            }
            for (int k = 0; k < n; k++) {
                assertTrue(
                        depart[k] >= midnight + 5 * 3_600_000L && depart[k] < midnight + 22 * 3_600_000L,
                        "legs by day");
            }
            if (CITY.bikes().profile(b) == Bikes.COMMUTER) {
                commuters++;
                assertTrue(n >= 2);
                assertEquals(CITY.bikes().work(b), dest[0]);
                assertEquals(CITY.bikes().home(b), dest[n - 1], "home for the night");
                long morning = depart[0] - midnight;
                assertTrue(morning >= 6 * 3_600_000L + 30 * 60_000 && morning <= 9 * 3_600_000L);
            } else if (CITY.bikes().profile(b) != Bikes.NIGHT_SHIFT && n > 0) {
                assertEquals(CITY.bikes().home(b), dest[n - 1], "home for the night");
            }
        }
        assertTrue(commuters > 1_500 && commuters < 2_200, "about 62 % commute: " + commuters);
    }

    @Test
    void weekendsHaveFewerCommutes() {
        long friday = LocalDate.of(2026, 11, 20).toEpochDay();
        int weekday = 0;
        int sunday = 0;
        for (int b = 0; b < CITY.bikes().count(); b++) {
            planner.legs(b, friday, depart, dest);
            weekday += planner.legs(b, friday, depart, dest) > 0
                            && dest[0] == CITY.bikes().work(b)
                            && CITY.bikes().profile(b) == Bikes.COMMUTER
                    ? 1
                    : 0;
            sunday += planner.legs(b, friday + 2, depart, dest) > 0
                            && dest[0] == CITY.bikes().work(b)
                            && CITY.bikes().profile(b) == Bikes.COMMUTER
                    ? 1
                    : 0;
        }
        assertTrue(sunday < weekday / 10, weekday + " vs " + sunday);
    }

    @Test
    void sameBikeAndDayGiveTheSamePlan() {
        long day = LocalDate.of(2026, 11, 18).toEpochDay();
        long[] d2 = new long[DailyPlanner.MAX_LEGS];
        int[] p2 = new int[DailyPlanner.MAX_LEGS];
        for (int b = 0; b < 200; b++) {
            int n = planner.legs(b, day, depart, dest);
            assertEquals(n, new DailyPlanner(7, CITY.bikes()).legs(b, day, d2, p2));
            for (int k = 0; k < n; k++) {
                assertEquals(depart[k], d2[k]);
                assertEquals(dest[k], p2[k]);
            }
        }
    }
}
