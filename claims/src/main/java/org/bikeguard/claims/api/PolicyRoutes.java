package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.policy.Policy;
import org.bikeguard.claims.product.Product;
import org.bikeguard.claims.product.ProductKind;
import org.bikeguard.claims.tracker.TrackerGateway;
import org.bikeguard.claims.tracker.TrackerGateway.Bike;
import org.bikeguard.claims.tracker.TrackerGateway.Owner;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;

/**
 * Products and policies: {@code GET /api/v1/products}, {@code POST /api/v1/products/{kind}/versions}
 * (admin), {@code POST /api/v1/policies} (owners for their own bikes, installers, admins),
 * {@code GET /api/v1/policies[?bikeId=]}, {@code GET /api/v1/policies/{id}},
 * {@code POST /api/v1/policies/{id}/cancel}, {@code POST /api/v1/policies/{id}/transfer}
 * (installers, admins: follows the registry's ownership). Thread-safe.
 */
final class PolicyRoutes {

    private final ClaimsServices s;

    PolicyRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.get("/api/v1/products").handler(this::products);
        r.post("/api/v1/products/:kind/versions").handler(this::addVersion);
        r.post("/api/v1/policies").handler(this::sell);
        r.get("/api/v1/policies").handler(this::list);
        r.get("/api/v1/policies/:id").handler(this::get);
        r.post("/api/v1/policies/:id/cancel").handler(this::cancel);
        r.post("/api/v1/policies/:id/transfer").handler(this::transfer);
    }

    private void products(RoutingContext ctx) {
        Caller.of(ctx);
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    JsonArray a = new JsonArray();
                    s.products().all().forEach(p -> a.add(p.toJson()));
                    return new JsonObject().put("products", a);
                }),
                200);
    }

    private void addVersion(RoutingContext ctx) {
        Caller.of(ctx).require("admin");
        ProductKind kind = kind(ctx.pathParam("kind"));
        JsonObject terms = Bodies.jsonObject(ctx);
        Http.reply(
                ctx, s.dbWork().run(() -> s.products().addVersion(kind, terms)).map(Product::toJson), 201);
    }

    private static ProductKind kind(String code) {
        ProductKind k = ProductKind.fromCode(code);
        if (k == null) {
            throw ClaimsException.invalid("product must be anti-theft or liability");
        }
        return k;
    }

    private void sell(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "installer", "admin");
        JsonObject b = Bodies.jsonObject(ctx);
        String bikeId = Http.string(b, "bikeId", true);
        ProductKind kind = kind(Http.string(b, "product", true));
        LocalDate start = Http.date(Http.string(b, "start", false), "start");
        TrackerGateway tracker = s.tracker().onBehalfOf(Caller.bearer(ctx));
        Future<Policy> f = tracker.bike(bikeId)
                .compose(bike -> tracker.owner(bike.ownerId()).compose(owner -> {
                    if (caller.is("owner") && !caller.username().equals(owner.username())) {
                        return Future.failedFuture(
                                ClaimsException.forbidden("owners buy cover only for their own bikes"));
                    }
                    return s.dbWork().run(() -> s.policies().sell(kind, start, bike, owner, caller.username()));
                }));
        Http.reply(ctx, f.map(p -> p.toJson(s.policies().today())), 201);
    }

    private void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String bikeId = ctx.queryParams().get("bikeId");
        Future<java.util.List<Policy>> f;
        if (caller.is("owner")) {
            f = s.dbWork().run(() -> s.policies().byOwnerUsername(caller.username()));
        } else {
            caller.require("installer", "adjuster", "admin", "police");
            if (bikeId == null) {
                throw ClaimsException.invalid("bikeId is required");
            }
            f = s.dbWork().run(() -> s.policies().byBike(bikeId));
        }
        Http.reply(
                ctx,
                f.map(list -> {
                    JsonArray a = new JsonArray();
                    list.forEach(p -> a.add(p.toJson(s.policies().today())));
                    return new JsonObject().put("policies", a);
                }),
                200);
    }

    private void get(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        long id = Params.pathId(ctx, "id", "policy");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    Policy p = s.policies().get(id);
                    checkReader(caller, id);
                    return p.toJson(s.policies().today());
                }),
                200);
    }

    private void checkReader(Caller caller, long policyId) {
        if (caller.is("owner") && !caller.username().equals(s.policies().ownerUsername(policyId))) {
            throw ClaimsException.notFound("policy " + policyId);
        }
        if (!caller.is("owner", "installer", "adjuster", "admin", "police")) {
            throw ClaimsException.forbidden("role " + caller.role() + " may not read policies");
        }
    }

    private void cancel(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "installer", "admin");
        long id = Params.pathId(ctx, "id", "policy");
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    checkReader(caller, id);
                    var cancelled = s.policies().cancelPolicy(id, caller.username());
                    return new JsonObject()
                            .put("id", id)
                            .put("refundFen", cancelled.refundFen())
                            .put("noRefundReason", cancelled.noRefundReason())
                            .put("cancelledOn", s.policies().today().toString());
                }),
                200);
    }

    private void transfer(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("installer", "admin");
        long id = Params.pathId(ctx, "id", "policy");
        TrackerGateway tracker = s.tracker().onBehalfOf(Caller.bearer(ctx));
        Future<Policy> f = s.dbWork()
                .run(() -> s.policies().get(id))
                .compose(p -> tracker.bike(p.bikeId()))
                .compose((Bike bike) -> tracker.owner(bike.ownerId()).compose((Owner owner) -> s.dbWork()
                        .run(() -> s.policies().transfer(id, bike, owner, caller.username()))));
        Http.reply(ctx, f.map(p -> p.toJson(s.policies().today())), 200);
    }
}
