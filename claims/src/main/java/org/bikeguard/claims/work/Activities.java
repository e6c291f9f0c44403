package org.bikeguard.claims.work;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.calendar.CalendarUnknownException;
import org.bikeguard.claims.calendar.Deadline;
import org.bikeguard.claims.claim.ClaimRepository;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * Activities: tasks on a claim with an assignee (none: whoever the claim is assigned to) and a
 * due date (Asia/Shanghai), done by someone at some instant. A claim's steps create the standard
 * ones ({@link #follow}): at opening, acknowledge the owner within 1 working day and check the
 * papers within 5 (theft) or inspect the damage within 3 (liability); when a theft claim's papers
 * are complete, decide by its SLA due date. Due dates in working days come from the
 * {@link org.bikeguard.claims.calendar.WorkingDayCalendar}, provisional where it is. An activity
 * is overdue when not done and its due date is before today; the decision task's due date is the
 * claim's stored SLA date, so it moves when that is recomputed. When a claim ends (denied, paid,
 * closed, returned, salvaged) its open activities are done by {@code system}. Blocking (JDBC);
 * thread-safe.
 */
public final class Activities {

    /** Longest activity text, characters. */
    public static final int MAX_TEXT = 500;
    /** Most activities one listing returns. */
    public static final int MAX_LIST = 200;

    private static final Set<String> ENDED = Set.of("denied", "paid", "closed", "returned", "salvaged");
    /** The decision task follows the claim's stored SLA date (recomputed when a calendar year is loaded). */
    private static final String DUE = "(CASE WHEN a.kind = 'decide' THEN cl.due_date ELSE a.due_date END)";

    private static final String SELECT =
            "SELECT a.*, cl.status AS claim_status, coalesce(a.assignee, ca.assignee) AS who, "
                    + DUE
                    + " AS due, (CASE WHEN a.kind = 'decide' THEN cl.due_date_provisional ELSE a.due_provisional END) "
                    + "AS due_prov FROM claim_activity a JOIN claim cl ON cl.id = a.claim_id "
                    + "LEFT JOIN claim_assignment ca ON ca.claim_id = a.claim_id ";

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final CalendarService calendar;
    private final Clock clock;

    public Activities(ClaimsDatabase db, CalendarService calendar, Clock clock) {
        this.db = db;
        this.repo = new ClaimRepository(clock);
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * A new activity on claim {@code id}.
     *
     * @param assignee          null: the claim's assignee
     * @param dueDate           a date, or null
     * @param dueInWorkingDays  working days from today (1–366), or null; not both with {@code dueDate}
     */
    public JsonObject add(
            long id, String text, String assignee, LocalDate dueDate, Integer dueInWorkingDays, String by) {
        if (text == null || text.isBlank() || text.strip().length() > MAX_TEXT) {
            throw ClaimsException.invalid("\"text\" must be 1 to " + MAX_TEXT + " characters");
        }
        if (assignee != null && (assignee.isBlank() || assignee.length() > 100)) {
            throw ClaimsException.invalid("\"assignee\" must be a username of 1 to 100 characters");
        }
        if (dueDate != null && dueInWorkingDays != null) {
            throw ClaimsException.invalid("give \"dueDate\" or \"dueInWorkingDays\", not both");
        }
        Deadline due = dueDate != null ? new Deadline(dueDate, false) : null;
        if (dueInWorkingDays != null) {
            if (dueInWorkingDays < 1 || dueInWorkingDays > 366) {
                throw ClaimsException.invalid("\"dueInWorkingDays\" must be 1 to 366");
            }
            try {
                due = calendar.calendar().addWorkingDays(ShanghaiTime.today(clock), dueInWorkingDays);
            } catch (CalendarUnknownException e) {
                throw ClaimsException.conflict(e.getMessage(), Map.of("reason", "calendar-unknown"));
            }
        }
        Deadline d = due;
        return db.inTransaction(c -> {
            repo.lock(c, id);
            long aid = insert(
                    c, id, null, text.strip(), assignee == null ? null : assignee.strip(), d, by, clock.instant());
            repo.event(c, id, by, "activity", new JsonObject().put("activityId", aid));
            return one(c, id, aid);
        });
    }

    /**
     * Marks an activity done.
     *
     * @throws ClaimsException 404 when the claim has no such activity, 409 when it is done already
     */
    public JsonObject done(long id, long activityId, String by) {
        return db.inTransaction(c -> {
            repo.lock(c, id);
            JsonObject a = one(c, id, activityId);
            if (a.getString("doneAt") != null) {
                throw ClaimsException.conflict(
                        "activity " + activityId + " was done already",
                        Map.of("doneBy", a.getString("doneBy"), "doneAt", a.getString("doneAt")));
            }
            Sql.update(
                    c,
                    "UPDATE claim_activity SET done_by = ?, done_at = ? WHERE id = ?",
                    by,
                    clock.instant(),
                    activityId);
            repo.event(c, id, by, "activity-done", new JsonObject().put("activityId", activityId));
            return one(c, id, activityId);
        });
    }

    /** A claim's activities, open ones first by due date, then the done ones. */
    public JsonArray ofClaim(long id) {
        return db.inTransaction(c -> {
            repo.get(c, id);
            return ofClaim(c, id, clock);
        });
    }

    static JsonArray ofClaim(Connection c, long id, Clock clock) throws SQLException {
        LocalDate today = ShanghaiTime.today(clock);
        return new JsonArray(Sql.query(
                c,
                SELECT + "WHERE a.claim_id = ? ORDER BY a.done_at IS NOT NULL, " + DUE + " NULLS LAST, a.id",
                rs -> row(rs, today),
                id));
    }

    /**
     * Open activities across claims: those of {@code assignee} (their own, or their claims' with no
     * assignee of their own) when given, only overdue ones when {@code overdue}; by due date,
     * undated last; at most {@value #MAX_LIST}.
     */
    public JsonArray open(String assignee, boolean overdue) {
        LocalDate today = ShanghaiTime.today(clock);
        return db.inTransaction(c -> new JsonArray(Sql.query(
                c,
                SELECT + "WHERE a.done_at IS NULL AND (?::text IS NULL OR coalesce(a.assignee, ca.assignee) = ?) "
                        + "AND (NOT ? OR " + DUE + " < ?) ORDER BY " + DUE + " NULLS LAST, a.id LIMIT " + MAX_LIST,
                rs -> row(rs, today),
                assignee,
                assignee,
                overdue,
                today)));
    }

    /**
     * The standard activities after a claim's step (see the class comment).
     *
     * @param due the claim's stored SLA due date, or null
     */
    static void follow(
            Connection c,
            long id,
            String type,
            String status,
            String action,
            Deadline due,
            CalendarService cal,
            Clock clock)
            throws SQLException {
        LocalDate today = ShanghaiTime.today(clock);
        Instant now = clock.instant();
        if ("opened".equals(action)) {
            insert(c, id, "acknowledge", "确认收到报案并告知车主", null, inWorkingDays(cal, today, 1), "system", now);
            if ("theft".equals(type)) {
                insert(c, id, "papers", "核对材料，通知车主补齐缺少的材料", null, inWorkingDays(cal, today, 5), "system", now);
            } else {
                insert(c, id, "inspect", "查勘现场并定损", null, inWorkingDays(cal, today, 3), "system", now);
            }
        } else if ("papers-complete".equals(action)) {
            doneByKind(c, id, "papers", clock);
            insert(c, id, "decide", "在时限内作出理赔决定", null, due, "system", now);
        } else if ("assessed".equals(action)) {
            doneByKind(c, id, "inspect", clock);
        }
        if (!"opened".equals(action) && !Set.of("open", "referred").contains(status)) {
            doneByKind(c, id, "decide", clock);
        }
        if (ENDED.contains(status)) {
            Sql.update(
                    c,
                    "UPDATE claim_activity SET done_by = 'system', done_at = ? WHERE claim_id = ? AND done_at IS NULL",
                    clock.instant(),
                    id);
        }
    }

    private static Deadline inWorkingDays(CalendarService cal, LocalDate from, int days) {
        try {
            return cal.calendar().addWorkingDays(from, days);
        } catch (CalendarUnknownException e) {
            return null;
        }
    }

    private static void doneByKind(Connection c, long id, String kind, Clock clock) throws SQLException {
        Sql.update(
                c,
                "UPDATE claim_activity SET done_by = 'system', done_at = ? WHERE claim_id = ? AND kind = ? "
                        + "AND done_at IS NULL",
                clock.instant(),
                id,
                kind);
    }

    private static long insert(
            Connection c, long id, String kind, String text, String assignee, Deadline due, String by, Instant at)
            throws SQLException {
        return Sql.insert(
                c,
                "INSERT INTO claim_activity (claim_id, kind, body, assignee, due_date, due_provisional, created_by, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                kind,
                text,
                assignee,
                due == null ? null : due.date(),
                due != null && due.provisional(),
                by,
                at);
    }

    private JsonObject one(Connection c, long id, long activityId) throws SQLException {
        LocalDate today = ShanghaiTime.today(clock);
        JsonObject a = Sql.one(c, SELECT + "WHERE a.claim_id = ? AND a.id = ?", rs -> row(rs, today), id, activityId);
        if (a == null) {
            throw ClaimsException.notFound("activity " + activityId + " of claim " + id);
        }
        return a;
    }

    private static JsonObject row(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate due = Sql.date(rs, "due");
        boolean done = rs.getTimestamp("done_at") != null;
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("claimId", rs.getLong("claim_id"))
                .put("claimStatus", rs.getString("claim_status"))
                .put("kind", rs.getString("kind"))
                .put("text", rs.getString("body"))
                .put("assignee", rs.getString("who"))
                .put("dueDate", due == null ? null : due.toString())
                .put("dueProvisional", rs.getBoolean("due_prov"))
                .put("overdue", !done && due != null && due.isBefore(today))
                .put("createdBy", rs.getString("created_by"))
                .put("createdAt", ShanghaiTime.format(Sql.instant(rs, "created_at")))
                .put("doneBy", rs.getString("done_by"))
                .put("doneAt", ShanghaiTime.format(Sql.instant(rs, "done_at")));
    }
}
