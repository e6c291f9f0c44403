package org.bikeguard.tracker.police;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.alert.Alarm;
import org.bikeguard.tracker.alert.Alerts;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.audit.CaseRule;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.locationtech.jts.geom.Polygon;

/**
 * The police console's spatial queries (police, admin; every call audited before data is read):
 * <ul>
 * <li>{@code POST /api/v1/police/passed} {@code {"stations":[ids] | "area": GeoJSON Polygon, "from", "to", "caseNo"?}}:
 * the tags (and bikes) with a sighting at those stations overlapping {@code [from, to)} (at most 31 days),
 * persisted or still in the sighting engine (open, or closed and not yet checkpointed)</li>
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
    /** How long "who passed" waits for the sighting engine's part of the answer. */
    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Blocking blocking;
    private final DataSource ds;
    private final StationRegistry stations;
    private final SightingEngine engine;
    private final Alerts alerts;
    private final AuditLog audit;
    private final CaseRule caseRule;
    private final Duration sightingGap;
    private final StationIndex index;

    /**
     * @param blocking    the workers for the audit rows and the database queries
     * @param ds          the database holding the closed sightings
     * @param engine      the open and not yet persisted sightings
     * @param alerts      the watch list, the stored recent sightings and the learned transitions
     * @param sightingGap the tracker's sighting gap: stations heard within it of the last sighting
     *                    make up the last-seen area
     */
    public PoliceRoutes(
            Vertx vertx,
            Blocking blocking,
            DataSource ds,
            StationRegistry stations,
            SightingEngine engine,
            Alerts alerts,
            AuditLog audit,
            CaseRule caseRule,
            Duration sightingGap) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.ds = ds;
        this.stations = stations;
        this.engine = engine;
        this.alerts = alerts;
        this.audit = audit;
        this.caseRule = caseRule;
        this.sightingGap = sightingGap;
        this.index = new StationIndex(stations);
    }

    /** Mounts the routes (after the API's bearer-token authentication). */
    public void mount(Router r) {
        var roles = BearerAuth.requireRole(Role.POLICE, Role.ADMIN);
        r.post("/api/v1/police/passed").handler(roles).handler(this::passed);
        r.get("/api/v1/police/tags/:tag/last-seen").handler(roles).handler(this::lastSeen);
        r.get("/api/v1/police/stations/:id/likely-next").handler(roles).handler(this::likelyNext);
    }

    private void passed(RoutingContext ctx) {
        JsonObject body = Bodies.jsonObject(ctx);
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        window(from, to);
        String caseNo = caseNo(body.getValue("caseNo"));
        List<String> stations = stations(body);
        JsonObject details = new JsonObject()
                .put("from", IsoTimes.format(from))
                .put("to", IsoTimes.format(to))
                .put("stations", new JsonArray(new ArrayList<>(stations)))
                .put("area", body.getValue("area") != null);
        Actor actor = Actor.of(ctx);
        BitSet at = indexes(stations);
        blocking.run(() -> {
                    audit.record(
                            actor,
                            "police.passed",
                            stations.size() == 1 ? stations.get(0) : stations.size() + " stations",
                            caseNo,
                            details);
                    if (stations.isEmpty()) {
                        return new PassedQuery.Result(List.of(), false);
                    }
                    // the engine is asked once the audit row is written, and answers while the database does
                    CompletableFuture<List<Sighting>> live = engine.sightingsAt(
                                    at, from.toEpochMilli(), to.toEpochMilli())
                            .toCompletableFuture()
                            .orTimeout(ENGINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return PassedQuery.run(ds, stations, from, to, () -> live(live.join()));
                })
                .onSuccess(res -> Responses.json(ctx, 200, passedJson(res, stations, from, to)))
                .onFailure(ctx::fail);
    }

    /** The dense indexes of the stations. */
    private BitSet indexes(List<String> ids) {
        BitSet set = new BitSet();
        for (String id : ids) {
            Station s = stations.byId(id);
            if (s != null) {
                set.set(s.idx());
            }
        }
        return set;
    }

    /** The engine's sightings with their station ids. */
    private List<PassedQuery.Live> live(List<Sighting> list) {
        List<PassedQuery.Live> out = new ArrayList<>(list.size());
        for (Sighting s : list) {
            Station st = stations.byIndex(s.station());
            if (st != null) {
                out.add(new PassedQuery.Live(s.tag(), st.id(), s.firstSeen(), s.lastSeen(), s.open()));
            }
        }
        return out;
    }

    private JsonObject passedJson(PassedQuery.Result res, List<String> stations, Instant from, Instant to) {
        JsonArray tags = new JsonArray();
        for (PassedQuery.Tag t : res.tags()) {
            JsonArray passes = new JsonArray();
            for (PassedQuery.Pass p : t.passes()) {
                passes.add(new JsonObject()
                        .put("station", p.station())
                        .put("firstSeen", IsoTimes.format(p.firstSeen()))
                        .put("lastSeen", IsoTimes.format(p.lastSeen()))
                        .put("open", p.open()));
            }
            var w = alerts.watchList().get(t.tag());
            tags.add(new JsonObject()
                    .put("tag", TagIds.format(t.tag()))
                    .put("bikeId", t.bikeId())
                    .put("plate", t.plate())
                    .put("watched", w != null)
                    .put("caseNo", w == null ? null : w.caseNo())
                    .put("sightings", passes));
        }
        return new JsonObject()
                .put("from", IsoTimes.format(from))
                .put("to", IsoTimes.format(to))
                .put("stations", new JsonArray(new ArrayList<>(stations)))
                .put("count", tags.size())
                .put("truncated", res.truncated())
                .put("tags", tags);
    }

    private List<String> stations(JsonObject body) {
        Object list = body.getValue("stations");
        Object area = body.getValue("area");
        if ((list == null) == (area == null)) {
            throw BadInputException.invalid(
                    "stations", "give either stations (a list of station ids) or area (a GeoJSON Polygon)");
        }
        if (area != null) {
            Polygon p = GeoJson.polygon(area, "area");
            return index.inside(p).stream().map(Station::id).toList();
        }
        if (!(list instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_STATIONS) {
            throw BadInputException.invalid("stations", "must be a list of 1.." + MAX_STATIONS + " station ids");
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String id) || stations.byId(id) == null) {
                throw BadInputException.invalid("stations", "names an unknown station: " + o);
            }
            out.add(id);
        }
        return out.stream().distinct().toList();
    }

    private void lastSeen(RoutingContext ctx) {
        long tag = tag(ctx);
        String caseNo = caseNo(ctx.queryParams().get("caseNo"));
        Role role = BearerAuth.role(ctx);
        Actor actor = Actor.of(ctx);
        Future<List<Sighting>> live = Future.fromCompletionStage(engine.sightingsOf(tag), vertx.getOrCreateContext());
        Future<List<Alarm.Recent>> stored = blocking.run(() -> {
            // The case-number rule of the sightings and trajectory queries (any open case), and a
            // watched tag counts as having its case.
            var watched = caseNo == null ? alerts.watchList().get(tag) : null;
            CaseRule.Resolved rule = watched != null
                    ? new CaseRule.Resolved(watched.caseNo(), null)
                    : caseRule.forTag(role, tag, caseNo);
            audit.record(actor, "tag.last-seen", TagIds.format(tag), rule.caseNo(), rule.details(new JsonObject()));
            return alerts.store().lastSightings(tag, 20);
        });
        Future.all(live, stored)
                .onSuccess(all -> {
                    JsonObject f = LastSeen.feature(
                            tag,
                            live.result(),
                            stored.result(),
                            stations,
                            sightingGap.toMillis(),
                            alerts.transitions());
                    if (f == null) {
                        ctx.fail(new NotFoundException(
                                "no sightings of tag " + TagIds.format(tag),
                                new JsonObject().put("tag", TagIds.format(tag))));
                    } else {
                        Responses.send(ctx, 200, "application/geo+json", f.encode());
                    }
                })
                .onFailure(ctx::fail);
    }

    private void likelyNext(RoutingContext ctx) {
        Station s = stations.byId(ctx.pathParam("id"));
        if (s == null) {
            throw new NotFoundException(
                    "no station " + ctx.pathParam("id"), new JsonObject().put("id", ctx.pathParam("id")));
        }
        int limit = (int) Params.optionalLong(ctx, "limit", 3, 1, 5);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(actor, "station.likely-next", s.id(), null, new JsonObject());
                    return alerts.transitions().likelyNext(s.id(), stations, limit);
                })
                .onSuccess(next -> Responses.json(
                        ctx, 200, new JsonObject().put("station", s.id()).put("next", LastSeen.nextJson(next))))
                .onFailure(ctx::fail);
    }

    private static long tag(RoutingContext ctx) {
        String t = ctx.pathParam("tag");
        if (!TagIds.isValid(t)) {
            throw BadInputException.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        return TagIds.parse(t);
    }

    private static String caseNo(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > 64) {
            throw BadInputException.invalid("caseNo", "must be 1..64 characters");
        }
        return s;
    }

    private static void window(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw BadInputException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw BadInputException.invalid("to", "the window from..to may span at most 31 days");
        }
    }

    private static Instant instant(JsonObject body, String field) {
        if (body.getValue(field) == null) {
            throw BadInputException.invalid(field, "is required (an ISO-8601 instant with offset)");
        }
        return Bodies.instant(body, field);
    }
}
