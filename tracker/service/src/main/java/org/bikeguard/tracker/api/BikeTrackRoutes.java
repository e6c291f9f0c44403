package org.bikeguard.tracker.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Bikes;
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
final class BikeTrackRoutes {

    private final RegistryServices s;
    private final BikeSightings sightings;

    BikeTrackRoutes(Vertx vertx, Blocking blocking, ApiContext api) {
        this.s = new RegistryServices(api, blocking);
        this.sightings = new BikeSightings(vertx, blocking, api);
    }

    void mount(Router r) {
        r.get("/api/v1/bikes/:id/sightings").handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(RegistryServices.guard(ctx -> serve(ctx, false)));
        r.get("/api/v1/bikes/:id/trajectory").handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(RegistryServices.guard(ctx -> serve(ctx, true)));
    }

    private record Loaded(Bike bike, List<Bikes.Binding> bindings) {
    }

    private void serve(RoutingContext ctx, boolean trajectory) {
        long id = RegistryServices.pathId(ctx, "id", "bike");
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (!to.isAfter(from)) {
            throw Bodies.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(TagRoutes.MAX_WINDOW) > 0) {
            throw new ApiException.ValidationException("the window from..to may span at most 31 days",
                    new JsonObject().put("field", "to").put("maxDays", TagRoutes.MAX_WINDOW.toDays()));
        }
        String caseNo = ctx.queryParams().get("caseNo");
        if (caseNo != null && (caseNo.isBlank() || caseNo.length() > 64)) {
            throw Bodies.invalid("caseNo", "must be 1..64 characters");
        }
        RegistryServices.Caller c = RegistryServices.caller(ctx);
        String action = trajectory ? "bike.trajectory" : "bike.sightings";
        CaseRule rule = new CaseRule(s.thefts);
        s.run(() -> {
            Bike b = s.bikes.byId(id).orElseThrow(() -> RegistryException.notFound("bike", id));
            CaseRule.Resolved resolved = rule.forBike(c.role(), id, caseNo);
            s.audit.record(c.username(), c.role().wire(), action, "bike:" + id, resolved.caseNo(), resolved.details(
                    new JsonObject().put("bikeId", id).put("from", IsoTimes.format(from)).put("to", IsoTimes.format(to))));
            return new Loaded(b, s.bikes.bindings(id, from, to));
        }).compose(x -> {
            Bike b = x.bike();
            List<Bikes.Binding> bindings = x.bindings();
            return sightings.load(bindings, from, to).map(rows -> {
                if (!trajectory) {
                    return new JsonObject().put("bikeId", id).put("sightings", BikeSightings.json(rows));
                }
                long tag = b.tag() != null ? b.tag() : bindings.isEmpty() ? 0 : bindings.get(bindings.size() - 1).tag();
                Trajectory t = sightings.trajectory(tag, rows);
                if (t == null) {
                    throw new ApiException.NotFoundException("no sightings of bike " + id + " in the window",
                            new JsonObject().put("from", IsoTimes.format(from)).put("to", IsoTimes.format(to)));
                }
                JsonObject f = t.toGeoJson();
                f.getJsonObject("properties").put("bikeId", id);
                return f;
            });
        }).onSuccess(o -> Responses.send(ctx, 200, trajectory ? "application/geo+json" : "application/json", o.encode()))
                .onFailure(ctx::fail);
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            throw new ApiException.BadRequestException("query parameter " + name + " is required (an ISO-8601 instant with offset)",
                    new JsonObject().put("field", name));
        }
        try {
            return OffsetDateTime.parse(v.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw Bodies.invalid(name, "must be an ISO-8601 instant with offset, e.g. 2026-11-23T04:05:06.789Z");
        }
    }
}
