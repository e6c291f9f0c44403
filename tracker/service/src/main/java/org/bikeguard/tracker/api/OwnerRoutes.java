package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Owner;
import org.bikeguard.tracker.registry.OwnerInput;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.Values;

/**
 * Owners: {@code POST /api/v1/owners} (admin, installer) registers an owner and their login (the
 * phone); {@code GET /api/v1/owners/{id}} (admin, installer, police, adjuster; an owner only
 * themself), {@code GET /api/v1/owners?idNumber=|phone=} (admin, installer, police),
 * {@code GET /api/v1/owners/{id}/bikes}. ID numbers are masked in every answer; police and admin
 * may ask for the full number with {@code ?reveal=true}, which is written to the audit log.
 * Thread-safe.
 */
final class OwnerRoutes {

    private final RegistryServices s;

    OwnerRoutes(Blocking blocking, ApiContext api) {
        this.s = new RegistryServices(api, blocking);
    }

    void mount(Router r) {
        r.post("/api/v1/owners").handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER))
                .handler(RegistryServices.guard(this::create));
        r.get("/api/v1/owners").handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE))
                .handler(RegistryServices.guard(this::search));
        r.get("/api/v1/owners/:id").handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE, Role.ADJUSTER,
                Role.OWNER)).handler(RegistryServices.guard(this::get));
        r.get("/api/v1/owners/:id/bikes").handler(BearerAuth.requireRole(Role.ADMIN, Role.INSTALLER, Role.POLICE,
                Role.ADJUSTER, Role.OWNER)).handler(RegistryServices.guard(this::bikes));
    }

    private void create(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        OwnerInput in = OwnerInput.of(Bodies.optionalString(b, "name"), Bodies.optionalString(b, "idNumber"),
                Bodies.optionalString(b, "phone"), Bodies.string(b, "password"), Bodies.optionalString(b, "address"),
                Bodies.optionalString(b, "residence"), Bodies.optionalString(b, "homeStation"), Values.today(s.api.clock()));
        if (in.homeStation() != null && s.api.stations().byId(in.homeStation()) == null) {
            throw RegistryException.invalid("homeStation", "is not a known station");
        }
        String actor = BearerAuth.username(ctx);
        s.run(() -> s.owners.create(in, actor))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }

    /** Whether the caller asked for full ID numbers; 403 for roles that may not. */
    private static boolean reveal(RoutingContext ctx, RegistryServices.Caller c) {
        if (!"true".equalsIgnoreCase(ctx.queryParams().get("reveal"))) {
            return false;
        }
        if (!c.is(Role.POLICE) && !c.is(Role.ADMIN)) {
            throw new ApiException.ForbiddenException("only police and admin may see full ID numbers",
                    new JsonObject().put("role", c.role().wire()));
        }
        return true;
    }

    private void get(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "owner");
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        boolean reveal = reveal(ctx, c);
        s.run(() -> {
            Long scope = s.ownerScope(c);
            if (scope != null && scope != id) {
                throw RegistryException.notFound("owner", id);
            }
            Owner o = s.owners.byId(id).orElseThrow(() -> RegistryException.notFound("owner", id));
            if (reveal) {
                s.audit.record(c.username(), c.role().wire(), "owner.reveal", "owner:" + id, null, new JsonObject());
            }
            return RegistryJson.owner(o, reveal);
        }).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void search(RoutingContext ctx) {
        String idNumber = ctx.queryParams().get("idNumber");
        String phone = ctx.queryParams().get("phone");
        if ((idNumber == null) == (phone == null)) {
            throw new ApiException.BadRequestException("give exactly one of the query parameters idNumber and phone");
        }
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        boolean reveal = reveal(ctx, c);
        s.run(() -> {
            // a look-up by personal data is itself audited (never with the number searched for)
            s.audit.record(c.username(), c.role().wire(), "owner.search", idNumber != null ? "owner:idNumber" : "owner:phone",
                    null, new JsonObject().put("reveal", reveal));
            List<Owner> found = idNumber != null
                    ? s.owners.byIdNumber(idNumber, Values.today(s.api.clock())).map(List::of).orElse(List.of())
                    : s.owners.byPhone(phone.trim());
            JsonArray out = new JsonArray();
            found.forEach(o -> out.add(RegistryJson.owner(o, reveal)));
            return out;
        }).onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private void bikes(RoutingContext ctx) {
        long id = RegistryServices.pathId(ctx, "id", "owner");
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        s.run(() -> {
            Long scope = s.ownerScope(c);
            if ((scope != null && scope != id) || s.owners.byId(id).isEmpty()) {
                throw RegistryException.notFound("owner", id);
            }
            return RegistryJson.array(s.bikes.byOwner(id), RegistryJson::bike);
        }).onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail);
    }
}
