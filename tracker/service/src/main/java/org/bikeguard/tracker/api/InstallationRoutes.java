package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Appointments;
import org.bikeguard.tracker.registry.RegistryException;

/**
 * The installation side: points ({@code GET /api/v1/installation-points}, any role;
 * {@code PUT /api/v1/installation-points/{id}}, admin), a point's booked appointments of a day
 * ({@code GET .../{id}/appointments?day=yyyy-MM-dd}, Asia/Shanghai; installer, admin), and the
 * queue of owners' replacement requests ({@code GET /api/v1/requests?status=}, {@code POST
 * /api/v1/requests/{id}/reject}; installer, admin). Fulfilling a request is the matching bike
 * change ({@code POST /api/v1/bikes/{id}/tag} or {@code /plate}). Thread-safe.
 */
final class InstallationRoutes {

    private static final int LIST_LIMIT = 500;

    private final RegistryServices s;

    InstallationRoutes(Blocking blocking, ApiContext api) {
        this.s = new RegistryServices(api, blocking);
    }

    void mount(Router r) {
        var staff = BearerAuth.requireRole(Role.INSTALLER, Role.ADMIN);
        r.get("/api/v1/installation-points").handler(ctx -> s.run(() -> RegistryJson.array(s.appointments.points(),
                RegistryJson::point)).onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail));
        r.put("/api/v1/installation-points/:id").handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(RegistryServices.guard(this::savePoint));
        r.get("/api/v1/installation-points/:id/appointments").handler(staff).handler(RegistryServices.guard(this::dayList));
        r.get("/api/v1/requests").handler(staff).handler(RegistryServices.guard(this::requests));
        r.post("/api/v1/requests/:id/reject").handler(staff).handler(RegistryServices.guard(this::reject));
    }

    private void savePoint(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject b = Bodies.jsonObject(ctx);
        Object cap = b.getValue("dailyCapacity");
        String station = Bodies.optionalString(b, "station");
        if (station != null && s.api.stations().byId(station) == null) {
            throw RegistryException.invalid("station", "is not a known station");
        }
        Appointments.Point p = new Appointments.Point(id, Bodies.optionalString(b, "name"), Bodies.optionalString(b, "address"),
                station, cap == null ? 40 : Bodies.integer(b, "dailyCapacity"));
        s.run(() -> s.appointments.savePoint(p)).onSuccess(created -> Responses.json(ctx, created ? 201 : 200,
                RegistryJson.point(p))).onFailure(ctx::fail);
    }

    private void dayList(RoutingContext ctx) {
        String point = ctx.pathParam("id");
        String day = ctx.queryParams().get("day");
        if (day == null) {
            throw new ApiException.BadRequestException("query parameter day is required (yyyy-MM-dd, Asia/Shanghai)",
                    new JsonObject().put("field", "day"));
        }
        var date = RegistryJson.dateField(new JsonObject().put("day", day), "day");
        s.run(() -> {
            s.appointments.point(point).orElseThrow(() -> RegistryException.notFound("installation point", point));
            return RegistryJson.array(s.appointments.ofDay(point, date), RegistryJson::appointment);
        }).onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private void requests(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        String st = status == null ? "pending" : status;
        if (!java.util.Set.of("pending", "done", "rejected", "cancelled").contains(st)) {
            throw Bodies.invalid("status", "must be pending, done, rejected or cancelled");
        }
        s.run(() -> RegistryJson.array(s.requests.withStatus(st, LIST_LIMIT), RegistryJson::request))
                .onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private void reject(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "request");
        String note = Bodies.optionalString(RegistryJson.optionalBody(ctx), "note");
        String actor = BearerAuth.username(ctx);
        s.run(() -> RegistryJson.request(s.requests.end(id, false, null, note, actor)))
                .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
