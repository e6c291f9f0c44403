package org.bikeguard.claims.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.payout.LiabilityAssessment;
import org.bikeguard.claims.work.LiabilityInput;
import org.bikeguard.claims.work.WorkList;
import org.bikeguard.claims.work.WorkService;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;

/**
 * The adjusters' work: the work list (search, "my claims", paging on the server), assignment,
 * notes, and the liability assessment with the rider's fault share and per-person limits keyed
 * by identity number. Staff only (adjusters and admins). Mounted before {@link ClaimRoutes} so
 * that {@code /api/v1/claims/worklist} is not taken for a claim id. Thread-safe.
 */
final class WorkRoutes {

    private final ClaimsServices s;
    private final WorkService work;

    WorkRoutes(ClaimsServices services) {
        this.s = services;
        this.work = new WorkService(services.db(), services.clock());
    }

    void mount(Router r) {
        r.get("/api/v1/claims/worklist").handler(this::worklist);
        r.get("/api/v1/claims/:id/work").handler(this::get);
        r.post("/api/v1/claims/:id/assignment").handler(this::assign);
        r.post("/api/v1/claims/:id/notes").handler(this::note);
        r.post("/api/v1/claims/:id/liability-assessment").handler(this::assess);
    }

    private void worklist(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        String q = ctx.queryParams().get("q");
        String assignee = "true".equals(ctx.queryParams().get("mine"))
                ? caller.username()
                : blankToNull(ctx.queryParams().get("assignee"));
        int page = (int) Params.optionalLong(ctx, "page", 1, 1, 100_000);
        int size = (int) Params.optionalLong(ctx, "size", 20, 1, WorkList.MAX_SIZE);
        String search = blankToNull(q);
        if (search != null && search.length() > 64) {
            throw ClaimsException.invalid("\"q\" is at most 64 characters");
        }
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    Set<Long> matching = search == null ? null : work.search(search);
                    return WorkList.page(
                            s.queries().queue(), work.assignees(), new WorkList.Query(matching, assignee, page, size));
                }),
                200);
    }

    private void get(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        Http.reply(ctx, s.dbWork().run(() -> work.work(id)), 200);
    }

    /** Assigns to {@code assignee}, or to the caller when the body names none ("take"). */
    private void assign(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.optionalJsonObject(ctx);
        String assignee = Http.string(b, "assignee", false);
        String who = assignee == null ? caller.username() : assignee;
        Http.reply(ctx, s.dbWork().run(() -> work.assign(id, who, caller.username())), 200);
    }

    private void note(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        String text = Http.string(Bodies.jsonObject(ctx), "text", true);
        Http.reply(ctx, s.dbWork().run(() -> work.addNote(id, text, caller.username())), 201);
    }

    /**
     * {@code {"faultSharePercent": 0..100, "items": [{"head", "idNumber", "name", "damageFen"}],
     * "note"}}: each damage times the rider's share is the assessed amount; per-person heads are
     * limited per identity number; stored in one transaction. Answers the claim page.
     */
    private void assess(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        if (!(b.getValue("faultSharePercent") instanceof Number share)
                || share.doubleValue() != share.intValue()
                || share.intValue() < 0
                || share.intValue() > 100) {
            throw ClaimsException.invalid("\"faultSharePercent\" must be a whole number from 0 to 100");
        }
        if (!(b.getValue("items") instanceof JsonArray arr) || arr.isEmpty() || arr.size() > 50) {
            throw ClaimsException.invalid("\"items\" must be an array of 1 to 50 items");
        }
        List<LiabilityAssessment.Damage> damages = new ArrayList<>();
        for (Object o : arr) {
            if (!(o instanceof JsonObject it) || !(it.getValue("damageFen") instanceof Number n) || n.longValue() < 0) {
                throw ClaimsException.invalid("each item needs head, damageFen (fen, ≥ 0) and, per person, idNumber");
            }
            String head = it.getString("head");
            String idNumber = it.getString("idNumber");
            if (!"property".equals(head) && !LiabilityInput.validIdNumber(idNumber)) {
                throw ClaimsException.invalid(
                        "head " + head + " needs the injured person's 18-character identity number",
                        java.util.Map.<String, Object>of("idNumber", String.valueOf(idNumber)));
            }
            try {
                damages.add(new LiabilityAssessment.Damage(
                        head, "property".equals(head) ? null : idNumber, it.getString("name"), n.longValue()));
            } catch (IllegalArgumentException e) {
                throw ClaimsException.invalid(e.getMessage());
            }
        }
        String note = b.getString("note");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.liability().assess(id, share.intValue(), damages, note, caller.username());
                    return s.queries().view(id, true);
                }),
                200);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
