package org.bikeguard.tracker.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * Alarm outcomes (after the API's bearer-token authentication):
 * <ul>
 * <li>{@code POST /api/v1/alerts/{id}/outcome {"outcome":"dispatched"|"intercepted"|"false_alarm",
 * "note"?}} (police; audited {@code alert.outcome}) → the alarm's row with {@code outcome},
 * {@code outcomeBy}, {@code outcomeAt}, {@code outcomeNote}; the change goes to every console of the
 * cluster ({@link AlarmUpdates})</li>
 * <li>{@code GET /api/v1/alerts/outcomes[?from=YYYY-MM-DD][&to=YYYY-MM-DD]} (police, admin) → alarms
 * counted by the day they were raised (Asia/Shanghai, {@code from} and {@code to} inclusive, at most
 * 366 days; default the last 7 days up to today) and outcome: {@code {"zone","from","to",
 * "days":[{"day","total","dispatched","intercepted","false_alarm","none"}],"totals":{...}}}, every
 * day listed</li>
 * </ul>
 * Thread-safe.
 */
final class AlarmOutcomeRoutes {

    /** The city's zone: report days are its calendar days. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Longest report, in days. */
    static final int MAX_DAYS = 366;

    private static final String[] COLUMNS = {"dispatched", "intercepted", "false_alarm", "none"};

    private final Blocking blocking;
    private final Alerts alerts;
    private final AuditLog audit;
    private final Clock clock;

    AlarmOutcomeRoutes(Blocking blocking, Alerts alerts, AuditLog audit, Clock clock) {
        this.blocking = blocking;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Mounts the routes; call before {@code /api/v1/alerts/:id}. */
    void mount(Router r) {
        r.get("/api/v1/alerts/outcomes")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(this::report);
        r.post("/api/v1/alerts/:id/outcome")
                .handler(BearerAuth.requireRole(Role.POLICE))
                .handler(this::outcome);
    }

    private void outcome(RoutingContext ctx) {
        long id = Params.positiveId(ctx.pathParam("id"));
        if (id < 0) {
            throw BadInputException.invalid("id", "must be a positive integer");
        }
        JsonObject body = Bodies.optionalJsonObject(ctx);
        Object outcome = body.getValue("outcome");
        if (!(outcome instanceof String o) || !AlarmStore.OUTCOMES.contains(o)) {
            throw BadInputException.invalid("outcome", "must be one of dispatched, intercepted, false_alarm");
        }
        Object note = body.getValue("note");
        if (note != null && (!(note instanceof String s) || s.length() > 2000)) {
            throw BadInputException.invalid("note", "must be a string of at most 2000 characters");
        }
        String user = BearerAuth.username(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    if (!alerts.store().outcome(id, (String) outcome, user, (String) note)) {
                        return null;
                    }
                    JsonObject row = alerts.store().get(id);
                    audit.record(
                            actor,
                            "alert.outcome",
                            row.getString("tag"),
                            row.getString("caseNo"),
                            new JsonObject().put("alert", id).put("outcome", outcome));
                    return row;
                })
                .onSuccess(row -> {
                    if (row == null) {
                        ctx.fail(new NotFoundException("no alert " + id, new JsonObject().put("id", id)));
                    } else {
                        alerts.updates().publish(row.encode());
                        Responses.json(ctx, 200, row);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void report(RoutingContext ctx) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        LocalDate to = date(ctx, "to", today);
        LocalDate from = date(ctx, "from", to.minusDays(6));
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days < 1 || days > MAX_DAYS) {
            throw BadInputException.invalid("from", "must be on or before to, at most " + MAX_DAYS + " days before");
        }
        blocking.run(() -> alerts.store()
                        .outcomesByDay(
                                from.atStartOfDay(ZONE).toInstant(),
                                to.plusDays(1).atStartOfDay(ZONE).toInstant(),
                                ZONE))
                .onSuccess(byDay -> Responses.json(ctx, 200, json(from, to, byDay)))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(LocalDate from, LocalDate to, SortedMap<String, Map<String, Long>> byDay) {
        JsonArray out = new JsonArray();
        JsonObject totals = counts(Map.of());
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            JsonObject day = counts(byDay.getOrDefault(d.toString(), Map.of()));
            for (String k : totals.fieldNames().toArray(new String[0])) {
                totals.put(k, totals.getLong(k) + day.getLong(k));
            }
            out.add(new JsonObject().put("day", d.toString()).mergeIn(day));
        }
        return new JsonObject()
                .put("zone", ZONE.getId())
                .put("from", from.toString())
                .put("to", to.toString())
                .put("days", out)
                .put("totals", totals);
    }

    private static JsonObject counts(Map<String, Long> byOutcome) {
        JsonObject o = new JsonObject();
        long total = 0;
        for (String c : COLUMNS) {
            long n = byOutcome.getOrDefault(c, 0L);
            o.put(c, n);
            total += n;
        }
        return o.put("total", total);
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate dflt) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw BadInputException.invalid(name, "must be a date YYYY-MM-DD (Asia/Shanghai)");
        }
    }
}
