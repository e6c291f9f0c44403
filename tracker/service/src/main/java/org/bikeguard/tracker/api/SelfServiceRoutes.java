package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Owner;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.Values;

/**
 * Owner self-service under {@code /api/v1/me} (role {@code owner}; the owner is the one whose
 * login is the token's username): profile, bikes, theft cases, transfer to another registered
 * owner (named by phone and ID number), deregistration, plate or tag replacement requests, and
 * installation appointments. Another owner's bike, request or appointment is "not found".
 * Thread-safe.
 */
final class SelfServiceRoutes {

    private final RegistryServices s;

    SelfServiceRoutes(Blocking blocking, ApiContext api) {
        this.s = new RegistryServices(api, blocking);
    }

    void mount(Router r) {
        r.route("/api/v1/me/*").handler(BearerAuth.requireRole(Role.OWNER));
        r.get("/api/v1/me/profile").handler(RegistryServices.guard(this::profile));
        r.get("/api/v1/me/bikes").handler(RegistryServices.guard(ctx -> answer(ctx, 200, me ->
                RegistryJson.array(s.bikes.byOwner(me), RegistryJson::bike))));
        r.get("/api/v1/me/thefts").handler(RegistryServices.guard(ctx -> answer(ctx, 200, me ->
                RegistryJson.array(s.thefts.byOwner(me), RegistryJson::theft))));
        r.post("/api/v1/me/bikes/:id/transfer").handler(RegistryServices.guard(this::transfer));
        r.post("/api/v1/me/bikes/:id/deregister").handler(RegistryServices.guard(this::deregister));
        r.post("/api/v1/me/bikes/:id/requests").handler(RegistryServices.guard(this::request));
        r.get("/api/v1/me/requests").handler(RegistryServices.guard(ctx -> answer(ctx, 200, me ->
                RegistryJson.array(s.requests.byOwner(me), RegistryJson::request))));
        r.post("/api/v1/me/requests/:id/cancel").handler(RegistryServices.guard(this::cancelRequest));
        r.post("/api/v1/me/appointments").handler(RegistryServices.guard(this::book));
        r.get("/api/v1/me/appointments").handler(RegistryServices.guard(ctx -> answer(ctx, 200, me ->
                RegistryJson.array(s.appointments.byOwner(me), RegistryJson::appointment))));
        r.post("/api/v1/me/appointments/:id/cancel").handler(RegistryServices.guard(this::cancelAppointment));
    }

    /** Work for the calling owner's id (blocking), answered as JSON. */
    @FunctionalInterface
    private interface ForOwner {
        Object run(long ownerId) throws Exception;
    }

    private void answer(RoutingContext ctx, int status, ForOwner work) {
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        s.run(() -> work.run(s.ownerScope(c))).onSuccess(o -> {
            if (o instanceof io.vertx.core.json.JsonArray a) {
                Responses.json(ctx, status, a);
            } else {
                Responses.json(ctx, status, (JsonObject) o);
            }
        }).onFailure(ctx::fail);
    }

    private void profile(RoutingContext ctx) {
        answer(ctx, 200, me -> RegistryJson.owner(s.owners.byId(me)
                .orElseThrow(() -> RegistryException.notFound("owner record for", RegistryServices.caller(ctx).username())), false));
    }

    /** The caller's bike (404 for any other). Blocking. */
    private Bike mine(long me, long bikeId) {
        Bike b = s.bikes.byId(bikeId).orElseThrow(() -> RegistryException.notFound("bike", bikeId));
        if (b.ownerId() != me) {
            throw RegistryException.notFound("bike", bikeId);
        }
        return b;
    }

    private void transfer(RoutingContext ctx) {
        long bikeId = RegistryServices.pathId(ctx, "id", "bike");
        JsonObject b = Bodies.jsonObject(ctx);
        String toPhone = Values.phone(Bodies.optionalString(b, "toPhone"));
        String toIdNumber = Bodies.string(b, "toIdNumber");
        String actor = BearerAuth.username(ctx);
        answer(ctx, 200, me -> {
            mine(me, bikeId);
            Owner to = s.owners.byUsername(toPhone)
                    .filter(o -> s.owners.byIdNumber(toIdNumber, Values.today(s.api.clock())).map(x -> x.id() == o.id()).orElse(false))
                    .orElseThrow(() -> new RegistryException(RegistryException.Kind.INVALID,
                            "no registered owner with this phone and ID number", java.util.Map.of("field", "toIdNumber")));
            return RegistryJson.bike(s.changes.transfer(bikeId, to.id(), actor).after());
        });
    }

    private void deregister(RoutingContext ctx) {
        long bikeId = RegistryServices.pathId(ctx, "id", "bike");
        String reason = Bodies.optionalString(RegistryJson.optionalBody(ctx), "reason");
        String actor = BearerAuth.username(ctx);
        answer(ctx, 200, me -> {
            mine(me, bikeId);
            return RegistryJson.bike(s.changes.deregister(bikeId, reason, actor).after());
        });
    }

    private void request(RoutingContext ctx) {
        long bikeId = RegistryServices.pathId(ctx, "id", "bike");
        JsonObject b = Bodies.jsonObject(ctx);
        String kind = Bodies.string(b, "kind");
        String reason = Bodies.optionalString(b, "reason");
        answer(ctx, 201, me -> new JsonObject().put("id", s.requests.create(me, bikeId, kind, reason)));
    }

    private void cancelRequest(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "request");
        String actor = BearerAuth.username(ctx);
        answer(ctx, 200, me -> RegistryJson.request(s.requests.end(id, true, me, null, actor)));
    }

    private void book(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        String point = Bodies.string(b, "point");
        var day = RegistryJson.dateField(b, "day");
        String note = Bodies.optionalString(b, "note");
        answer(ctx, 201, me -> {
            if (me < 0) {
                throw RegistryException.notFound("owner record for", BearerAuth.username(ctx));
            }
            return new JsonObject().put("id", s.appointments.book(me, point, day, note));
        });
    }

    private void cancelAppointment(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "appointment");
        answer(ctx, 200, me -> RegistryJson.appointment(s.appointments.cancel(me, id)));
    }
}
