package org.bikeguard.tracker.alert;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.TokenChecks;
import org.bikeguard.tracker.auth.TokenService;

/**
 * The alarm routes. The WebSocket is mounted ({@link #mountStream}) <em>before</em> the API's
 * global bearer-token handler, because browsers cannot set headers on a WebSocket: it takes the
 * token as its first message instead ({@link AlarmSocket}), never in the URL; the REST routes
 * ({@link #mount}) go behind the global handler.
 * <ul>
 * <li>{@code GET /api/v1/alerts/stream[?since=id]} (police, admin): WebSocket of alarm JSON texts,
 * authenticated by a first message {@code {"token"}} or by {@code Authorization: Bearer} on the
 * upgrade; {@code ?token=} is refused (400)</li>
 * <li>{@code GET /api/v1/alerts[?since=id][&limit=n]} (police, admin; audited {@code alert.list})</li>
 * <li>{@code GET /api/v1/alerts/{id}} (police, admin; audited {@code alert.read})</li>
 * <li>{@code POST /api/v1/alerts/{id}/ack}, {@code POST /api/v1/alerts/{id}/dispatch {"note"?}} (police;
 * the changed alarm goes to every console of the cluster: {@link AlarmUpdates})</li>
 * <li>outcomes and their report: {@link AlarmOutcomeRoutes}</li>
 * <li>{@code GET /api/v1/watchlist} (police, admin; audited {@code watchlist.read}); {@code PUT /api/v1/watchlist/{tag} {"caseNo"?, "plate"?}} and
 * {@code DELETE /api/v1/watchlist/{tag}} (admin, audited: watching a tag without the theft workflow,
 * e.g. for drills and benchmarks; confirmed theft cases manage the list themselves)</li>
 * </ul>
 * Thread-safe.
 */
public final class AlertRoutes {

    private final Vertx vertx;
    private final Blocking blocking;
    private final Alerts alerts;
    private final AuditLog audit;
    private final TokenChecks checks;
    private final Blocking authWork;
    private final Clock clock;

    /**
     * @param blocking the workers for the alarm store's JDBC and the audit rows
     * @param checks   checks the WebSocket's token (first message or header), again while it is open
     * @param authWork where token records are read on a cache miss
     * @param clock    the tracker's clock (token expiry)
     */
    public AlertRoutes(
            Vertx vertx,
            Blocking blocking,
            Alerts alerts,
            AuditLog audit,
            TokenChecks checks,
            Blocking authWork,
            Clock clock) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.alerts = alerts;
        this.audit = audit;
        this.checks = checks;
        this.authWork = authWork;
        this.clock = clock;
    }

    /** Mounts the WebSocket (call before the global {@code /api/v1/*} authentication handler). */
    public void mountStream(Router r) {
        r.get("/api/v1/alerts/stream").handler(this::stream);
    }

    /** Mounts the REST routes (call after the global {@code /api/v1/*} authentication handler). */
    public void mount(Router r) {
        var read = BearerAuth.requireRole(Role.POLICE, Role.ADMIN);
        r.get("/api/v1/alerts").handler(read).handler(this::list);
        new AlarmOutcomeRoutes(blocking, alerts, audit, clock).mount(r);
        r.get("/api/v1/alerts/:id").handler(read).handler(this::one);
        r.post("/api/v1/alerts/:id/ack")
                .handler(BearerAuth.requireRole(Role.POLICE))
                .handler(this::ack);
        r.post("/api/v1/alerts/:id/dispatch")
                .handler(BearerAuth.requireRole(Role.POLICE))
                .handler(this::dispatch);
        r.get("/api/v1/watchlist").handler(read).handler(this::watchList);
        r.put("/api/v1/watchlist/:tag")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::watch);
        r.delete("/api/v1/watchlist/:tag")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::unwatch);
    }

    private void stream(RoutingContext ctx) {
        if (ctx.queryParams().contains("token")) {
            throw BadInputException.invalid(
                    "token", "never put a token in the URL: send {\"token\":...} as the first message");
        }
        long since = Params.optionalLong(ctx, "since", -1, 0, Long.MAX_VALUE);
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw BadInputException.malformed("this route speaks WebSocket only (Upgrade: websocket)");
        }
        String h = ctx.request().getHeader("Authorization");
        if (h == null) {
            upgrade(ctx, since, null);
            return;
        }
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("Authorization must use the Bearer scheme");
        }
        ctx.request().pause(); // the upgrade needs the request not yet ended when the check is done
        checks.authenticate(h.substring(7).trim(), authWork)
                .onSuccess(c -> {
                    if (c.role() != Role.POLICE && c.role() != Role.ADMIN) {
                        refuse(
                                ctx,
                                new ForbiddenException(
                                        "role " + c.role().wire() + " may not do this; allowed: police, admin",
                                        new JsonObject().put("role", c.role().wire())));
                    } else {
                        upgrade(ctx, since, c);
                    }
                })
                .onFailure(e -> refuse(ctx, e));
    }

    private static void refuse(RoutingContext ctx, Throwable e) {
        ctx.request().resume();
        ctx.fail(e);
    }

    /** Upgrades; with {@code claims} null the socket waits for the token as its first message. */
    private void upgrade(RoutingContext ctx, long since, TokenService.Claims claims) {
        io.vertx.core.Future<io.vertx.core.http.ServerWebSocket> upgraded;
        try {
            upgraded = ctx.request().toWebSocket();
        } catch (IllegalStateException e) {
            ctx.fail(e);
            return;
        }
        upgraded.onSuccess(ws -> {
                    AlarmSocket s = new AlarmSocket(
                            ws,
                            vertx,
                            checks,
                            authWork,
                            clock,
                            () -> new AlarmStream(
                                    ws,
                                    vertx.getOrCreateContext(),
                                    alerts.hub(),
                                    alerts.updates(),
                                    alerts.store(),
                                    blocking),
                            since);
                    if (claims == null) {
                        s.awaitToken();
                    } else {
                        s.start(claims);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        long since = Params.optionalLong(ctx, "since", -1, 0, Long.MAX_VALUE);
        int limit = (int) Params.optionalLong(ctx, "limit", 100, 1, 1000);
        AlarmStore store = alerts.store();
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(
                            actor,
                            "alert.list",
                            "alerts",
                            null,
                            new JsonObject()
                                    .put("since", since < 0 ? null : since)
                                    .put("limit", limit));
                    return since < 0 ? store.since(0, limit) : store.after(since, limit);
                })
                .onSuccess(rows ->
                        Responses.json(ctx, 200, new JsonObject().put("alerts", new JsonArray(new ArrayList<>(rows)))))
                .onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        long id = id(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    JsonObject o = alerts.store().get(id);
                    if (o != null) {
                        audit.record(
                                actor,
                                "alert.read",
                                o.getString("tag"),
                                o.getString("caseNo"),
                                new JsonObject().put("alert", id));
                    }
                    return o;
                })
                .onSuccess(o -> {
                    if (o == null) {
                        ctx.fail(notFound(id));
                    } else {
                        Responses.json(ctx, 200, o);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void ack(RoutingContext ctx) {
        long id = id(ctx);
        handle(ctx, id, "alert.ack", () -> alerts.store().acknowledge(id, BearerAuth.username(ctx)));
    }

    private void dispatch(RoutingContext ctx) {
        long id = id(ctx);
        Object note = Bodies.optionalJsonObject(ctx).getValue("note");
        if (note != null && (!(note instanceof String s) || s.length() > 2000)) {
            throw BadInputException.invalid("note", "must be a string of at most 2000 characters");
        }
        handle(ctx, id, "alert.dispatch", () -> alerts.store().dispatch(id, BearerAuth.username(ctx), (String) note));
    }

    private interface Change {
        boolean apply() throws Exception;
    }

    private void handle(RoutingContext ctx, long id, String action, Change change) {
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    if (!change.apply()) {
                        return null;
                    }
                    JsonObject o = alerts.store().get(id);
                    audit.record(
                            actor,
                            action,
                            o.getString("tag"),
                            o.getString("caseNo"),
                            new JsonObject().put("alert", id));
                    return o;
                })
                .onSuccess(o -> {
                    if (o == null) {
                        ctx.fail(notFound(id));
                    } else {
                        alerts.updates().publish(o.encode());
                        Responses.json(ctx, 200, o);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void watchList(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(actor, "watchlist.read", "watchlist", null, null);
                    JsonArray out = new JsonArray();
                    for (WatchList.Entry e : alerts.watchList().all()) {
                        out.add(new JsonObject()
                                .put("tag", TagIds.format(e.tag()))
                                .put("caseId", e.caseId())
                                .put("caseNo", e.caseNo())
                                .put("plate", e.plate()));
                    }
                    return new JsonObject().put("tags", out);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void watch(RoutingContext ctx) {
        long tag = tag(ctx);
        JsonObject body = Bodies.optionalJsonObject(ctx);
        String caseNo = optional(body, "caseNo", 64);
        String plate = optional(body, "plate", 32);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(
                            actor, "watchlist.put", TagIds.format(tag), caseNo, new JsonObject().put("plate", plate));
                    alerts.watchList().watch(tag, 0, caseNo, plate);
                    return null;
                })
                .onSuccess(v -> Responses.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("tag", TagIds.format(tag))
                                .put("caseNo", caseNo)
                                .put("plate", plate)))
                .onFailure(ctx::fail);
    }

    private void unwatch(RoutingContext ctx) {
        long tag = tag(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(actor, "watchlist.delete", TagIds.format(tag), null, new JsonObject());
                    alerts.watchList().unwatch(tag);
                    return null;
                })
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static long tag(RoutingContext ctx) {
        String t = ctx.pathParam("tag");
        if (!TagIds.isValid(t)) {
            throw BadInputException.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        return TagIds.parse(t);
    }

    private static String optional(JsonObject body, String field, int max) {
        Object v = body.getValue(field);
        if (v != null && (!(v instanceof String s) || s.isBlank() || s.length() > max)) {
            throw BadInputException.invalid(field, "must be a string of 1.." + max + " characters");
        }
        return (String) v;
    }

    private static long id(RoutingContext ctx) {
        long id = Params.positiveId(ctx.pathParam("id"));
        if (id < 0) {
            throw BadInputException.invalid("id", "must be a positive integer");
        }
        return id;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no alert " + id, new JsonObject().put("id", id));
    }
}
