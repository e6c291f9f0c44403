package org.bikeguard.claims.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.calendar.CalendarYear;
import org.bikeguard.claims.calendar.Deadline;

/**
 * The official calendar: {@code GET /api/v1/calendar/working-days?from=&days=} (any signed-in
 * user; the adjusters' deadline calculator; provisional dates through a year without an official
 * notice), {@code GET /api/v1/calendar/years} (with the admin's {@code nextYearWarning}), and
 * {@code PUT /api/v1/calendar/years/{year}} (admin) to load a new year's holiday-cn file into the
 * running system. Thread-safe.
 */
final class CalendarRoutes {

    private final ClaimsServices s;

    CalendarRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.get("/api/v1/calendar/working-days").handler(this::workingDays);
        r.get("/api/v1/calendar/years").handler(this::years);
        r.put("/api/v1/calendar/years/:year").handler(this::load);
    }

    private void workingDays(RoutingContext ctx) {
        Caller.of(ctx);
        LocalDate from = Http.date(ctx.queryParams().get("from"), "from");
        if (from == null) {
            throw ClaimsException.invalid("\"from\" is required, e.g. from=2026-09-18");
        }
        String d = ctx.queryParams().get("days");
        int days;
        try {
            days = d == null ? 15 : Integer.parseInt(d);
        } catch (NumberFormatException e) {
            throw ClaimsException.invalid("\"days\" must be a whole number");
        }
        if (days < 1 || days > 366) {
            throw ClaimsException.invalid("\"days\" must be 1..366");
        }
        Deadline due = s.calendar().calendar().addWorkingDays(from, days);
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("date", due.date().toString())
                        .put("provisional", due.provisional())
                        .encode());
    }

    /**
     * The loaded official years, and for admins {@code nextYearWarning}: from 1 November
     * (Asia/Shanghai) while next year's official notice is not loaded, else null.
     */
    private void years(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        JsonObject warning = caller.is("admin") ? s.calendar().nextYearWarning(ShanghaiTime.today(s.clock())) : null;
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put(
                                "years",
                                new JsonArray(java.util.List.copyOf(
                                        s.calendar().calendar().years())))
                        .put("nextYearWarning", warning)
                        .encode());
    }

    private void load(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("admin");
        int year;
        try {
            year = Integer.parseInt(ctx.pathParam("year"));
        } catch (NumberFormatException e) {
            throw ClaimsException.invalid("the year must be a number");
        }
        CalendarYear file = CalendarYear.parse(ctx.body().asString());
        if (file.year() != year) {
            throw ClaimsException.invalid("the file is for " + file.year() + ", not " + year);
        }
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.calendarStore().save(file, caller.username());
                    s.calendar().load(file);
                    int recomputed = s.theft().recomputeDueDates();
                    return new JsonObject()
                            .put("year", year)
                            .put("dueDatesRecomputed", recomputed)
                            .put("listedDays", file.days().size())
                            .put(
                                    "years",
                                    new JsonArray(java.util.List.copyOf(
                                            s.calendar().calendar().years())));
                }),
                200);
    }
}
