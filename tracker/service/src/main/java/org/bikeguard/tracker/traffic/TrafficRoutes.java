package org.bikeguard.tracker.traffic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.zones.Fines;
import org.bikeguard.tracker.zones.ZoneRoutes;

/**
 * Traffic police and owner routes on violations (after the API's bearer-token authentication):
 * <ul>
 * <li>{@code GET /api/v1/traffic/dashboard?month=} (traffic, admin): counted violations of the month
 * by intersection, hour (Asia/Shanghai) and kind, and the trend over six months;</li>
 * <li>{@code GET /api/v1/traffic/appeals?state=pending|upheld|cancelled} (traffic, admin);</li>
 * <li>{@code POST /api/v1/traffic/appeals/{violationId}/decision} (traffic)
 * {@code {"decision":"upheld"|"cancelled","note"?}};</li>
 * <li>{@code GET /api/v1/traffic/training?month=} (traffic, admin): enrolments (brought in step
 * with the month's counts first); {@code PUT /api/v1/traffic/training/{id}} (traffic)
 * {@code {"attended":[b,b,b],"exam":"passed"|"failed"|null}};</li>
 * <li>{@code GET /api/v1/me/violations} (owner): the violations of the caller's bikes with appeal
 * and notice state, and their fines; {@code POST /api/v1/me/violations/{id}/appeal}
 * {@code {"reason"}} (owner, own violations: 404 otherwise, 409 when appealed before).</li>
 * </ul>
 * Thread-safe.
 */
public final class TrafficRoutes {

    private final Blocking blocking;
    private final DataSource ds;
    private final Clock clock;
    private final TrafficQueries queries;
    private final Appeals appeals;
    private final MonthlyRules rules;
    private final Fines fines;

    public TrafficRoutes(Blocking blocking, DataSource ds, Clock clock, Fines fines) {
        this.blocking = blocking;
        this.ds = ds;
        this.clock = clock;
        this.queries = new TrafficQueries(ds);
        this.appeals = new Appeals(ds);
        this.rules = new MonthlyRules(ds, clock);
        this.fines = fines;
    }

    public void mount(Router r) {
        var readers = BearerAuth.requireRole(Role.TRAFFIC, Role.ADMIN);
        var officer = BearerAuth.requireRole(Role.TRAFFIC);
        r.get("/api/v1/traffic/dashboard").handler(readers).handler(ctx -> {
            YearMonth m = month(ctx);
            reply(ctx, 200, () -> queries.dashboard(m));
        });
        r.get("/api/v1/traffic/appeals").handler(readers).handler(ctx -> {
            String state = ctx.queryParams().get("state");
            String s = state == null || state.isBlank() ? "pending" : state;
            if (!s.equals("pending") && !s.equals("upheld") && !s.equals("cancelled")) {
                throw BadInputException.invalid("state", "must be pending, upheld or cancelled");
            }
            reply(ctx, 200, () -> new JsonObject().put("appeals", appeals.list(s, 500)));
        });
        r.post("/api/v1/traffic/appeals/:id/decision").handler(officer).handler(this::decide);
        r.get("/api/v1/traffic/training").handler(readers).handler(ctx -> {
            YearMonth m = month(ctx);
            reply(ctx, 200, () -> {
                rules.enrol(m);
                return new JsonObject().put("month", m.toString()).put("enrolments", queries.enrolments(m));
            });
        });
        r.put("/api/v1/traffic/training/:id").handler(officer).handler(this::record);
        r.get("/api/v1/me/violations")
                .handler(BearerAuth.requireRole(Role.OWNER))
                .handler(ctx -> {
                    String user = BearerAuth.username(ctx);
                    reply(ctx, 200, () -> {
                        long owner = ZoneRoutes.ownerIdOf(ds, user);
                        return new JsonObject()
                                .put("violations", queries.ofOwner(owner))
                                .put("fines", fines.ofOwner(owner));
                    });
                });
        r.post("/api/v1/me/violations/:id/appeal")
                .handler(BearerAuth.requireRole(Role.OWNER))
                .handler(this::appeal);
    }

    private YearMonth month(RoutingContext ctx) {
        return Months.parse(ctx.queryParams().get("month"), Months.now(clock));
    }

    private void decide(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "appeal");
        JsonObject b = Bodies.jsonObject(ctx);
        String decision = Bodies.string(b, "decision");
        if (!decision.equals("upheld") && !decision.equals("cancelled")) {
            throw BadInputException.invalid("decision", "must be upheld or cancelled");
        }
        String note = text(b, "note", false);
        String by = BearerAuth.username(ctx);
        reply(ctx, 200, () -> {
            appeals.decide(id, decision, note, by, clock.instant());
            return new JsonObject().put("violation", id).put("state", decision);
        });
    }

    private void appeal(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "violation");
        String reason = text(Bodies.jsonObject(ctx), "reason", true);
        String user = BearerAuth.username(ctx);
        reply(ctx, 201, () -> {
            appeals.file(id, ZoneRoutes.ownerIdOf(ds, user), reason, clock.instant());
            return new JsonObject().put("violation", id).put("state", "pending");
        });
    }

    private void record(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "enrolment");
        JsonObject b = Bodies.jsonObject(ctx);
        Object a = b.getValue("attended");
        if (!(a instanceof JsonArray arr) || arr.size() != MonthlyRules.SESSIONS) {
            throw BadInputException.invalid("attended", "must be " + MonthlyRules.SESSIONS + " booleans");
        }
        Boolean[] attended = new Boolean[MonthlyRules.SESSIONS];
        for (int i = 0; i < attended.length; i++) {
            if (!(arr.getValue(i) instanceof Boolean v)) {
                throw BadInputException.invalid("attended", "must be " + MonthlyRules.SESSIONS + " booleans");
            }
            attended[i] = v;
        }
        Object e = b.getValue("exam");
        if (e != null && !"passed".equals(e) && !"failed".equals(e)) {
            throw BadInputException.invalid("exam", "must be passed, failed or null");
        }
        String by = BearerAuth.username(ctx);
        reply(ctx, 200, () -> {
            queries.record(id, attended, (String) e, by);
            return new JsonObject().put("id", id).put("attended", arr).put("exam", e);
        });
    }

    private static String text(JsonObject b, String field, boolean required) {
        String v = required ? Bodies.string(b, field) : Bodies.optionalString(b, field);
        v = v == null ? "" : v.trim();
        if ((required && v.isEmpty()) || v.length() > 2000) {
            throw BadInputException.invalid(field, (required ? "1" : "0") + "..2000 characters");
        }
        return v;
    }

    private void reply(RoutingContext ctx, int status, Callable<JsonObject> work) {
        blocking.run(work).onSuccess(o -> Responses.json(ctx, status, o)).onFailure(ctx::fail);
    }
}
