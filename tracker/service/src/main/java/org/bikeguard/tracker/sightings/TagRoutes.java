package org.bikeguard.tracker.sightings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.audit.CaseRule;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.bikeguard.tracker.trajectory.Trajectory;

/**
 * {@code GET /api/v1/tags/{tag}/sightings} and {@code .../trajectory} (admin, police), over a
 * window {@code from..to} (ISO-8601 instants with offset, at most {@link #MAX_WINDOW}). Every call
 * is written to {@code audit_log} before any data is read; if that fails, no data is returned.
 * Thread-safe.
 */
public final class TagRoutes {

    /** Longest window one query may cover. */
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    private final Blocking blocking;
    private final DataSource ds;
    private final BikeSightings sightings;
    private final AuditLog audit;
    private final CaseRule caseRule;

    /** A validated query. */
    record Query(long tag, Instant from, Instant to, String caseNo) {}

    /**
     * @param blocking  the workers for the audit row and the database query
     * @param ds        the database holding the closed sightings
     * @param sightings merges them with the engine's and builds trajectories
     */
    public TagRoutes(Blocking blocking, DataSource ds, BikeSightings sightings, AuditLog audit, CaseRule caseRule) {
        this.blocking = blocking;
        this.ds = ds;
        this.sightings = sightings;
        this.audit = audit;
        this.caseRule = caseRule;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        r.get("/api/v1/tags/:tag/sightings")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(this::sightings);
        r.get("/api/v1/tags/:tag/trajectory")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(this::trajectory);
    }

    private void sightings(RoutingContext ctx) {
        Query q = query(ctx);
        load(ctx, q, "tag.sightings")
                .onSuccess(rows -> {
                    JsonArray list = new JsonArray();
                    for (SightingQuery.Row r : rows) {
                        list.add(new JsonObject()
                                .put("station", r.station())
                                .put("firstSeen", IsoTimes.format(r.firstSeen()))
                                .put("lastSeen", IsoTimes.format(r.lastSeen()))
                                .put("reads", r.reads())
                                .put("peakRssi", r.peakRssi())
                                .put("open", r.open()));
                    }
                    Responses.json(
                            ctx,
                            200,
                            new JsonObject().put("tag", TagIds.format(q.tag())).put("sightings", list));
                })
                .onFailure(ctx::fail);
    }

    private void trajectory(RoutingContext ctx) {
        Query q = query(ctx);
        load(ctx, q, "tag.trajectory")
                .onSuccess(rows -> {
                    Trajectory t = sightings.trajectoryThrough(q.tag(), sightings.visits(rows));
                    if (t == null) {
                        ctx.fail(new NotFoundException(
                                "no sightings of tag " + TagIds.format(q.tag()) + " in the window", window(q)));
                        return;
                    }
                    Responses.send(
                            ctx, 200, "application/geo+json", t.toGeoJson().encode());
                })
                .onFailure(ctx::fail);
    }

    /**
     * Applies the case-number rule ({@link CaseRule}: police without an open case must give
     * caseNo, else 400), audits, then reads the database and the engine in parallel and merges.
     */
    private Future<List<SightingQuery.Row>> load(RoutingContext ctx, Query q, String action) {
        Role role = BearerAuth.role(ctx);
        Actor actor = Actor.of(ctx);
        Future<List<SightingQuery.Row>> closed = blocking.run(() -> {
            CaseRule.Resolved rule = caseRule.forTag(role, q.tag(), q.caseNo());
            audit.record(actor, action, TagIds.format(q.tag()), rule.caseNo(), rule.details(window(q)));
            return SightingQuery.closed(ds, q.tag(), q.from(), q.to());
        });
        return sightings.merged(closed, q.tag(), q.from(), q.to());
    }

    private static JsonObject window(Query q) {
        return new JsonObject().put("from", IsoTimes.format(q.from())).put("to", IsoTimes.format(q.to()));
    }

    /** Parses and checks the path and query parameters; 400 with the offending parameter. */
    static Query query(RoutingContext ctx) {
        String tagText = ctx.pathParam("tag");
        if (!TagIds.isValid(tagText)) {
            throw BadInputException.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        if (!to.isAfter(from)) {
            throw BadInputException.violation("to must be after from", new JsonObject().put("field", "to"));
        }
        checkWindow(from, to);
        return new Query(TagIds.parse(tagText), from, to, caseNo(ctx));
    }

    /** 400 when {@code from..to} spans more than {@link #MAX_WINDOW}. */
    static void checkWindow(Instant from, Instant to) {
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw BadInputException.violation(
                    "the window from..to may span at most 31 days",
                    new JsonObject().put("field", "to").put("maxDays", MAX_WINDOW.toDays()));
        }
    }

    /** The optional {@code caseNo} query parameter, 1..64 characters. */
    static String caseNo(RoutingContext ctx) {
        String caseNo = ctx.queryParams().get("caseNo");
        if (caseNo != null && (caseNo.isBlank() || caseNo.length() > 64)) {
            throw BadInputException.invalid("caseNo", "must be 1..64 characters");
        }
        return caseNo;
    }
}
