package org.bikeguard.claims.claim;

import java.time.LocalDate;
import java.util.Objects;
import org.bikeguard.claims.calendar.Deadline;
import org.bikeguard.claims.calendar.WorkingDayCalendar;

/**
 * The theft-claim SLA: pay within 15 working days counted from the later of the day the papers
 * became complete and the day the waiting period ended; that day itself (day 0) is not counted.
 * Dates are Asia/Shanghai dates. Pure; thread-safe.
 */
public final class TheftSla {

    /** Working days allowed. */
    public static final int WORKING_DAYS = 15;

    private TheftSla() {}

    /** The day counting starts from (day 0): the later of the two dates. */
    public static LocalDate startDay(LocalDate papersComplete, LocalDate waitingEnd) {
        Objects.requireNonNull(papersComplete, "papersComplete");
        Objects.requireNonNull(waitingEnd, "waitingEnd");
        return papersComplete.isAfter(waitingEnd) ? papersComplete : waitingEnd;
    }

    /**
     * The due date.
     *
     * @throws org.bikeguard.claims.calendar.CalendarUnknownException when it reaches an unloaded year
     */
    public static Deadline due(LocalDate papersComplete, LocalDate waitingEnd, WorkingDayCalendar calendar) {
        return calendar.addWorkingDays(startDay(papersComplete, waitingEnd), WORKING_DAYS);
    }
}
