package org.bikeguard.claims.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.work.Activities;
import org.bikeguard.claims.work.FraudReview;
import org.bikeguard.claims.work.Reserves;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;

/**
 * What follows a claim's steps, for staff (adjusters and admins): reserves (a claim's changes,
 * the admins' summary of outstanding reserves by kind), activities (per claim; mine and overdue
 * across claims; added and marked done) and the fraud-review queue with its outcomes. Mounted
 * before {@link ClaimRoutes} so that {@code /api/v1/claims/reserves} and the like are not taken
 * for a claim id. Thread-safe.
 */
final class FollowUpRoutes {

    private final ClaimsServices s;
    private final Activities activities;
    private final FraudReview review;

    FollowUpRoutes(ClaimsServices services) {
        this.s = services;
        this.activities = new Activities(services.db(), services.calendar(), services.clock());
        this.review = new FraudReview(services.db(), services.calendar(), services.clock());
    }

    void mount(Router r) {
        r.get("/api/v1/claims/reserves").handler(this::reserveSummary);
        r.get("/api/v1/claims/activities").handler(this::openActivities);
        r.get("/api/v1/claims/fraud-review").handler(this::reviewQueue);
        r.get("/api/v1/claims/:id/reserve").handler(this::reserve);
        r.get("/api/v1/claims/:id/activities").handler(this::claimActivities);
        r.post("/api/v1/claims/:id/activities").handler(this::addActivity);
        r.post("/api/v1/claims/:id/activities/:aid/done").handler(this::done);
        r.post("/api/v1/claims/:id/fraud-review").handler(this::decide);
    }

    private void reserveSummary(RoutingContext ctx) {
        Caller.of(ctx).require("admin");
        Http.reply(ctx, s.dbWork().run(() -> s.db().inTransaction(Reserves::summary)), 200);
    }

    private void reserve(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.queries().claim(id);
                    return s.db().inTransaction(c -> Reserves.view(c, id).put("claimId", id));
                }),
                200);
    }

    /** {@code ?mine=true} (the caller's), {@code ?assignee=}, {@code ?overdue=true}; open ones only. */
    private void openActivities(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        String assignee = "true".equals(ctx.queryParams().get("mine"))
                ? caller.username()
                : blankToNull(ctx.queryParams().get("assignee"));
        boolean overdue = "true".equals(ctx.queryParams().get("overdue"));
        Http.reply(
                ctx, s.dbWork().run(() -> new JsonObject().put("activities", activities.open(assignee, overdue))), 200);
    }

    private void claimActivities(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        Http.reply(ctx, s.dbWork().run(() -> new JsonObject().put("activities", activities.ofClaim(id))), 200);
    }

    /** {@code {"text", "assignee"?, "dueDate"? | "dueInWorkingDays"?}}. */
    private void addActivity(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        String text = Http.string(b, "text", true);
        String assignee = blankToNull(Http.string(b, "assignee", false));
        var dueDate = Http.date(Http.string(b, "dueDate", false), "dueDate");
        Object n = b.getValue("dueInWorkingDays");
        if (n != null && !(n instanceof Integer)) {
            throw ClaimsException.invalid("\"dueInWorkingDays\" must be a whole number of working days");
        }
        Integer days = (Integer) n;
        Http.reply(
                ctx, s.dbWork().run(() -> activities.add(id, text, assignee, dueDate, days, caller.username())), 201);
    }

    private void done(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        long aid = Params.pathId(ctx, "aid", "activity");
        Http.reply(ctx, s.dbWork().run(() -> activities.done(id, aid, caller.username())), 200);
    }

    private void reviewQueue(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        Http.reply(ctx, s.dbWork().run(() -> new JsonObject().put("claims", review.queue())), 200);
    }

    /** {@code {"outcome": "cleared"|"confirmed", "reason", "clause"?}}; answers the review and the claim. */
    private void decide(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        String outcome = Http.string(b, "outcome", true);
        String reason = Http.string(b, "reason", true);
        String clause = Http.string(b, "clause", false);
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    JsonObject r = review.decide(id, outcome, reason, clause, caller.username());
                    return new JsonObject()
                            .put("review", r)
                            .put("claim", s.queries().view(id, true));
                }),
                200);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
