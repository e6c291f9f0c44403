package org.bikeguard.tracker.police;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.alert.Alarm;
import org.bikeguard.tracker.alert.Web;
import org.bikeguard.tracker.api.ApiContext;
import org.bikeguard.tracker.api.ApiException;
import org.bikeguard.tracker.api.AuditLog;
import org.bikeguard.tracker.api.CaseRule;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.theft.TheftCases;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.locationtech.jts.geom.Polygon;

/**
 * The police console's spatial queries (police, admin; every call audited before data is read):
 * <ul>
 * <li>{@code POST /api/v1/police/passed} {@code {"stations":[ids] | "area": GeoJSON Polygon, "from", "to", "caseNo"?}}:
 * the tags (and bikes) with a sighting at those stations overlapping {@code [from, to)} (at most 31 days)</li>
 * <li>{@code GET /api/v1/police/tags/{tag}/last-seen[?caseNo=]}: GeoJSON Feature, the union of the
 * coverage circles of the stations that heard the tag last, with its likely next stations</li>
 * <li>{@code GET /api/v1/police/stations/{id}/likely-next[?limit=3]}: learned next stations</li>
 * </ul>
 * A police query on one tag that is neither watched nor under an open theft case must give
 * {@code caseNo} (the rule of {@link CaseRule}, shared with the sightings and trajectory queries).
 * Thread-safe.
 */
public final class PoliceRoutes {

    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final int MAX_STATIONS = 5_000;

    private final Vertx vertx;
    private final ApiContext api;
    private final Web web;
    private final AuditLog audit;
    private final StationIndex index;
    private final CaseRule caseRule;

    public PoliceRoutes(Vertx vertx, ApiContext api) {
        this.vertx = vertx;
        this.api = api;
        this.web = new Web(vertx.createSharedWorkerExecutor(Web.WORKER_POOL, 4));
        this.audit = new AuditLog(api.db().dataSource(), api.clock());
        this.index = new StationIndex(api.stations());
        this.caseRule = new CaseRule(new TheftCases(api.db().dataSource(), api.clock()));
    }

    /** Mounts the routes (after the API's bearer-token authentication). */
    public void mount(Router r) {
        var roles = BearerAuth.requireRole(Role.POLICE, Role.ADMIN);
        r.post("/api/v1/police/passed").handler(roles).handler(this::passed);
        r.get("/api/v1/police/tags/:tag/last-seen").handler(roles).handler(this::lastSeen);
        r.get("/api/v1/police/stations/:id/likely-next").handler(roles).handler(this::likelyNext);
    }

    private void passed(RoutingContext ctx) {
        JsonObject body = Web.body(ctx, true);
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        window(from, to);
        String caseNo = caseNo(body.getValue("caseNo"));
        List<String> stations = stations(body);
        JsonObject details = new JsonObject().put("from", IsoTimes.format(from)).put("to", IsoTimes.format(to))
                .put("stations", new JsonArray(new ArrayList<>(stations))).put("area", body.getValue("area") != null);
        String user = BearerAuth.username(ctx);
        String role = BearerAuth.role(ctx).wire();
        web.blocking(() -> {
            audit.record(user, role, "police.passed", stations.size() == 1 ? stations.get(0) : stations.size() + " stations",
                    caseNo, details);
            return stations.isEmpty() ? new PassedQuery.Result(List.of(), false)
                    : PassedQuery.run(api.db().dataSource(), stations, from, to);
        }).onSuccess(res -> Web.json(ctx, 200, passedJson(res, stations, from, to))).onFailure(ctx::fail);
    }

    private JsonObject passedJson(PassedQuery.Result res, List<String> stations, Instant from, Instant to) {
        JsonArray tags = new JsonArray();
        for (PassedQuery.Tag t : res.tags()) {
            JsonArray passes = new JsonArray();
            for (PassedQuery.Pass p : t.passes()) {
                passes.add(new JsonObject().put("station", p.station()).put("firstSeen", IsoTimes.format(p.firstSeen()))
                        .put("lastSeen", IsoTimes.format(p.lastSeen())));
            }
            var w = api.watchList().get(t.tag());
            tags.add(new JsonObject().put("tag", TagIds.format(t.tag())).put("bikeId", t.bikeId()).put("plate", t.plate())
                    .put("watched", w != null).put("caseNo", w == null ? null : w.caseNo()).put("sightings", passes));
        }
        return new JsonObject().put("from", IsoTimes.format(from)).put("to", IsoTimes.format(to))
                .put("stations", new JsonArray(new ArrayList<>(stations))).put("count", tags.size())
                .put("truncated", res.truncated()).put("tags", tags);
    }

    private List<String> stations(JsonObject body) {
        Object list = body.getValue("stations");
        Object area = body.getValue("area");
        if ((list == null) == (area == null)) {
            throw Web.invalid("stations", "give either stations (a list of station ids) or area (a GeoJSON Polygon)");
        }
        if (area != null) {
            Polygon p = GeoJson.polygon(area, "area");
            return index.inside(p).stream().map(Station::id).toList();
        }
        if (!(list instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_STATIONS) {
            throw Web.invalid("stations", "must be a list of 1.." + MAX_STATIONS + " station ids");
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String id) || api.stations().byId(id) == null) {
                throw Web.invalid("stations", "names an unknown station: " + o);
            }
            out.add(id);
        }
        return out.stream().distinct().toList();
    }

    private void lastSeen(RoutingContext ctx) {
        long tag = tag(ctx);
        String caseNo = caseNo(ctx.queryParams().get("caseNo"));
        Role role = BearerAuth.role(ctx);
        String user = BearerAuth.username(ctx);
        Future<List<Sighting>> live = Future.fromCompletionStage(api.engine().sightingsOf(tag), vertx.getOrCreateContext());
        Future<List<Alarm.Recent>> stored = web.blocking(() -> {
            // The case-number rule of the sightings and trajectory queries (any open case), and a
            // watched tag counts as having its case.
            var watched = caseNo == null ? api.watchList().get(tag) : null;
            CaseRule.Resolved rule = watched != null ? new CaseRule.Resolved(watched.caseNo(), null)
                    : caseRule.forTag(role, tag, caseNo);
            audit.record(user, role.wire(), "tag.last-seen", TagIds.format(tag), rule.caseNo(), rule.details(new JsonObject()));
            return api.alerts().store().lastSightings(tag, 20);
        });
        Future.all(live, stored).onSuccess(all -> {
            JsonObject f = LastSeen.feature(tag, live.result(), stored.result(), api.stations(),
                    api.config().sightingGap().toMillis(), api.alerts().transitions());
            if (f == null) {
                ctx.fail(new ApiException.NotFoundException("no sightings of tag " + TagIds.format(tag),
                        new JsonObject().put("tag", TagIds.format(tag))));
            } else {
                Web.send(ctx, 200, "application/geo+json", f.encode());
            }
        }).onFailure(ctx::fail);
    }

    private void likelyNext(RoutingContext ctx) {
        Station s = api.stations().byId(ctx.pathParam("id"));
        if (s == null) {
            throw new ApiException.NotFoundException("no station " + ctx.pathParam("id"), new JsonObject().put("id", ctx.pathParam("id")));
        }
        int limit = (int) Web.longParam(ctx, "limit", 3, 1, 5);
        String user = BearerAuth.username(ctx);
        String role = BearerAuth.role(ctx).wire();
        web.blocking(() -> {
            audit.record(user, role, "station.likely-next", s.id(), null, new JsonObject());
            return api.alerts().transitions().likelyNext(s.id(), api.stations(), limit);
        }).onSuccess(next -> Web.json(ctx, 200, new JsonObject().put("station", s.id()).put("next", LastSeen.nextJson(next))))
                .onFailure(ctx::fail);
    }

    private static long tag(RoutingContext ctx) {
        String t = ctx.pathParam("tag");
        if (!TagIds.isValid(t)) {
            throw Web.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        return TagIds.parse(t);
    }

    private static String caseNo(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > 64) {
            throw Web.invalid("caseNo", "must be 1..64 characters");
        }
        return s;
    }

    private static void window(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw Web.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw Web.invalid("to", "the window from..to may span at most 31 days");
        }
    }

    private static Instant instant(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof String s)) {
            throw Web.invalid(field, v == null ? "is required (an ISO-8601 instant with offset)" : "must be a string");
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw Web.invalid(field, "must be an ISO-8601 instant with offset, e.g. 2026-11-23T04:05:06.789Z");
        }
    }
}
