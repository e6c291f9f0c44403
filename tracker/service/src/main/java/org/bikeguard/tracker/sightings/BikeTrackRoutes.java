package org.bikeguard.tracker.sightings;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.audit.CaseRule;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.Caller;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.bikeguard.tracker.trajectory.Trajectory;

/**
 * A bike's sightings and trajectory across the tags it carried:
 * {@code GET /api/v1/bikes/{id}/sightings?from=&to=&caseNo=} gives
 * {@code {"bikeId","sightings":[{"tag","station","firstSeen","lastSeen","reads","peakRssi","open"}]}} and
 * {@code .../trajectory} a GeoJSON Feature (404 when there is no sighting), with the window rules
 * of the tag routes (required, at most 31 days). Admin and police only; police must give
 * {@code caseNo} unless the bike has an open theft case ({@link CaseRule}); every call is audited
 * before any data is read. Thread-safe.
 */
public final class BikeTrackRoutes {

    private final Blocking blocking;
    private final Bikes bikes;
    private final BikeSightings sightings;
    private final AuditLog audit;
    private final CaseRule caseRule;

    /** @param blocking the workers for the registry look-ups and the audit row */
    public BikeTrackRoutes(Blocking blocking, Bikes bikes, BikeSightings sightings, AuditLog audit, CaseRule caseRule) {
        this.blocking = blocking;
        this.bikes = bikes;
        this.sightings = sightings;
        this.audit = audit;
        this.caseRule = caseRule;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        r.get("/api/v1/bikes/:id/sightings")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(ctx -> serve(ctx, false));
        r.get("/api/v1/bikes/:id/trajectory")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(ctx -> serve(ctx, true));
    }

    private record Loaded(Bike bike, List<Bikes.Binding> bindings) {}

    private void serve(RoutingContext ctx, boolean trajectory) {
        long id = Params.pathId(ctx, "id", "bike");
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        if (!to.isAfter(from)) {
            throw BadInputException.invalid("to", "must be after from");
        }
        TagRoutes.checkWindow(from, to);
        String caseNo = TagRoutes.caseNo(ctx);
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        String action = trajectory ? "bike.trajectory" : "bike.sightings";
        blocking.run(() -> {
                    Bike b = bikes.byId(id).orElseThrow(() -> RegistryException.notFound("bike", id));
                    CaseRule.Resolved resolved = caseRule.forBike(c.role(), id, caseNo);
                    audit.record(
                            actor,
                            action,
                            "bike:" + id,
                            resolved.caseNo(),
                            resolved.details(new JsonObject()
                                    .put("bikeId", id)
                                    .put("from", IsoTimes.format(from))
                                    .put("to", IsoTimes.format(to))));
                    return new Loaded(b, bikes.bindings(id, from, to));
                })
                .compose(x -> {
                    Bike b = x.bike();
                    List<Bikes.Binding> bindings = x.bindings();
                    return sightings.load(bindings, from, to).map(rows -> {
                        if (!trajectory) {
                            return new JsonObject().put("bikeId", id).put("sightings", BikeSightings.json(rows));
                        }
                        long tag = b.tag() != null
                                ? b.tag()
                                : bindings.isEmpty()
                                        ? 0
                                        : bindings.get(bindings.size() - 1).tag();
                        Trajectory t = sightings.trajectory(tag, rows);
                        if (t == null) {
                            throw new NotFoundException(
                                    "no sightings of bike " + id + " in the window",
                                    new JsonObject()
                                            .put("from", IsoTimes.format(from))
                                            .put("to", IsoTimes.format(to)));
                        }
                        JsonObject f = t.toGeoJson();
                        f.getJsonObject("properties").put("bikeId", id);
                        return f;
                    });
                })
                .onSuccess(o ->
                        Responses.send(ctx, 200, trajectory ? "application/geo+json" : "application/json", o.encode()))
                .onFailure(ctx::fail);
    }
}
