package org.bikeguard.claims.claim;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.bikeguard.claims.calendar.CalendarUnknownException;
import org.bikeguard.claims.calendar.Deadline;
import org.bikeguard.claims.calendar.WorkingDayCalendar;
import org.bikeguard.claims.store.Sql;

/**
 * Theft claims' SLA due dates stored on the claim ({@code claim.due_date}, Asia/Shanghai date, and
 * {@code due_date_provisional}): set when the papers become complete, recomputed when an official
 * calendar year is loaded. Pure over the connection it is given; thread-safe.
 */
final class DueDates {

    private DueDates() {}

    private record Row(long id, LocalDate papersComplete, LocalDate waitingEnd) {}

    /** Computes and stores the due date of one claim; leaves it null when the calendar cannot tell. */
    static Deadline store(Connection c, long id, LocalDate papersComplete, LocalDate waitingEnd, WorkingDayCalendar cal)
            throws SQLException {
        Deadline d;
        try {
            d = TheftSla.due(papersComplete, waitingEnd, cal);
        } catch (CalendarUnknownException e) {
            d = null;
        }
        Sql.update(
                c,
                "UPDATE claim SET due_date = ?, due_date_provisional = ? WHERE id = ?",
                d == null ? null : d.date(),
                d != null && d.provisional(),
                id);
        return d;
    }

    /**
     * Recomputes every stored due date that is provisional or missing although the papers are
     * complete (after a calendar year was loaded, or for claims from before dates were stored).
     *
     * @return how many claims were recomputed
     */
    static int recompute(Connection c, WorkingDayCalendar cal) throws SQLException {
        List<Row> rows = Sql.query(
                c,
                "SELECT id, papers_complete_on, waiting_end FROM claim WHERE type = 'theft' "
                        + "AND papers_complete_on IS NOT NULL AND (due_date IS NULL OR due_date_provisional) FOR UPDATE",
                rs -> new Row(rs.getLong("id"), Sql.date(rs, "papers_complete_on"), Sql.date(rs, "waiting_end")));
        for (Row r : rows) {
            store(c, r.id(), r.papersComplete(), r.waitingEnd(), cal);
        }
        return rows.size();
    }
}
