package org.bikeguard.claims.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.claim.Receivables;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;

/**
 * Receivables: the open ones (or all), the receipt of one (idempotent), and a payout the payment
 * side sent back. Adjusters and admins only. Mounted before {@link ClaimRoutes} so that
 * {@code /api/v1/claims/receivables} is not taken for a claim id. Thread-safe.
 */
final class ReceivableRoutes {

    /** Longest reference accepted, characters. */
    private static final int MAX_REFERENCE = 200;

    private final ClaimsServices s;

    ReceivableRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.get("/api/v1/claims/receivables").handler(this::list);
        r.post("/api/v1/claims/receivables/:rid/receipt").handler(this::receipt);
        r.post("/api/v1/claims/:id/payment-returned").handler(this::paymentReturned);
    }

    /** {@code ?state=open} (default), {@code received} or {@code all} → {@code {"receivables":[...]}}. */
    private void list(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        String state = ctx.queryParams().get("state");
        String which = state == null || state.isBlank() ? "open" : state.strip();
        if (!which.equals("open") && !which.equals("received") && !which.equals("all")) {
            throw ClaimsException.invalid("\"state\" must be open, received or all");
        }
        Http.reply(
                ctx,
                s.dbWork().run(() -> new JsonObject()
                        .put("receivables", s.receivables().list(which))),
                200);
    }

    /** {@code {"reference"?, "receivedAt"?}} → the receivable, received. */
    private void receipt(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long rid = Params.pathId(ctx, "rid", "receivable");
        JsonObject b = Bodies.optionalJsonObject(ctx);
        String reference = reference(b);
        Instant at = Http.instant(Http.string(b, "receivedAt", false), "receivedAt");
        Http.reply(ctx, s.dbWork().run(() -> s.receivables().receive(rid, reference, at, caller.username())), 200);
    }

    /**
     * {@code {"reference"?}}: the payment side sent the claim's payout back → 201 the receivable
     * opened, 200 the one already open.
     */
    private void paymentReturned(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        String reference = reference(Bodies.optionalJsonObject(ctx));
        s.dbWork()
                .run(() -> s.receivables().paymentReturned(id, reference, caller.username()))
                .onSuccess((Receivables.Opened o) ->
                        Http.reply(ctx, io.vertx.core.Future.succeededFuture(o.receivable()), o.created() ? 201 : 200))
                .onFailure(ctx::fail);
    }

    private static String reference(JsonObject b) {
        String reference = Http.string(b, "reference", false);
        if (reference != null && reference.length() > MAX_REFERENCE) {
            throw ClaimsException.invalid("\"reference\" is at most " + MAX_REFERENCE + " characters");
        }
        return reference;
    }
}
