package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.StationIds;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The violation and intersection routes (docs/api.md, "Violations"):
 * <ul>
 * <li>{@code GET /api/v1/violations?from=&to=&kind=&intersection=&limit=} (traffic, police, admin; audited before
 * data is read): the violations with {@code from <= at < to} (at most 31 days), oldest first</li>
 * <li>{@code PUT /api/v1/intersections/{id}} (admin): one GeoJSON Feature; {@code POST /api/v1/intersections/import}
 * (admin): a FeatureCollection, all or nothing</li>
 * <li>{@code GET /api/v1/intersections/{id}} and {@code GET /api/v1/intersections/{id}/phases?from=&to=} (traffic,
 * police, admin): the record and its phase history</li>
 * </ul>
 * Thread-safe.
 */
final class ViolationRoutes {

    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final int MAX_IMPORT = 2_000;

    private final Violations violations;
    private final Blocking blocking;
    private final AuditLog audit;

    ViolationRoutes(Violations violations, Blocking blocking, AuditLog audit) {
        this.violations = violations;
        this.blocking = blocking;
        this.audit = audit;
    }

    void mount(Router r) {
        var readers = BearerAuth.requireRole(Role.TRAFFIC, Role.POLICE, Role.ADMIN);
        var admin = BearerAuth.requireRole(Role.ADMIN);
        r.get("/api/v1/violations").handler(readers).handler(this::list);
        r.post("/api/v1/intersections/import").handler(admin).handler(this::importAll);
        r.put("/api/v1/intersections/:id").handler(admin).handler(this::put);
        r.get("/api/v1/intersections/:id").handler(readers).handler(this::get);
        r.get("/api/v1/intersections/:id/phases").handler(readers).handler(this::phases);
    }

    private void list(RoutingContext ctx) {
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        window(from, to);
        String kind = ctx.queryParams().get("kind");
        if (kind != null && ViolationKind.fromWire(kind) == null) {
            throw BadInputException.invalid("kind", "red_light, wrong_way or motor_lane");
        }
        String intersection = ctx.queryParams().get("intersection");
        if (intersection != null && !StationIds.isValid(intersection)) {
            throw BadInputException.invalid("intersection", "an intersection id");
        }
        int limit = (int) Params.optionalLong(ctx, "limit", 1_000, 1, 10_000);
        JsonObject details = new JsonObject()
                .put("from", IsoTimes.format(from))
                .put("to", IsoTimes.format(to))
                .put("kind", kind)
                .put("intersection", intersection);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(
                            actor,
                            "violations.list",
                            intersection == null ? "all intersections" : intersection,
                            null,
                            details);
                    return violations.store().query(from, to, kind, intersection, limit);
                })
                .onSuccess(rows -> Responses.json(ctx, 200, new JsonObject().put("violations", json(rows))))
                .onFailure(ctx::fail);
    }

    private static JsonArray json(List<ViolationStore.Row> rows) {
        JsonArray out = new JsonArray();
        for (ViolationStore.Row v : rows) {
            out.add(new JsonObject()
                    .put("id", v.id())
                    .put("tag", TagIds.format(v.tag()))
                    .put("plate", v.plate())
                    .put("kind", v.kind())
                    .put("intersection", v.intersection())
                    .put("at", IsoTimes.format(v.at()))
                    .put("confidence", Math.round(v.confidence() * 1000) / 1000.0)
                    .put("detectedAt", IsoTimes.format(v.detectedAt()))
                    .put("evidence", v.evidence()));
        }
        return out;
    }

    private static void window(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw BadInputException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw BadInputException.invalid("to", "the window from..to may span at most 31 days");
        }
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!StationIds.isValid(id)) {
            throw BadInputException.invalid("id", "1-32 chars of [A-Za-z0-9._-]");
        }
        Intersection x = IntersectionJson.parse(Bodies.jsonObject(ctx), id);
        blocking.run(() -> {
                    violations.save(List.of(x));
                    return IntersectionJson.feature(x);
                })
                .onSuccess(f -> Responses.json(ctx, 200, f))
                .onFailure(ctx::fail);
    }

    private void importAll(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        if (!"FeatureCollection".equals(body.getValue("type"))
                || !(body.getValue("features") instanceof JsonArray fs)) {
            throw BadInputException.invalid("type", "a GeoJSON FeatureCollection with features");
        }
        if (fs.size() > MAX_IMPORT) {
            throw BadInputException.invalid("features", "at most " + MAX_IMPORT + " intersections per import");
        }
        List<Intersection> xs = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < fs.size(); i++) {
            try {
                Intersection x = IntersectionJson.parse(fs.getValue(i) instanceof JsonObject o ? o : null, null);
                if (!ids.add(x.id())) {
                    throw BadInputException.invalid("id", "given twice");
                }
                xs.add(x);
            } catch (BadInputException e) {
                throw BadInputException.malformed(
                        "features[" + i + "]: " + e.getMessage(), new JsonObject().put("feature", i));
            }
        }
        blocking.run(() -> {
                    violations.save(xs);
                    return xs.size();
                })
                .onSuccess(n -> Responses.json(ctx, 200, new JsonObject().put("imported", n)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Intersection x = StationIds.isValid(id) ? violations.intersection(id) : null;
        if (x == null) {
            throw new NotFoundException("no intersection " + id, new JsonObject());
        }
        Responses.json(ctx, 200, IntersectionJson.feature(x));
    }

    private void phases(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        window(from, to);
        if (!StationIds.isValid(id) || violations.intersection(id) == null) {
            throw new NotFoundException("no intersection " + id, new JsonObject());
        }
        blocking.run(() -> violations.phaseStore().since(from, id, 10_000))
                .onSuccess(ms -> {
                    JsonArray out = new JsonArray();
                    for (PhaseMessage m : ms) {
                        if (m.at() < to.toEpochMilli()) {
                            out.add(new JsonObject()
                                    .put("seq", m.seq())
                                    .put("at", IsoTimes.format(m.at()))
                                    .put(
                                            "green",
                                            new JsonArray(
                                                    m.green().stream().sorted().toList()))
                                    .put(
                                            "amber",
                                            new JsonArray(
                                                    m.amber().stream().sorted().toList())));
                        }
                    }
                    Responses.json(
                            ctx, 200, new JsonObject().put("intersection", id).put("phases", out));
                })
                .onFailure(ctx::fail);
    }
}
