package org.bikeguard.tracker.api;

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
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.bikeguard.tracker.trajectory.TrajectoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/tags/{tag}/sightings} and {@code .../trajectory} (admin, police). Every call
 * is written to {@code audit_log} before any data is read; if that fails, no data is returned.
 * Thread-safe.
 */
final class TagRoutes {

    /** Longest window one query may cover. */
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    private static final Logger LOG = LoggerFactory.getLogger(TagRoutes.class);

    private final Vertx vertx;
    private final Blocking blocking;
    private final ApiContext api;
    private final AuditLog audit;
    private final TrajectoryBuilder trajectories = new TrajectoryBuilder();
    private final CaseRule caseRule;

    /** A validated query. */
    record Query(long tag, Instant from, Instant to, String caseNo) {
    }

    TagRoutes(Vertx vertx, Blocking blocking, ApiContext api) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.api = api;
        this.audit = new AuditLog(api.db().dataSource(), api.clock());
        this.caseRule = new CaseRule(new org.bikeguard.tracker.theft.TheftCases(api.db().dataSource(), api.clock()));
    }

    void mount(Router r) {
        r.get("/api/v1/tags/:tag/sightings").handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE)).handler(this::sightings);
        r.get("/api/v1/tags/:tag/trajectory").handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE)).handler(this::trajectory);
    }

    private void sightings(RoutingContext ctx) {
        Query q = query(ctx);
        load(ctx, q, "tag.sightings").onSuccess(rows -> {
            JsonArray list = new JsonArray();
            for (SightingQuery.Row r : rows) {
                list.add(new JsonObject().put("station", r.station())
                        .put("firstSeen", IsoTimes.format(r.firstSeen())).put("lastSeen", IsoTimes.format(r.lastSeen()))
                        .put("reads", r.reads()).put("peakRssi", r.peakRssi()).put("open", r.open()));
            }
            Responses.json(ctx, 200, new JsonObject().put("tag", TagIds.format(q.tag())).put("sightings", list));
        }).onFailure(ctx::fail);
    }

    private void trajectory(RoutingContext ctx) {
        Query q = query(ctx);
        load(ctx, q, "tag.trajectory").onSuccess(rows -> {
            List<TrajectoryBuilder.Visit> visits = visits(rows, api.stations());
            if (visits.isEmpty()) {
                ctx.fail(new ApiException.NotFoundException("no sightings of tag " + TagIds.format(q.tag())
                        + " in the window", window(q)));
                return;
            }
            Responses.send(ctx, 200, "application/geo+json",
                    trajectories.build(q.tag(), visits).toGeoJson().encode());
        }).onFailure(ctx::fail);
    }

    /** The trajectory vertices of {@code rows}; sightings at unknown stations are left out. */
    static List<TrajectoryBuilder.Visit> visits(List<SightingQuery.Row> rows, StationRegistry stations) {
        List<TrajectoryBuilder.Visit> visits = new ArrayList<>(rows.size());
        for (SightingQuery.Row r : rows) {
            Station s = stations.byId(r.station());
            if (s == null) {
                LOG.warn("sighting at an unknown station left out of a trajectory [station: {}]", r.station());
                continue;
            }
            visits.add(new TrajectoryBuilder.Visit(s.id(), s.lon(), s.lat(), r.firstSeen(), r.lastSeen()));
        }
        return visits;
    }

    /**
     * Applies the case-number rule ({@link CaseRule}: police without an open case must give
     * caseNo, else 400), audits, then reads the database and the engine in parallel and merges.
     */
    private Future<List<SightingQuery.Row>> load(RoutingContext ctx, Query q, String action) {
        String username = BearerAuth.username(ctx);
        String role = BearerAuth.role(ctx).wire();
        Future<List<SightingQuery.Row>> closed = blocking.run(() -> {
            CaseRule.Resolved rule = caseRule.forTag(Role.fromWire(role), q.tag(), q.caseNo());
            audit.record(username, role, action, TagIds.format(q.tag()), rule.caseNo(), rule.details(window(q)));
            return SightingQuery.closed(api.db().dataSource(), q.tag(), q.from(), q.to());
        });
        Future<List<Sighting>> live = engineSightings(q.tag());
        return Future.all(closed, live).map(all -> SightingQuery.merge(closed.result(),
                SightingQuery.live(live.result(), api.stations(), q.from(), q.to())));
    }

    private Future<List<Sighting>> engineSightings(long tag) {
        try {
            SightingEngine engine = api.engine();
            return Future.fromCompletionStage(engine.sightingsOf(tag), vertx.getOrCreateContext());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static JsonObject window(Query q) {
        return new JsonObject().put("from", IsoTimes.format(q.from())).put("to", IsoTimes.format(q.to()));
    }

    /** Parses and checks the path and query parameters; 400 with the offending parameter. */
    static Query query(RoutingContext ctx) {
        String tagText = ctx.pathParam("tag");
        if (!TagIds.isValid(tagText)) {
            throw Bodies.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (!to.isAfter(from)) {
            throw new ApiException.ValidationException("to must be after from", new JsonObject().put("field", "to"));
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new ApiException.ValidationException("the window from..to may span at most 31 days",
                    new JsonObject().put("field", "to").put("maxDays", MAX_WINDOW.toDays()));
        }
        String caseNo = ctx.queryParams().get("caseNo");
        if (caseNo != null && (caseNo.isBlank() || caseNo.length() > 64)) {
            throw Bodies.invalid("caseNo", "must be 1..64 characters");
        }
        return new Query(TagIds.parse(tagText), from, to, caseNo);
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            throw new ApiException.BadRequestException("query parameter " + name + " is required (an ISO-8601 instant with offset)",
                    new JsonObject().put("field", name));
        }
        try {
            // an unencoded '+' of an offset arrives as a blank: put it back
            return OffsetDateTime.parse(v.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw Bodies.invalid(name, "must be an ISO-8601 instant with offset, e.g. 2026-11-23T04:05:06.789Z");
        }
    }
}
