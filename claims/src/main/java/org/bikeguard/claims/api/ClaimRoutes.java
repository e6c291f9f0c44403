package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.claim.Claim;
import org.bikeguard.claims.claim.TheftClaimService;
import org.bikeguard.claims.claim.TheftPayments;
import org.bikeguard.claims.policy.Policy;
import org.bikeguard.claims.tracker.TrackerGateway;
import org.bikeguard.claims.tracker.TrackerGateway.Owner;
import org.bikeguard.claims.tracker.TrackerGateway.TheftCase;
import org.bikeguard.claims.work.FollowUp;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;

/**
 * Claims: open, read, list, queue, papers, decision, second approval, rights transfer, payment and
 * recovery ({@link LiabilityRoutes}: assessment and settlement; {@link AttachmentRoutes}: photos
 * and papers). Owners see and act on their own claims only (others' answer 404); adjusters and
 * admins handle every claim. Thread-safe.
 */
final class ClaimRoutes {

    private final ClaimsServices s;

    ClaimRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.post("/api/v1/claims").handler(this::open);
        r.get("/api/v1/claims").handler(this::list);
        r.get("/api/v1/claims/queue").handler(this::queue);
        r.get("/api/v1/claims/:id").handler(this::get);
        r.post("/api/v1/claims/:id/papers").handler(this::papers);
        r.post("/api/v1/claims/:id/decision").handler(this::decision);
        r.post("/api/v1/claims/:id/second-approval").handler(this::secondApproval);
        r.post("/api/v1/claims/:id/rights-transfer").handler(this::rights);
        r.post("/api/v1/claims/:id/payment").handler(this::payment);
        r.post("/api/v1/claims/:id/recovery").handler(this::recovery);
    }

    private void open(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        JsonObject b = Bodies.jsonObject(ctx);
        String type = Http.string(b, "type", true);
        Future<Long> id;
        TrackerGateway tracker = tracker(ctx);
        if ("theft".equals(type)) {
            id = openTheft(tracker, caller, b);
        } else if ("liability".equals(type)) {
            id = openLiability(tracker, caller, b);
        } else {
            throw ClaimsException.invalid("type must be theft or liability");
        }
        Http.reply(ctx, id.map(v -> new JsonObject().put("id", v)), 201);
    }

    /**
     * The tracker, asked on behalf of the request's caller: the tracker audits the reads under the
     * caller (the adjuster, the owner), not under the claims service's own account.
     */
    private TrackerGateway tracker(RoutingContext ctx) {
        return s.tracker().onBehalfOf(Caller.bearer(ctx));
    }

    private Future<Long> openTheft(TrackerGateway tracker, Caller caller, JsonObject b) {
        String caseId = Http.string(b, "theftCaseId", true);
        String policy = Http.string(b, "policyId", false);
        Long policyId = policy == null ? null : parseId(policy);
        return tracker.theftCase(caseId).compose(tc -> tracker.bike(tc.bikeId())
                .compose(bike -> tracker.owner(bike.ownerId()).compose(owner -> {
                    ownOrStaff(caller, owner.username());
                    return s.evidence()
                            .via(tracker)
                            .collect(bike.tag(), tc.stolenAt(), owner.homeStation())
                            .compose(ev -> s.dbWork().run(() -> s.theft()
                                    .open(new TheftClaimService.Open(
                                            policyId, tc, bike, owner, ev, caller.username()))));
                })));
    }

    private Future<Long> openLiability(TrackerGateway tracker, Caller caller, JsonObject b) {
        long policyId = parseId(Http.string(b, "policyId", true));
        var occurredAt = Http.instant(Http.string(b, "occurredAt", true), "occurredAt");
        String place = Http.string(b, "place", true);
        JsonObject notice = new JsonObject()
                .put("parties", b.getValue("parties") instanceof JsonArray a ? a : new JsonArray())
                .put("damage", b.getString("damage"))
                .put("description", b.getString("description"));
        return s.dbWork()
                .run(() -> s.policies().get(policyId))
                .compose((Policy p) -> tracker.owner(p.ownerId()))
                .compose((Owner owner) -> {
                    ownOrStaff(caller, owner.username());
                    return s.dbWork().run(() -> s.liability()
                            .open(policyId, owner, occurredAt, place, notice, caller.username()));
                });
    }

    private static long parseId(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ClaimsException.invalid("\"policyId\" must be a policy id");
        }
    }

    private static void ownOrStaff(Caller caller, String ownerUsername) {
        if (caller.is("owner") && !caller.username().equals(ownerUsername)) {
            throw ClaimsException.forbidden("owners claim only for their own bikes");
        }
    }

    private void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.is("owner")) {
            Http.reply(
                    ctx,
                    s.dbWork().run(() -> new JsonObject()
                            .put("claims", s.queries().byOwner(caller.username()))),
                    200);
            return;
        }
        queue(ctx);
    }

    private void queue(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        Http.reply(
                ctx,
                s.dbWork().run(() -> new JsonObject().put("claims", s.queries().queue())),
                200);
    }

    private void get(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    readable(caller, s.queries().claim(id));
                    JsonObject v = s.queries().view(id, caller.staff());
                    return caller.staff() ? s.db().inTransaction(c -> FollowUp.addTo(c, v, id, s.clock())) : v;
                }),
                200);
    }

    /** Owners reach only their own claims; anyone else's is "not found". */
    static Claim readable(Caller caller, Claim cl) {
        if (caller.is("owner") && !caller.username().equals(cl.owner().username())) {
            throw ClaimsException.notFound("claim " + cl.id());
        }
        return cl;
    }

    private void papers(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        List<String> received = Http.strings(b, "received");
        var at = Http.date(Http.string(b, "receivedAt", false), "receivedAt");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.papers().addPapers(id, received, at, caller.username());
                    return s.queries().view(id, true);
                }),
                200);
    }

    private void decision(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        String decision = Http.string(b, "decision", true);
        String reason = Http.string(b, "reason", true);
        boolean override = Http.bool(b, "overrideEvidence", false);
        if (override && !caller.is("admin")) {
            throw ClaimsException.forbidden("only an admin may decide without current evidence");
        }
        TrackerGateway tracker = tracker(ctx);
        Future<Void> f = s.dbWork().run(() -> s.queries().claim(id)).compose(cl -> {
            if (!cl.isTheft()) {
                if (!"deny".equals(decision) && !"refer".equals(decision)) {
                    return Future.failedFuture(
                            ClaimsException.invalid(
                                    "a liability claim is approved through its assessment and settlement; deny or refer apply"));
                }
                return s.dbWork().run(() -> {
                    if ("deny".equals(decision)) {
                        s.liability().deny(id, reason, caller.username());
                    } else {
                        s.liability().refer(id, reason, caller.username());
                    }
                    return null;
                });
            }
            return fresh(tracker, cl).compose(facts -> s.dbWork().run(() -> {
                s.theft().decide(id, decision, reason, facts, override, caller.username());
                return null;
            }));
        });
        Http.reply(ctx, f.compose(v -> s.dbWork().run(() -> s.queries().view(id, true))), 200);
    }

    /** A second adjuster's approval (four eyes), with a reason. */
    private void secondApproval(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        String reason = Http.string(Bodies.jsonObject(ctx), "reason", true);
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.fourEyes().secondApproval(id, reason, caller.username());
                    return s.queries().view(id, true);
                }),
                200);
    }

    /**
     * The theft case and the tag's evidence as the tracker shows them now; {@link
     * TheftClaimService.Fresh#unavailable} when the tracker cannot answer (a 502), other failures
     * (e.g. the case is gone: 404) fail the decision.
     */
    private Future<TheftClaimService.Fresh> fresh(TrackerGateway tracker, Claim cl) {
        return tracker.theftCase(cl.theft().caseId())
                .compose(tc -> tracker.owner(cl.owner().id())
                        .map(Owner::homeStation)
                        .otherwise((String) null)
                        .compose(home ->
                                s.evidence().via(tracker).collect(cl.theft().tag(), tc.stolenAt(), home))
                        .map(ev ->
                                new TheftClaimService.Fresh(tc, ev, cl.theft().tag() != null && !ev.available())))
                .recover(err -> err instanceof ClaimsException ce && ce.status() == 502
                        ? Future.succeededFuture(TheftClaimService.Fresh.unavailable())
                        : Future.failedFuture(err));
    }

    /**
     * The owner signs the rights transfer; an adjuster or admin signing for the owner names the
     * claim's attachment with the owner's signed paper ({@code paperId}).
     */
    private void rights(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.optionalJsonObject(ctx);
        Object paper = b == null ? null : b.getValue("paperId");
        if (paper != null && !(paper instanceof Number)) {
            throw ClaimsException.invalid("\"paperId\" must be an attachment id");
        }
        Long paperId = paper == null ? null : ((Number) paper).longValue();
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    readable(caller, s.queries().claim(id));
                    s.rights().sign(id, caller.username(), caller.staff(), paperId);
                    return s.queries().view(id, caller.staff());
                }),
                200);
    }

    /**
     * Pays a claim. Idempotent with a key ({@code Idempotency-Key} header or {@code idempotencyKey}
     * in the body): a retry answers 200 with the first payment. A theft claim is paid only after
     * the theft case is checked again at the tracker (a found bike closes the claim, no payment).
     */
    private void payment(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.optionalJsonObject(ctx);
        String reference = Http.string(b, "reference", false);
        String header = ctx.request().getHeader("Idempotency-Key");
        String key = header != null && !header.isBlank() ? header.trim() : Http.string(b, "idempotencyKey", false);
        if (key != null && key.length() > 200) {
            throw ClaimsException.invalid("the idempotency key is at most 200 characters");
        }
        TrackerGateway tracker = tracker(ctx);
        Future<TheftPayments.Paid> paid = s.dbWork()
                .run(() -> s.queries().claim(id))
                .compose(cl -> {
                    if (!cl.isTheft()) {
                        return s.dbWork().run(() -> {
                            Long first = s.payments().paidWithKey(id, key);
                            long pid = s.liability().pay(id, reference, key, caller.username());
                            return new TheftPayments.Paid(pid, first != null);
                        });
                    }
                    return s.dbWork()
                            .run(() -> s.payments().paidWithKey(id, key))
                            .compose(first -> first != null
                                    ? Future.succeededFuture(new TheftPayments.Paid(first, true))
                                    : tracker.theftCase(cl.theft().caseId()).compose(tc -> s.dbWork()
                                            .run(() -> s.payments().pay(id, reference, key, tc, caller.username()))));
                });
        paid.compose(p -> s.dbWork().run(() -> new JsonObject()
                        .put("paymentId", p.paymentId())
                        .put("replay", p.replay())
                        .put("claim", s.queries().view(id, true))))
                .onSuccess(json -> Http.reply(ctx, Future.succeededFuture(json), json.getBoolean("replay") ? 200 : 201))
                .onFailure(ctx::fail);
    }

    private void recovery(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin", "police");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.optionalJsonObject(ctx);
        Instant given = Http.instant(Http.string(b, "foundAt", false), "foundAt");
        String resolution = Http.string(b, "resolution", false);
        TrackerGateway tracker = tracker(ctx);
        // Without foundAt, the recovery time the police recorded on the theft case (else now).
        Future<Instant> foundAt = given != null
                ? Future.succeededFuture(given)
                : s.dbWork()
                        .run(() -> s.queries().claim(id))
                        .compose(cl -> !cl.isTheft()
                                ? Future.succeededFuture((Instant) null)
                                : tracker.theftCase(cl.theft().caseId())
                                        .map(TheftCase::recoveredAt)
                                        .otherwise((Instant) null));
        Http.reply(
                ctx,
                foundAt.compose(at -> s.dbWork().run(() -> {
                    String status = s.payments().recover(id, at, resolution, caller.username());
                    return new JsonObject().put("id", id).put("status", status);
                })),
                200);
    }
}
