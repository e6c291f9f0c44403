package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * The installation side: points ({@code GET /api/v1/installation-points}, any role;
 * {@code PUT /api/v1/installation-points/{id}}, admin), a point's booked appointments of a day
 * ({@code GET .../{id}/appointments?day=yyyy-MM-dd}, Asia/Shanghai; installer, admin), and the
 * queue of owners' replacement requests ({@code GET /api/v1/requests?status=}, {@code POST
 * /api/v1/requests/{id}/reject}; installer, admin). Fulfilling a request is the matching bike
 * change ({@code POST /api/v1/bikes/{id}/tag} or {@code /plate}). Thread-safe.
 */
public final class InstallationRoutes {

    private static final int LIST_LIMIT = 500;

    private final Blocking blocking;
    private final Appointments appointments;
    private final Requests requests;
    private final StationRegistry stations;

    /**
     * @param blocking the workers for the registry's JDBC
     * @param stations to check a point's station
     */
    public InstallationRoutes(
            Blocking blocking, Appointments appointments, Requests requests, StationRegistry stations) {
        this.blocking = blocking;
        this.appointments = appointments;
        this.requests = requests;
        this.stations = stations;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        var staff = BearerAuth.requireRole(Role.INSTALLER, Role.ADMIN);
        r.get("/api/v1/installation-points")
                .handler(ctx -> blocking.run(() -> RegistryJson.array(appointments.points(), RegistryJson::point))
                        .onSuccess(a -> Responses.json(ctx, 200, a))
                        .onFailure(ctx::fail));
        r.put("/api/v1/installation-points/:id")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::savePoint);
        r.get("/api/v1/installation-points/:id/appointments").handler(staff).handler(this::dayList);
        r.get("/api/v1/requests").handler(staff).handler(this::requests);
        r.post("/api/v1/requests/:id/reject").handler(staff).handler(this::reject);
    }

    private void savePoint(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject b = Bodies.jsonObject(ctx);
        Object cap = b.getValue("dailyCapacity");
        String station = Bodies.optionalString(b, "station");
        if (station != null && stations.byId(station) == null) {
            throw RegistryException.invalid("station", "is not a known station");
        }
        Appointments.Point p = new Appointments.Point(
                id,
                Bodies.optionalString(b, "name"),
                Bodies.optionalString(b, "address"),
                station,
                cap == null ? 40 : Bodies.integer(b, "dailyCapacity"));
        blocking.run(() -> appointments.savePoint(p))
                .onSuccess(created -> Responses.json(ctx, created ? 201 : 200, RegistryJson.point(p)))
                .onFailure(ctx::fail);
    }

    private void dayList(RoutingContext ctx) {
        String point = ctx.pathParam("id");
        String day = ctx.queryParams().get("day");
        if (day == null) {
            throw BadInputException.malformed(
                    "query parameter day is required (yyyy-MM-dd, Asia/Shanghai)",
                    new JsonObject().put("field", "day"));
        }
        var date = RegistryJson.dateField(new JsonObject().put("day", day), "day");
        blocking.run(() -> {
                    appointments
                            .point(point)
                            .orElseThrow(() -> RegistryException.notFound("installation point", point));
                    return RegistryJson.array(appointments.ofDay(point, date), RegistryJson::appointment);
                })
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void requests(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        String st = status == null ? "pending" : status;
        if (!Set.of("pending", "done", "rejected", "cancelled").contains(st)) {
            throw BadInputException.invalid("status", "must be pending, done, rejected or cancelled");
        }
        blocking.run(() -> RegistryJson.array(requests.withStatus(st, LIST_LIMIT), RegistryJson::request))
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void reject(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "request");
        String note = Bodies.optionalString(Bodies.optionalJsonObject(ctx), "note");
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> RegistryJson.request(requests.end(id, false, null, note, actor)))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }
}
