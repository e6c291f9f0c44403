package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.BikeChanges;
import org.bikeguard.tracker.registry.BikeInput;
import org.bikeguard.tracker.registry.Owner;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.theft.TheftCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bikes: registration by installation staff ({@code POST /api/v1/bikes}), reads
 * ({@code GET /api/v1/bikes/{id}}, {@code /history}, {@code GET /api/v1/bikes?plate=|frameNo=|tag=}),
 * the staff changes ({@code POST .../tag}, {@code /plate}, {@code /battery}, {@code /transfer},
 * {@code /deregister}; installer, admin) and the police view of a QR certificate
 * ({@code GET /api/v1/certificates/{code}}, audited). An owner sees only their own bikes (404 for
 * others'). A tag or plate change on a bike with a confirmed theft case moves the watch list to
 * the new tag or plate. Thread-safe.
 */
final class BikeRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(BikeRoutes.class);

    private final RegistryServices s;

    BikeRoutes(Blocking blocking, ApiContext api) {
        this.s = new RegistryServices(api, blocking);
    }

    void mount(Router r) {
        var staff = BearerAuth.requireRole(Role.INSTALLER, Role.ADMIN);
        var readers = BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER, Role.OWNER);
        r.post("/api/v1/bikes").handler(staff).handler(RegistryServices.guard(this::register));
        r.get("/api/v1/bikes").handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER))
                .handler(RegistryServices.guard(this::find));
        r.get("/api/v1/bikes/:id").handler(readers).handler(RegistryServices.guard(this::get));
        r.get("/api/v1/bikes/:id/history").handler(readers).handler(RegistryServices.guard(this::history));
        r.post("/api/v1/bikes/:id/tag").handler(staff).handler(RegistryServices.guard(this::tag));
        r.post("/api/v1/bikes/:id/plate").handler(staff).handler(RegistryServices.guard(this::plate));
        r.post("/api/v1/bikes/:id/battery").handler(staff).handler(RegistryServices.guard(this::battery));
        r.post("/api/v1/bikes/:id/transfer").handler(staff).handler(RegistryServices.guard(this::transfer));
        r.post("/api/v1/bikes/:id/deregister").handler(staff).handler(RegistryServices.guard(this::deregister));
        r.get("/api/v1/certificates/:code").handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(RegistryServices.guard(this::certificate));
    }

    private void register(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        Object price = b.getValue("purchasePriceFen");
        BikeInput in = new BikeInput(RegistryJson.longField(b, "ownerId"), RegistryJson.tagField(b, "tag"),
                Bodies.optionalString(b, "plate"), Bodies.optionalString(b, "frameNo"), Bodies.optionalString(b, "motorNo"),
                Bodies.optionalString(b, "batterySerial"), Bodies.optionalString(b, "brand"),
                Bodies.optionalString(b, "model"), Bodies.optionalString(b, "colour"), RegistryJson.dateField(b, "purchaseDate"),
                price == null ? 0 : RegistryJson.longField(b, "purchasePriceFen"), Bodies.optionalString(b, "installationPoint"));
        String actor = BearerAuth.username(ctx);
        s.run(() -> s.bikes.register(in, actor))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }

    /** The bike, or 404 when it does not exist or (for an owner) is not theirs. Blocking. */
    static Bike visible(RegistryServices s, RegistryServices.Caller c, long id) {
        Long scope = s.ownerScope(c);
        Optional<Bike> b = s.bikes.byId(id);
        if (b.isEmpty() || (scope != null && b.get().ownerId() != scope)) {
            throw RegistryException.notFound("bike", id);
        }
        return b.get();
    }

    private void get(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        s.run(() -> RegistryJson.bike(visible(s, c, id)))
                .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        s.run(() -> {
            visible(s, c, id);
            return new JsonObject().put("bikeId", id).put("events", RegistryJson.array(s.bikes.history(id), RegistryJson::event));
        }).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void find(RoutingContext ctx) {
        String plate = ctx.queryParams().get("plate");
        String frameNo = ctx.queryParams().get("frameNo");
        String tag = ctx.queryParams().get("tag");
        int given = (plate == null ? 0 : 1) + (frameNo == null ? 0 : 1) + (tag == null ? 0 : 1);
        if (given != 1) {
            throw new ApiException.BadRequestException("give exactly one of the query parameters plate, frameNo and tag");
        }
        if (tag != null && !TagIds.isValid(tag)) {
            throw Bodies.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        s.run(() -> {
            Optional<Bike> b;
            try {
                b = plate != null ? s.bikes.byPlate(plate) : frameNo != null ? s.bikes.byFrameNo(frameNo)
                        : s.bikes.byTag(TagIds.parse(tag));
            } catch (RegistryException malformed) {
                b = Optional.empty();
            }
            JsonArray out = new JsonArray();
            b.ifPresent(x -> out.add(RegistryJson.bike(x)));
            return out;
        }).onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private void tag(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        long tag = RegistryJson.tagField(Bodies.jsonObject(ctx), "tag");
        String actor = BearerAuth.username(ctx);
        s.run(() -> {
            BikeChanges.Change ch = s.changes.replaceTag(id, tag, actor);
            rewatch(ch);
            return RegistryJson.bike(ch.after());
        }).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void plate(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        String plate = Bodies.string(Bodies.jsonObject(ctx), "plate");
        String actor = BearerAuth.username(ctx);
        s.run(() -> {
            BikeChanges.Change ch = s.changes.replacePlate(id, plate, actor);
            rewatch(ch);
            return RegistryJson.bike(ch.after());
        }).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void battery(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        String serial = Bodies.string(Bodies.jsonObject(ctx), "batterySerial");
        String actor = BearerAuth.username(ctx);
        s.run(() -> RegistryJson.bike(s.changes.replaceBattery(id, serial, actor).after()))
                .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void transfer(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        long to = RegistryJson.longField(Bodies.jsonObject(ctx), "toOwnerId");
        String actor = BearerAuth.username(ctx);
        s.run(() -> RegistryJson.bike(s.changes.transfer(id, to, actor).after()))
                .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void deregister(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        String reason = Bodies.optionalString(RegistryJson.optionalBody(ctx), "reason");
        String actor = BearerAuth.username(ctx);
        s.run(() -> RegistryJson.bike(s.changes.deregister(id, reason, actor).after()))
                .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    /**
     * After a tag or plate change of a bike with a confirmed case: watch the new tag (and plate).
     * Blocking. A failure is logged and answered as an error; the change itself stands.
     */
    private void rewatch(BikeChanges.Change ch) {
        Optional<TheftCase> open = s.thefts.openOfBike(ch.after().id());
        if (open.isEmpty() || !TheftCase.CONFIRMED.equals(open.get().status()) || ch.after().tag() == null) {
            return;
        }
        TheftCase t = open.get();
        Long oldTag = ch.before().tag();
        if (oldTag != null && !oldTag.equals(ch.after().tag())) {
            s.caseEvents.tagReplaced(oldTag, ch.after().tag(), t.id(), t.caseNo(), ch.after().plate());
        } else {
            s.caseEvents.confirmed(ch.after().tag(), t.id(), t.caseNo(), ch.after().plate());
        }
        LOG.info("watch list follows the bike of a confirmed case [bike: {}, case: {}, tag: {}]", ch.after().id(),
                t.caseNo(), TagIds.format(ch.after().tag()));
    }

    private void certificate(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        s.run(() -> {
            Bike b = s.bikes.byCertificate(code).orElseThrow(() -> RegistryException.notFound("certificate", code));
            s.audit.record(c.username(), c.role().wire(), "certificate.scan", "bike:" + b.id(), null,
                    new JsonObject().put("code", b.certificateCode()));
            Owner o = s.owners.byId(b.ownerId()).orElseThrow(() -> RegistryException.notFound("owner", b.ownerId()));
            return new JsonObject().put("code", b.certificateCode()).put("plate", b.plate()).put("status", b.status())
                    .put("bikeId", b.id()).put("owner", new JsonObject().put("id", o.id()).put("name", o.name())
                            .put("phone", o.phone()));
        }).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
