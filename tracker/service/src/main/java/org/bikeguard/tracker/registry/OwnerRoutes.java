package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * Owners: {@code POST /api/v1/owners} (admin, installer) registers an owner and their login (the
 * phone); {@code GET /api/v1/owners/{id}} (admin, installer, police, adjuster; an owner only
 * themself), {@code GET /api/v1/owners?idNumber=|phone=} (admin, installer, police),
 * {@code GET /api/v1/owners/{id}/bikes}. ID numbers are masked in every answer; police and admin
 * may ask for the full number with {@code ?reveal=true}. Every read by staff is written to the
 * audit log before the answer ({@code owner.read}, {@code owner.reveal}, {@code owner.search},
 * {@code owner.bikes}); an owner reading their own record is not. Thread-safe.
 */
public final class OwnerRoutes {

    private final Blocking blocking;
    private final Owners owners;
    private final Bikes bikes;
    private final AuditLog audit;
    private final StationRegistry stations;
    private final Clock clock;

    /**
     * @param blocking the workers for the registry's JDBC
     * @param stations to check an owner's home station
     * @param clock    the tracker's clock: "today" (Asia/Shanghai) of ID-number checks
     */
    public OwnerRoutes(
            Blocking blocking, Owners owners, Bikes bikes, AuditLog audit, StationRegistry stations, Clock clock) {
        this.blocking = blocking;
        this.owners = owners;
        this.bikes = bikes;
        this.audit = audit;
        this.stations = stations;
        this.clock = clock;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        r.post("/api/v1/owners")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER))
                .handler(this::create);
        r.get("/api/v1/owners")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE))
                .handler(this::search);
        r.get("/api/v1/owners/:id")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER, Role.OWNER))
                .handler(this::get);
        r.get("/api/v1/owners/:id/bikes")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER, Role.OWNER))
                .handler(this::bikes);
    }

    private void create(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        OwnerInput in = OwnerInput.of(
                Bodies.optionalString(b, "name"),
                Bodies.optionalString(b, "idNumber"),
                Bodies.optionalString(b, "phone"),
                Bodies.string(b, "password"),
                Bodies.optionalString(b, "address"),
                Bodies.optionalString(b, "residence"),
                Bodies.optionalString(b, "homeStation"),
                Values.today(clock));
        if (in.homeStation() != null && stations.byId(in.homeStation()) == null) {
            throw RegistryException.invalid("homeStation", "is not a known station");
        }
        String actor = BearerAuth.username(ctx);
        blocking.run(() -> owners.create(in, actor))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }

    /** Whether the caller asked for full ID numbers; 403 for roles that may not. */
    private static boolean reveal(RoutingContext ctx, Caller c) {
        if (!"true".equalsIgnoreCase(ctx.queryParams().get("reveal"))) {
            return false;
        }
        if (!c.is(Role.POLICE) && !c.is(Role.ADMIN)) {
            throw new ForbiddenException(
                    "only police and admin may see full ID numbers",
                    new JsonObject().put("role", c.role().wire()));
        }
        return true;
    }

    private void get(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "owner");
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        boolean reveal = reveal(ctx, c);
        blocking.run(() -> {
                    Long scope = c.ownerScope(owners);
                    if (scope != null && scope != id) {
                        throw RegistryException.notFound("owner", id);
                    }
                    Owner o = owners.byId(id).orElseThrow(() -> RegistryException.notFound("owner", id));
                    if (reveal || scope == null) {
                        audit.record(actor, reveal ? "owner.reveal" : "owner.read", "owner:" + id, null, null);
                    }
                    return RegistryJson.owner(o, reveal);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void search(RoutingContext ctx) {
        String idNumber = ctx.queryParams().get("idNumber");
        String phone = ctx.queryParams().get("phone");
        if ((idNumber == null) == (phone == null)) {
            throw BadInputException.malformed("give exactly one of the query parameters idNumber and phone");
        }
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        boolean reveal = reveal(ctx, c);
        blocking.run(() -> {
                    // a look-up by personal data is itself audited (never with the number searched for)
                    audit.record(
                            actor,
                            "owner.search",
                            idNumber != null ? "owner:idNumber" : "owner:phone",
                            null,
                            new JsonObject().put("reveal", reveal));
                    List<Owner> found = idNumber != null
                            ? owners.byIdNumber(idNumber, Values.today(clock))
                                    .map(List::of)
                                    .orElse(List.of())
                            : owners.byPhone(phone.trim());
                    JsonArray out = new JsonArray();
                    found.forEach(o -> out.add(RegistryJson.owner(o, reveal)));
                    return out;
                })
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void bikes(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "owner");
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    Long scope = c.ownerScope(owners);
                    if ((scope != null && scope != id) || owners.byId(id).isEmpty()) {
                        throw RegistryException.notFound("owner", id);
                    }
                    if (scope == null) {
                        audit.record(actor, "owner.bikes", "owner:" + id, null, null);
                    }
                    return RegistryJson.array(bikes.byOwner(id), RegistryJson::bike);
                })
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }
}
