package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * Owner self-service under {@code /api/v1/me} (role {@code owner}; the owner is the one whose
 * login is the token's username): profile, bikes, transfer to another registered owner (named by
 * phone and ID number), deregistration, plate or tag replacement requests, and installation
 * appointments ({@code /api/v1/me/thefts} belongs to the theft feature). Another owner's bike,
 * request or appointment is "not found". The transfer answers whether a phone number and an ID
 * number belong to one owner, so it is rate-limited per account and per client address and every
 * attempt is audited ({@link LookupLimits}). Thread-safe.
 */
public final class SelfServiceRoutes {

    private final Blocking blocking;
    private final Owners owners;
    private final Bikes bikes;
    private final BikeChanges changes;
    private final Requests requests;
    private final Appointments appointments;
    private final LookupLimits limits;
    private final Clock clock;

    /**
     * @param blocking the workers for the registry's JDBC
     * @param limits   the transfer look-up's rate limits and audit
     * @param clock    the tracker's clock: "today" (Asia/Shanghai) of ID-number checks
     */
    public SelfServiceRoutes(
            Blocking blocking,
            Owners owners,
            Bikes bikes,
            BikeChanges changes,
            Requests requests,
            Appointments appointments,
            LookupLimits limits,
            Clock clock) {
        this.blocking = blocking;
        this.owners = owners;
        this.bikes = bikes;
        this.changes = changes;
        this.requests = requests;
        this.appointments = appointments;
        this.limits = limits;
        this.clock = clock;
    }

    /** Mounts the routes (after the bearer-token authentication); every {@code /api/v1/me/*} path is owners' only. */
    public void mount(Router r) {
        r.route("/api/v1/me/*").handler(BearerAuth.requireRole(Role.OWNER));
        r.get("/api/v1/me/profile").handler(this::profile);
        r.get("/api/v1/me/bikes")
                .handler(ctx -> answer(ctx, 200, me -> RegistryJson.array(bikes.byOwner(me), RegistryJson::bike)));
        r.post("/api/v1/me/bikes/:id/transfer").handler(this::transfer);
        r.post("/api/v1/me/bikes/:id/deregister").handler(this::deregister);
        r.post("/api/v1/me/bikes/:id/requests").handler(this::request);
        r.get("/api/v1/me/requests")
                .handler(
                        ctx -> answer(ctx, 200, me -> RegistryJson.array(requests.byOwner(me), RegistryJson::request)));
        r.post("/api/v1/me/requests/:id/cancel").handler(this::cancelRequest);
        r.post("/api/v1/me/appointments").handler(this::book);
        r.get("/api/v1/me/appointments")
                .handler(ctx -> answer(
                        ctx, 200, me -> RegistryJson.array(appointments.byOwner(me), RegistryJson::appointment)));
        r.post("/api/v1/me/appointments/:id/cancel").handler(this::cancelAppointment);
    }

    private void answer(RoutingContext ctx, int status, OwnerWork.ForOwner work) {
        OwnerWork.answer(ctx, blocking, owners, status, work);
    }

    private void profile(RoutingContext ctx) {
        answer(
                ctx,
                200,
                me -> RegistryJson.owner(
                        owners.byId(me)
                                .orElseThrow(() -> RegistryException.notFound(
                                        "owner record for", Caller.of(ctx).username())),
                        false));
    }

    /** The caller's bike (404 for any other). Blocking. */
    private Bike mine(long me, long bikeId) {
        Bike b = bikes.byId(bikeId).orElseThrow(() -> RegistryException.notFound("bike", bikeId));
        if (b.ownerId() != me) {
            throw RegistryException.notFound("bike", bikeId);
        }
        return b;
    }

    private void transfer(RoutingContext ctx) {
        long bikeId = Params.pathId(ctx, "id", "bike");
        JsonObject b = Bodies.jsonObject(ctx);
        String toPhone = Values.phone(Bodies.optionalString(b, "toPhone"));
        String toIdNumber = Bodies.string(b, "toIdNumber");
        String actor = BearerAuth.username(ctx);
        String address = limits.address(ctx);
        limits.admitTransferLookup(blocking, actor, address)
                .onSuccess(v -> transfer(ctx, bikeId, toPhone, toIdNumber, actor, address))
                .onFailure(ctx::fail);
    }

    private void transfer(
            RoutingContext ctx, long bikeId, String toPhone, String toIdNumber, String actor, String address) {
        answer(ctx, 200, me -> {
            limits.recordTransferLookup(actor, bikeId, address);
            mine(me, bikeId);
            Owner to = owners.byUsername(toPhone)
                    .filter(o -> owners.byIdNumber(toIdNumber, Values.today(clock))
                            .map(x -> x.id() == o.id())
                            .orElse(false))
                    .orElseThrow(() -> new RegistryException(
                            RegistryException.Kind.INVALID,
                            "no registered owner with this phone and ID number",
                            Map.of("field", "toIdNumber")));
            return RegistryJson.bike(changes.transfer(bikeId, to.id(), actor).after());
        });
    }

    private void deregister(RoutingContext ctx) {
        long bikeId = Params.pathId(ctx, "id", "bike");
        String reason = Bodies.optionalString(Bodies.optionalJsonObject(ctx), "reason");
        String actor = BearerAuth.username(ctx);
        answer(ctx, 200, me -> {
            mine(me, bikeId);
            return RegistryJson.bike(changes.deregister(bikeId, reason, actor).after());
        });
    }

    private void request(RoutingContext ctx) {
        long bikeId = Params.pathId(ctx, "id", "bike");
        JsonObject b = Bodies.jsonObject(ctx);
        String kind = Bodies.string(b, "kind");
        String reason = Bodies.optionalString(b, "reason");
        answer(ctx, 201, me -> new JsonObject().put("id", requests.create(me, bikeId, kind, reason)));
    }

    private void cancelRequest(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "request");
        String actor = BearerAuth.username(ctx);
        answer(ctx, 200, me -> RegistryJson.request(requests.end(id, true, me, null, actor)));
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
            return new JsonObject().put("id", appointments.book(me, point, day, note));
        });
    }

    private void cancelAppointment(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "appointment");
        answer(ctx, 200, me -> RegistryJson.appointment(appointments.cancel(me, id)));
    }
}
