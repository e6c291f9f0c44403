package org.bikeguard.claims.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.payout.LiabilityAssessment;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;

/**
 * The liability steps after the first notice: the assessment of items as assessed (the console's
 * assessment with the fault share is {@link WorkRoutes}) and the settlement, which is the liability
 * claim's approval for payment (four eyes apply). Adjusters and admins. Thread-safe.
 */
final class LiabilityRoutes {

    private final ClaimsServices s;

    LiabilityRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.post("/api/v1/claims/:id/assessment").handler(this::assessment);
        r.post("/api/v1/claims/:id/settlement").handler(this::settlement);
    }

    private void assessment(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        if (!(b.getValue("items") instanceof JsonArray arr)) {
            throw ClaimsException.invalid("\"items\" must be an array");
        }
        List<LiabilityAssessment.Item> items = new ArrayList<>();
        for (Object o : arr) {
            if (!(o instanceof JsonObject it) || !(it.getValue("assessedFen") instanceof Number n)) {
                throw ClaimsException.invalid("each item needs head, person (per-person heads) and assessedFen");
            }
            try {
                items.add(new LiabilityAssessment.Item(it.getString("head"), it.getString("person"), n.longValue()));
            } catch (IllegalArgumentException e) {
                throw ClaimsException.invalid(e.getMessage());
            }
        }
        String note = b.getString("note");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.liability().assess(id, items, note, caller.username());
                    return s.queries().view(id, true);
                }),
                200);
    }

    private void settlement(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        JsonObject b = Bodies.jsonObject(ctx);
        JsonObject record = new JsonObject()
                .put("onTheSpot", Http.bool(b, "onTheSpot", false))
                .put("place", b.getString("place"))
                .put("agreedWith", b.getString("agreedWith"))
                .put("note", b.getString("note"));
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    s.liability().settle(id, record, caller.username());
                    return s.queries().view(id, true);
                }),
                200);
    }
}
