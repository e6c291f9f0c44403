package org.bikeguard.tracker.found;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.LookupLimits;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;

/**
 * "I found this bike":
 * <ul>
 * <li>{@code POST /api/v1/public/certificates/{code}/found} (no token) {@code {"lon","lat","accuracyM"}}
 * from the finder's browser and/or {@code {"place"}} typed, optional {@code "note"}: 201
 * {@code {"received":true}}; rate-limited per client address
 * ({@link LookupLimits#FOUND_REPORT_ADDRESS}, 429 beyond) before the code is even looked up;
 * audited {@code found.report} with the address;</li>
 * <li>{@code GET /api/v1/found-reports?open=true|false} (police, admin): the reports newest
 * first, at most {@value #LIST_LIMIT}, with the bike's plate, its status then and its open case;
 * audited {@code found.list};</li>
 * <li>{@code POST /api/v1/found-reports/{id}/handled} (police): marks one handled.</li>
 * </ul>
 * Thread-safe.
 */
public final class FoundRoutes {

    static final int LIST_LIMIT = 500;

    private final Blocking blocking;
    private final Bikes bikes;
    private final FoundReports reports;
    private final LookupLimits limits;
    private final AuditLog audit;

    public FoundRoutes(Blocking blocking, Bikes bikes, FoundReports reports, LookupLimits limits, AuditLog audit) {
        this.blocking = blocking;
        this.bikes = bikes;
        this.reports = reports;
        this.limits = limits;
        this.audit = audit;
    }

    /** Mounts the public report (before the bearer-token authentication), reading its body with {@code publicBody}. */
    public void mountPublic(Router r, Handler<RoutingContext> publicBody) {
        r.post("/api/v1/public/certificates/:code/found").handler(publicBody).handler(this::report);
    }

    /** Mounts the police routes (after the bearer-token authentication). */
    public void mount(Router r) {
        r.get("/api/v1/found-reports")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(this::list);
        r.post("/api/v1/found-reports/:id/handled")
                .handler(BearerAuth.requireRole(Role.POLICE))
                .handler(this::handled);
    }

    private void report(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        FoundReports.Input in = input(Bodies.jsonObject(ctx));
        String address = limits.address(ctx);
        limits.admitFoundReport(blocking, address)
                .compose(v -> blocking.run(() -> {
                    Bike b = bikes.byCertificate(code)
                            .orElseThrow(() -> RegistryException.notFound("certificate", code));
                    FoundReport f = reports.add(b.id(), in);
                    limits.recordFoundReport(address, b.id(), f.id());
                    return f;
                }))
                .onSuccess(f -> Responses.json(
                        ctx,
                        201,
                        new JsonObject()
                                .put("received", true)
                                .put("at", f.toJson().getString("reportedAt"))))
                .onFailure(ctx::fail);
    }

    /** The finder's input, validated: a position (both coordinates) or a place. */
    static FoundReports.Input input(JsonObject b) {
        Double lon = optionalNumber(b, "lon");
        Double lat = optionalNumber(b, "lat");
        Double acc = optionalNumber(b, "accuracyM");
        String place = trimmed(Bodies.optionalString(b, "place"), "place", 200);
        String note = trimmed(Bodies.optionalString(b, "note"), "note", 500);
        if ((lon == null) != (lat == null)) {
            throw BadInputException.invalid(lon == null ? "lon" : "lat", "is required with the other coordinate");
        }
        if (lon != null && (lon < -180 || lon > 180 || lat < -90 || lat > 90)) {
            throw BadInputException.invalid("lon", "lon must be within -180..180 and lat within -90..90");
        }
        if (acc != null && (acc < 0 || acc > 1e6)) {
            throw BadInputException.invalid("accuracyM", "must be within 0..1000000 metres");
        }
        if (lon == null && place.isEmpty()) {
            throw BadInputException.invalid("place", "give the position (lon, lat) or the place");
        }
        return new FoundReports.Input(lon, lat, lon == null ? null : acc, place, note);
    }

    private static Double optionalNumber(JsonObject b, String field) {
        return b.getValue(field) == null ? null : Bodies.number(b, field);
    }

    private static String trimmed(String s, String field, int max) {
        String t = s == null ? "" : s.strip();
        if (t.length() > max) {
            throw BadInputException.invalid(field, "must be at most " + max + " characters");
        }
        return t;
    }

    private void list(RoutingContext ctx) {
        String open = ctx.queryParams().get("open");
        if (open != null && !open.equals("true") && !open.equals("false")) {
            throw BadInputException.invalid("open", "must be true or false");
        }
        boolean openOnly = "true".equals(open);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(actor, "found.list", "found_reports", null, new JsonObject().put("open", openOnly));
                    return RegistryJson.array(reports.list(openOnly, LIST_LIMIT), FoundReport::toJson);
                })
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void handled(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "found report");
        String officer = BearerAuth.username(ctx);
        blocking.run(() -> reports.handle(id, officer)
                        .orElseThrow(
                                () -> new NotFoundException("no such found report", new JsonObject().put("id", id))))
                .onSuccess(f -> Responses.json(ctx, 200, f.toJson()))
                .onFailure(ctx::fail);
    }
}
