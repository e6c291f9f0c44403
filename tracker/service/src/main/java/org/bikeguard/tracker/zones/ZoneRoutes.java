package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.ConflictException;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.payment.PaymentGateway;

/**
 * Zone, property-alert and fine routes (after the API's bearer-token authentication):
 * <ul>
 * <li>{@code PUT /api/v1/zones/{id}} (admin) {@code {"name","kind","geometry"?,"stations"?,
 * "graceS"?,"fineFen"?}}: compiled to its station set at once (201 new, 200 replaced);</li>
 * <li>{@code GET /api/v1/zones}, {@code GET /api/v1/zones/{id}} (admin, traffic, property);</li>
 * <li>{@code GET /api/v1/zones/{id}/events?after=&limit=} (admin, traffic, property): entries, texts
 * and fine cases, oldest first;</li>
 * <li>{@code GET /api/v1/zones/{id}/stays?from=&to=&limit=} (admin, traffic, property): the tags'
 * stays that overlap {@code [from, to)} (at most 31 days), by enter, with their decisions, a stay
 * stored in parts by two members listed once; the newest read of a running stay is up to half a
 * sighting gap behind;</li>
 * <li>{@code GET /api/v1/property/alerts?after=&limit=} (property, admin): entries at building
 * entrances and lift lobbies of every zone, oldest first (the console polls with the last id);
 * {@code GET /api/v1/property/alerts/stream?after=} the same as Server-Sent Events ({@link AlertStream});</li>
 * <li>{@code POST /api/v1/me/fines/{id}/pay} (owner, own fines): the payment gateway's start;</li>
 * <li>{@code POST /api/v1/fines/{id}/paid} (traffic, admin) {@code {"reference"?}}: paid at the counter.</li>
 * </ul>
 * Thread-safe.
 */
public final class ZoneRoutes {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_GRACE_S = 24 * 3600;

    private final Blocking blocking;
    private final DataSource ds;
    private final Zones zones;

    public ZoneRoutes(Blocking blocking, DataSource ds, Zones zones) {
        this.blocking = blocking;
        this.ds = ds;
        this.zones = zones;
    }

    public void mount(Router r) {
        var readers = BearerAuth.requireRole(Role.ADMIN, Role.TRAFFIC, Role.PROPERTY);
        r.put("/api/v1/zones/:id").handler(BearerAuth.requireRole(Role.ADMIN)).handler(this::put);
        r.get("/api/v1/zones")
                .handler(readers)
                .handler(ctx -> reply(ctx, () -> {
                    JsonArray a = new JsonArray();
                    zones.store.all().forEach(z -> a.add(z.toJson()));
                    return new JsonObject().put("zones", a);
                }));
        r.get("/api/v1/zones/:id")
                .handler(readers)
                .handler(ctx -> reply(ctx, () -> zone(ctx.pathParam("id")).toJson()));
        r.get("/api/v1/zones/:id/events").handler(readers).handler(ctx -> {
            String id = ctx.pathParam("id");
            long after = Params.optionalLong(ctx, "after", 0, 0, Long.MAX_VALUE);
            int limit = (int) Params.optionalLong(ctx, "limit", 500, 1, 5000);
            reply(ctx, () -> {
                zone(id);
                return new JsonObject().put("zone", id).put("events", zones.store.events(id, null, after, limit));
            });
        });
        r.get("/api/v1/zones/:id/stays").handler(readers).handler(ctx -> {
            String id = ctx.pathParam("id");
            java.time.Instant from = Params.instant(ctx, "from");
            java.time.Instant to = Params.instant(ctx, "to");
            if (!to.isAfter(from) || java.time.Duration.between(from, to).toDays() > 31) {
                throw BadInputException.invalid("to", "must be after from, at most 31 days");
            }
            int limit = (int) Params.optionalLong(ctx, "limit", 1000, 1, 10_000);
            reply(ctx, () -> {
                zone(id);
                return new JsonObject()
                        .put("zone", id)
                        .put("stays", zones.stays.list(id, from.toEpochMilli(), to.toEpochMilli(), limit));
            });
        });
        r.get("/api/v1/property/alerts")
                .handler(BearerAuth.requireRole(Role.PROPERTY, Role.ADMIN))
                .handler(ctx -> {
                    long after = Params.optionalLong(ctx, "after", 0, 0, Long.MAX_VALUE);
                    int limit = (int) Params.optionalLong(ctx, "limit", 200, 1, 2000);
                    reply(ctx, () -> new JsonObject().put("alerts", zones.store.events(null, "entered", after, limit)));
                });
        r.get("/api/v1/property/alerts/stream")
                .handler(BearerAuth.requireRole(Role.PROPERTY, Role.ADMIN))
                .handler(ctx -> AlertStream.open(ctx, blocking, zones.store));
        r.post("/api/v1/me/fines/:id/pay")
                .handler(BearerAuth.requireRole(Role.OWNER))
                .handler(this::pay);
        r.post("/api/v1/fines/:id/paid")
                .handler(BearerAuth.requireRole(Role.TRAFFIC, Role.ADMIN))
                .handler(this::paid);
    }

    private Zone zone(String id) throws SQLException {
        return zones.store
                .get(id)
                .orElseThrow(() -> new NotFoundException("no zone " + id, new JsonObject().put("id", id)));
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw BadInputException.invalid("id", "1..64 of A-Z a-z 0-9 _ . -");
        }
        JsonObject b = Bodies.jsonObject(ctx);
        String name = Bodies.string(b, "name").trim();
        if (name.isEmpty() || name.length() > 200) {
            throw BadInputException.invalid("name", "1..200 characters");
        }
        ZoneKind kind = ZoneKind.fromWire(Bodies.string(b, "kind"));
        Object g = b.getValue("geometry");
        if (g != null && !(g instanceof JsonObject)) {
            throw BadInputException.invalid("geometry", "must be a GeoJSON Polygon or MultiPolygon object");
        }
        List<String> listed = new ArrayList<>();
        Object s = b.getValue("stations");
        if (s != null) {
            if (!(s instanceof JsonArray arr) || arr.size() > 10_000) {
                throw BadInputException.invalid("stations", "must be an array of station ids (at most 10000)");
            }
            for (Object o : arr) {
                if (!(o instanceof String str)) {
                    throw BadInputException.invalid("stations", "must be an array of station ids");
                }
                listed.add(str);
            }
        }
        if (g == null && listed.isEmpty()) {
            throw BadInputException.invalid("geometry", "a zone needs a geometry or stations");
        }
        int grace = (int) number(b, "graceS", kind.defaultGraceS(), MAX_GRACE_S);
        long fine = number(b, "fineFen", kind.defaultFineFen(), 100_000_000L);
        JsonObject geometry = (JsonObject) g;
        List<String> compiled = ZoneCompiler.compile(geometry, listed, zones.stations.all());
        Zone z = new Zone(id, name, kind, geometry, listed, compiled, grace, fine);
        String by = BearerAuth.username(ctx);
        blocking.run(() -> {
                    boolean created = zones.store.save(z, by, zones.clock.instant());
                    zones.watch.reload();
                    return created;
                })
                .onSuccess(created -> Responses.json(ctx, created ? 201 : 200, z.toJson()))
                .onFailure(ctx::fail);
    }

    private static long number(JsonObject b, String field, long dflt, long max) {
        Object v = b.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw BadInputException.invalid(field, "must be a whole number");
        }
        long x = n.longValue();
        if (x < 0 || x > max) {
            throw BadInputException.invalid(field, "must be within 0.." + max);
        }
        return x;
    }

    private void pay(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "fine");
        String user = BearerAuth.username(ctx);
        reply(ctx, () -> {
            long owner = ownerId(user);
            long[] f = zones.fines
                    .amountOf(id, owner)
                    .orElseThrow(() -> new NotFoundException("no fine " + id, new JsonObject().put("id", id)));
            if (f[1] == 1) {
                throw new ConflictException("fine " + id + " is paid", new JsonObject().put("id", id));
            }
            String reference = "FINE-" + id;
            PaymentGateway.Result r =
                    zones.payments.charge(new PaymentGateway.Charge(reference, owner, f[2], "fine", f[0]));
            return new JsonObject()
                    .put("fine", id)
                    .put("method", zones.payments.name())
                    .put("reference", reference)
                    .put("amountFen", f[0])
                    .put("status", r.status())
                    .put("message", r.instructions());
        });
    }

    private void paid(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "fine");
        JsonObject b = Bodies.optionalJsonObject(ctx);
        String ref = b == null ? null : Bodies.optionalString(b, "reference");
        String by = BearerAuth.username(ctx);
        reply(ctx, () -> {
            if (zones.fines.amountOf(id, null).isEmpty()) {
                throw new NotFoundException("no fine " + id, new JsonObject().put("id", id));
            }
            if (!zones.fines.markPaid(id, zones.payments.name() + ":" + by, ref, zones.clock.instant())) {
                throw new ConflictException("fine " + id + " is paid", new JsonObject().put("id", id));
            }
            return new JsonObject().put("id", id).put("state", "paid");
        });
    }

    /** The owner record of a username (-1: none, owns nothing). Blocking. */
    public static long ownerIdOf(DataSource ds, String username) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT id FROM owners WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private long ownerId(String user) throws SQLException {
        return ownerIdOf(ds, user);
    }

    private void reply(RoutingContext ctx, java.util.concurrent.Callable<JsonObject> work) {
        blocking.run(work).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
