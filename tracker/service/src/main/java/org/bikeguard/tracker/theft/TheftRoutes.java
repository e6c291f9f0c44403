package org.bikeguard.tracker.theft;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.Caller;
import org.bikeguard.tracker.registry.Owners;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.sightings.BikeSightings;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.bikeguard.tracker.trajectory.Trajectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Theft cases. An owner reports ({@code POST /api/v1/thefts}; police and admin may report for an
 * owner); the police confirm with a case number ({@code POST .../confirm}), which compiles the
 * bike's trajectory since the reported theft time at once, pins it to the case and puts the
 * bike's current tag on the watch list; the police mark the bike recovered ({@code .../recover})
 * or close the case ({@code .../close}; an owner may withdraw their own report while it is only
 * reported). Reads: {@code GET /api/v1/thefts/{id}} (owner: own cases only), the police list
 * {@code GET /api/v1/thefts?status=}, and the pinned evidence {@code GET .../evidence} (police,
 * admin; audited), to which {@code POST .../evidence} adds a fresh compilation; an owner lists their
 * own cases at {@code GET /api/v1/me/thefts}. Reads by staff are audited ({@code theft.read},
 * {@code theft.list}, {@code theft.evidence.read}); an owner's reads of their own cases are not.
 * Thread-safe.
 */
public final class TheftRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(TheftRoutes.class);
    private static final Set<String> STATUSES =
            Set.of(TheftCase.REPORTED, TheftCase.CONFIRMED, TheftCase.RECOVERED, TheftCase.CLOSED);
    private static final int LIST_LIMIT = 500;

    private final Blocking blocking;
    private final TheftCases thefts;
    private final CaseEvents caseEvents;
    private final Owners owners;
    private final Bikes bikes;
    private final AuditLog audit;
    private final BikeSightings sightings;
    private final Clock clock;

    /**
     * @param blocking   the workers for JDBC
     * @param caseEvents told when a case is confirmed or ends (the watch list)
     * @param owners     to scope an owner caller to their own cases
     * @param bikes      the tags a bike carried, for its evidence
     * @param sightings  compiles the evidence
     * @param clock      the tracker's clock: the end of an evidence window
     */
    public TheftRoutes(
            Blocking blocking,
            TheftCases thefts,
            CaseEvents caseEvents,
            Owners owners,
            Bikes bikes,
            AuditLog audit,
            BikeSightings sightings,
            Clock clock) {
        this.blocking = blocking;
        this.thefts = thefts;
        this.caseEvents = caseEvents;
        this.owners = owners;
        this.bikes = bikes;
        this.audit = audit;
        this.sightings = sightings;
        this.clock = clock;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        var police = BearerAuth.requireRole(Role.POLICE);
        r.post("/api/v1/thefts")
                .handler(BearerAuth.requireRole(Role.OWNER, Role.POLICE, Role.ADMIN))
                .handler(this::report);
        r.get("/api/v1/thefts")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN, Role.ADJUSTER))
                .handler(this::list);
        r.get("/api/v1/thefts/:id")
                .handler(BearerAuth.requireRole(Role.OWNER, Role.POLICE, Role.ADMIN, Role.ADJUSTER))
                .handler(this::get);
        r.post("/api/v1/thefts/:id/confirm").handler(police).handler(this::confirm);
        r.post("/api/v1/thefts/:id/recover").handler(police).handler(ctx -> end(ctx, true));
        r.post("/api/v1/thefts/:id/close")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.OWNER))
                .handler(ctx -> end(ctx, false));
        r.get("/api/v1/thefts/:id/evidence")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(this::evidence);
        r.post("/api/v1/thefts/:id/evidence").handler(police).handler(this::compileMore);
        r.get("/api/v1/me/thefts").handler(BearerAuth.requireRole(Role.OWNER)).handler(this::mine);
    }

    private void mine(RoutingContext ctx) {
        Caller c = Caller.of(ctx);
        blocking.run(() -> RegistryJson.array(thefts.byOwner(c.ownerScope(owners)), TheftJson::theft))
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void report(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        long bikeId = RegistryJson.longField(b, "bikeId");
        Instant stolenAt = Bodies.instant(b, "stolenAt");
        String place = Bodies.optionalString(b, "place");
        String description = Bodies.optionalString(b, "description");
        Caller c = Caller.of(ctx);
        blocking.run(() -> thefts.report(bikeId, c.ownerScope(owners), stolenAt, place, description, c.username()))
                .onSuccess(id -> Responses.json(ctx, 201, new JsonObject().put("id", id)))
                .onFailure(ctx::fail);
    }

    /** The case, or 404 when it does not exist or (for an owner) is not theirs. Blocking. */
    private TheftCase visible(Caller c, long id) {
        Long scope = c.ownerScope(owners);
        TheftCase t = thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id));
        if (scope != null && t.ownerId() != scope) {
            throw RegistryException.notFound("theft case", id);
        }
        return t;
    }

    private void get(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "theft case");
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    TheftCase t = visible(c, id);
                    if (!c.is(Role.OWNER)) {
                        audit.record(
                                actor,
                                "theft.read",
                                "bike:" + t.bikeId(),
                                t.caseNo(),
                                new JsonObject().put("caseId", id));
                    }
                    return TheftJson.theft(t);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        if (status != null && !STATUSES.contains(status)) {
            throw BadInputException.invalid("status", "must be one of reported, confirmed, recovered, closed");
        }
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(actor, "theft.list", "thefts", null, new JsonObject().put("status", status));
                    return RegistryJson.array(thefts.list(status, LIST_LIMIT), TheftJson::theft);
                })
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    /** What a compilation needs: the case, the bike's tag bindings in the window, and the window. */
    private record Plan(TheftCase theft, List<Bikes.Binding> bindings, Instant from, Instant to) {}

    private void confirm(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "theft case");
        String caseNo = TheftCases.caseNumber(Bodies.optionalString(Bodies.jsonObject(ctx), "caseNo"));
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    TheftCase t = thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id));
                    if (!TheftCase.REPORTED.equals(t.status())
                            && !(TheftCase.CONFIRMED.equals(t.status()) && caseNo.equals(t.caseNo()))) {
                        throw RegistryException.conflict(
                                "case " + id + " is " + t.status() + ", not reported", Map.of("status", t.status()));
                    }
                    return plan(actor, t, caseNo);
                })
                .compose(p -> compile(p, c))
                .compose(ev -> blocking.run(() -> {
                    TheftCases.Confirmed done = thefts.confirm(id, caseNo, ev, c.username());
                    TheftCase t = done.theft();
                    if (t.tag() != null) {
                        caseEvents.confirmed(t.tag(), t.id(), t.caseNo(), t.plate());
                    }
                    LOG.info(
                            "theft case confirmed [case: {}, caseNo: {}, bike: {}, sightings: {}, changed: {}]",
                            t.id(),
                            t.caseNo(),
                            t.bikeId(),
                            ev.sightings().size(),
                            done.changed());
                    return TheftJson.theft(t).put("evidence", summary(ev));
                }))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    /** Audits the compilation (before any sighting is read) and finds the tags of the window. Blocking. */
    private Plan plan(Actor actor, TheftCase t, String caseNo) {
        Instant to = clock.instant();
        Instant from = t.stolenAt();
        audit.record(
                actor,
                "theft.evidence",
                "bike:" + t.bikeId(),
                caseNo,
                new JsonObject()
                        .put("caseId", t.id())
                        .put("bikeId", t.bikeId())
                        .put("from", IsoTimes.format(from))
                        .put("to", IsoTimes.format(to)));
        return new Plan(t, bikes.bindings(t.bikeId(), from, to), from, to);
    }

    private Future<Evidence> compile(Plan p, Caller c) {
        return sightings.load(p.bindings(), p.from(), p.to()).map(rows -> {
            long tag = p.theft().tag() != null
                    ? p.theft().tag()
                    : p.bindings().isEmpty()
                            ? 0
                            : p.bindings().get(p.bindings().size() - 1).tag();
            Trajectory traj = sightings.trajectory(tag, rows);
            return new Evidence(
                    0,
                    p.theft().id(),
                    p.to(),
                    c.username(),
                    p.from(),
                    p.to(),
                    BikeSightings.json(rows),
                    traj == null ? null : traj.toGeoJson());
        });
    }

    private static JsonObject summary(Evidence e) {
        JsonObject traj = e.trajectory();
        return new JsonObject()
                .put("compiledAt", IsoTimes.format(e.compiledAt()))
                .put("from", IsoTimes.format(e.from()))
                .put("to", IsoTimes.format(e.to()))
                .put("sightings", e.sightings().size())
                .put(
                        "lengthM",
                        traj == null ? null : traj.getJsonObject("properties").getValue("lengthM"));
    }

    private void end(RoutingContext ctx, boolean recovered) {
        long id = Params.pathId(ctx, "id", "theft case");
        String note = Bodies.optionalString(Bodies.optionalJsonObject(ctx), "note");
        Caller c = Caller.of(ctx);
        blocking.run(() -> {
                    TheftCase[] beforeAfter = thefts.end(id, recovered, c.ownerScope(owners), note, c.username());
                    TheftCase before = beforeAfter[0];
                    if (TheftCase.CONFIRMED.equals(before.status()) && before.tag() != null) {
                        caseEvents.ended(before.tag(), id);
                    }
                    LOG.info(
                            "theft case ended [case: {}, status: {}, by: {}]",
                            id,
                            beforeAfter[1].status(),
                            c.username());
                    return TheftJson.theft(beforeAfter[1]);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void evidence(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "theft case");
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    TheftCase t = thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id));
                    audit.record(
                            actor,
                            "theft.evidence.read",
                            "bike:" + t.bikeId(),
                            t.caseNo(),
                            new JsonObject().put("caseId", id).put("bikeId", t.bikeId()));
                    return new JsonObject()
                            .put("caseId", id)
                            .put("caseNo", t.caseNo())
                            .put("evidence", RegistryJson.array(thefts.evidence(id), TheftJson::evidence));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void compileMore(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "theft case");
        Caller c = Caller.of(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    TheftCase t = thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id));
                    if (!TheftCase.CONFIRMED.equals(t.status())) {
                        throw RegistryException.conflict(
                                "evidence is compiled for confirmed cases; case " + id + " is " + t.status(),
                                Map.of("status", t.status()));
                    }
                    return plan(actor, t, t.caseNo());
                })
                .compose(p -> compile(p, c))
                .compose(ev -> blocking.run(() -> TheftJson.evidence(thefts.addEvidence(id, ev))))
                .onSuccess(o -> Responses.json(ctx, 201, o))
                .onFailure(ctx::fail);
    }
}
