package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * Bikes: registration by installation staff ({@code POST /api/v1/bikes}), reads
 * ({@code GET /api/v1/bikes/{id}}, {@code /history}, {@code GET /api/v1/bikes?plate=|frameNo=|tag=}),
 * the staff changes ({@code POST .../tag}, {@code /plate}, {@code /battery}, {@code /transfer},
 * {@code /deregister}; installer, admin) and the police view of a QR certificate
 * ({@code GET /api/v1/certificates/{code}}). Every read by staff is audited before the answer
 * ({@code bike.read}, {@code bike.history}, {@code bike.search}, {@code certificate.scan}); an owner
 * sees only their own bikes (404 for others'), unaudited. After a tag or plate change the {@link BikeChangeListener} is told (the theft feature
 * moves the watch list of a confirmed case to the new tag or plate). Thread-safe.
 */
public final class BikeRoutes {

    private final Blocking blocking;
    private final Owners owners;
    private final Bikes bikes;
    private final BikeChanges changes;
    private final AuditLog audit;
    private final BikeChangeListener listener;

    /**
     * @param blocking the workers for the registry's JDBC
     * @param listener told after each tag or plate change, on the worker
     */
    public BikeRoutes(
            Blocking blocking,
            Owners owners,
            Bikes bikes,
            BikeChanges changes,
            AuditLog audit,
            BikeChangeListener listener) {
        this.blocking = blocking;
        this.owners = owners;
        this.bikes = bikes;
        this.changes = changes;
        this.audit = audit;
        this.listener = listener;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        var staff = BearerAuth.requireRole(Role.INSTALLER, Role.ADMIN);
        var readers = BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER, Role.OWNER);
        r.post("/api/v1/bikes").handler(staff).handler(this::register);
        r.get("/api/v1/bikes")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER))
                .handler(this::find);
        r.get("/api/v1/bikes/:id").handler(readers).handler(this::get);
        r.get("/api/v1/bikes/:id/history").handler(readers).handler(this::history);
        r.post("/api/v1/bikes/:id/tag").handler(staff).handler(this::tag);
        r.post("/api/v1/bikes/:id/plate").handler(staff).handler(this::plate);
        r.post("/api/v1/bikes/:id/battery").handler(staff).handler(this::battery);
        r.post("/api/v1/bikes/:id/transfer").handler(staff).handler(this::transfer);
        r.post("/api/v1/bikes/:id/deregister").handler(staff).handler(this::deregister);
        r.get("/api/v1/certificates/:code")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(this::certificate);
    }

    private void register(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        Object price = b.getValue("purchasePriceFen");
        BikeInput in = new BikeInput(
                RegistryJson.longField(b, "ownerId"),
                RegistryJson.tagField(b, "tag"),
                Bodies.optionalString(b, "plate"),
                Bodies.optionalString(b, "frameNo"),
                Bodies.optionalString(b, "motorNo"),
                Bodies.optionalString(b, "batterySerial"),
                Bodies.optionalString(b, "brand"),
                Bodies.optionalString(b, "model"),
                Bodies.optionalString(b, "colour"),
                RegistryJson.dateField(b, "purchaseDate"),
                price == null ? 0 : RegistryJson.longField(b, "purchasePriceFen"),
                Bodies.optionalString(b, "installationPoint"));
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> bikes.register(in, actor))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }

    /** The bike, or 404 when it does not exist or (for an owner) is not theirs. Blocking. */
    private Bike visible(Caller c, long id) {
        Long scope = c.ownerScope(owners);
        Optional<Bike> b = bikes.byId(id);
        if (b.isEmpty() || (scope != null && b.get().ownerId() != scope)) {
            throw RegistryException.notFound("bike", id);
        }
        return b.get();
    }

    /** Audits a read of bike {@code id} by anyone but its owner. Blocking. */
    private void auditStaff(Caller c, Actor actor, String action, long id) {
        if (!c.is(Role.OWNER)) {
            audit.record(actor, action, "bike:" + id, null, null);
        }
    }

    private void get(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    Bike b = visible(c, id);
                    auditStaff(c, actor, "bike.read", id);
                    return RegistryJson.bike(b);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    visible(c, id);
                    auditStaff(c, actor, "bike.history", id);
                    return new JsonObject()
                            .put("bikeId", id)
                            .put("events", RegistryJson.array(bikes.history(id), RegistryJson::event));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void find(RoutingContext ctx) {
        String plate = ctx.queryParams().get("plate");
        String frameNo = ctx.queryParams().get("frameNo");
        String tag = ctx.queryParams().get("tag");
        int given = (plate == null ? 0 : 1) + (frameNo == null ? 0 : 1) + (tag == null ? 0 : 1);
        if (given != 1) {
            throw BadInputException.malformed("give exactly one of the query parameters plate, frameNo and tag");
        }
        if (tag != null && !TagIds.isValid(tag)) {
            throw BadInputException.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        Actor actor = Actor.of(ctx);
        String by = plate != null ? "plate" : frameNo != null ? "frameNo" : "tag";
        blocking.run(() -> {
                    Optional<Bike> b;
                    try {
                        b = plate != null
                                ? bikes.byPlate(plate)
                                : frameNo != null ? bikes.byFrameNo(frameNo) : bikes.byTag(TagIds.parse(tag));
                    } catch (RegistryException malformed) {
                        b = Optional.empty();
                    }
                    // the value searched for is not recorded; the bike found is
                    audit.record(
                            actor,
                            "bike.search",
                            b.map(x -> "bike:" + x.id()).orElse("bike:none"),
                            null,
                            new JsonObject().put("by", by).put("found", b.isPresent()));
                    JsonArray out = new JsonArray();
                    b.ifPresent(x -> out.add(RegistryJson.bike(x)));
                    return out;
                })
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void tag(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        long tag = RegistryJson.tagField(Bodies.jsonObject(ctx), "tag");
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> {
                    BikeChanges.Change ch = changes.replaceTag(id, tag, actor);
                    listener.tagOrPlateReplaced(ch);
                    return RegistryJson.bike(ch.after());
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void plate(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        String plate = Bodies.string(Bodies.jsonObject(ctx), "plate");
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> {
                    BikeChanges.Change ch = changes.replacePlate(id, plate, actor);
                    listener.tagOrPlateReplaced(ch);
                    return RegistryJson.bike(ch.after());
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void battery(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        String serial = Bodies.string(Bodies.jsonObject(ctx), "batterySerial");
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> RegistryJson.bike(
                        changes.replaceBattery(id, serial, actor).after()))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void transfer(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        long to = RegistryJson.longField(Bodies.jsonObject(ctx), "toOwnerId");
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> RegistryJson.bike(changes.transfer(id, to, actor).after()))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void deregister(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        String reason = Bodies.optionalString(Bodies.optionalJsonObject(ctx), "reason");
        String actor = BearerAuth.username(ctx);
        blocking.run(() ->
                        RegistryJson.bike(changes.deregister(id, reason, actor).after()))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void certificate(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    Bike b = bikes.byCertificate(code)
                            .orElseThrow(() -> RegistryException.notFound("certificate", code));
                    audit.record(
                            actor,
                            "certificate.scan",
                            "bike:" + b.id(),
                            null,
                            new JsonObject().put("code", b.certificateCode()));
                    Owner o = owners.byId(b.ownerId())
                            .orElseThrow(() -> RegistryException.notFound("owner", b.ownerId()));
                    return new JsonObject()
                            .put("code", b.certificateCode())
                            .put("plate", b.plate())
                            .put("status", b.status())
                            .put("bikeId", b.id())
                            .put(
                                    "owner",
                                    new JsonObject()
                                            .put("id", o.id())
                                            .put("name", o.name())
                                            .put("phone", o.phone()));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }
}
