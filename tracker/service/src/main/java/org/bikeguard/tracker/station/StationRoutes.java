package org.bikeguard.tracker.station;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.StationIds;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * Station routes: {@code PUT /api/v1/stations/{id}}, {@code DELETE /api/v1/stations/{id}},
 * {@code POST /api/v1/stations/{id}/disable}, {@code POST /api/v1/stations/{id}/enable} and
 * {@code POST /api/v1/stations/import} (admin), {@code GET /api/v1/stations[?format=geojson]} and
 * {@code GET /api/v1/stations/{id}} (admin, police). Deleted stations are not found. Answers never
 * carry secrets or digests. A {@link StationValidationException} is the caller's bad input (400
 * {@code validation}, naming the line or feature of an import). A station's live MQTT session ends
 * when it is deleted, disabled or its credentials change (the ingest side listens to the
 * registry). Thread-safe.
 */
public final class StationRoutes {

    private final Blocking blocking;
    private final StationRegistry stations;

    /** @param blocking the workers for the registry's JDBC */
    public StationRoutes(Blocking blocking, StationRegistry stations) {
        this.blocking = blocking;
        this.stations = stations;
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        r.post("/api/v1/stations/import")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::importAll);
        r.put("/api/v1/stations/:id")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::put);
        r.delete("/api/v1/stations/:id")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::delete);
        r.post("/api/v1/stations/:id/disable")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(ctx -> setStatus(ctx, Station.Status.DISABLED));
        r.post("/api/v1/stations/:id/enable")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(ctx -> setStatus(ctx, Station.Status.ACTIVE));
        r.get("/api/v1/stations")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(this::list);
        r.get("/api/v1/stations/:id")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(this::get);
    }

    /** The public JSON form of a station (no secret, no digest). */
    static JsonObject json(Station s) {
        JsonArray methods = new JsonArray();
        s.authMethods().forEach(m -> methods.add(m.wire()));
        byte[] pin = s.certSha256();
        return new JsonObject()
                .put("id", s.id())
                .put("idx", s.idx())
                .put("name", s.name())
                .put("kind", s.kind())
                .put("lon", s.lon())
                .put("lat", s.lat())
                .put("radiusM", s.radiusM())
                .put("enabled", s.active())
                .put("authMethods", methods)
                .put("certificateSha256", pin == null ? null : HexFormat.of().formatHex(pin));
    }

    static JsonObject feature(Station s) {
        return new JsonObject()
                .put("type", "Feature")
                .put(
                        "geometry",
                        new JsonObject()
                                .put("type", "Point")
                                .put("coordinates", new JsonArray().add(s.lon()).add(s.lat())))
                .put(
                        "properties",
                        new JsonObject()
                                .put("id", s.id())
                                .put("idx", s.idx())
                                .put("name", s.name())
                                .put("kind", s.kind())
                                .put("radiusM", s.radiusM()));
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!StationIds.isValid(id)) {
            throw BadInputException.invalid("id", "must be 1..32 characters of [A-Za-z0-9._-]");
        }
        JsonObject b = Bodies.jsonObject(ctx);
        Object bodyId = b.getValue("id");
        if (bodyId != null && !id.equals(bodyId)) {
            throw BadInputException.invalid("id", "in the body differs from the path");
        }
        StationInput in;
        try {
            in = new StationInput(
                    id,
                    Bodies.string(b, "name"),
                    Bodies.string(b, "kind"),
                    Bodies.number(b, "lon"),
                    Bodies.number(b, "lat"),
                    Bodies.integer(b, "radiusM"),
                    Bodies.optionalString(b, "secret"),
                    authMethods(b),
                    certPin(b));
        } catch (StationValidationException e) {
            throw toApi(e);
        }
        blocking.run(() -> stations.save(in))
                .recover(StationRoutes::badInput)
                .onSuccess(saved -> Responses.json(ctx, saved.created() ? 201 : 200, json(saved.station())))
                .onFailure(ctx::fail);
    }

    /** {@code authMethods}: absent or null keeps the stored methods. */
    private static Set<Station.AuthMethod> authMethods(JsonObject b) {
        Object v = b.getValue("authMethods");
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray a) || a.isEmpty()) {
            throw BadInputException.invalid("authMethods", "must be a non-empty array of \"secret\", \"certificate\"");
        }
        Set<Station.AuthMethod> out = EnumSet.noneOf(Station.AuthMethod.class);
        for (Object m : a) {
            if (!(m instanceof String w)) {
                throw BadInputException.invalid("authMethods", "must hold strings");
            }
            out.add(Station.AuthMethod.ofWire(w));
        }
        return out;
    }

    /** {@code certificateSha256}: absent keeps the pin, null removes it, 64 hex digits set it. */
    private static StationInput.CertPin certPin(JsonObject b) {
        if (!b.containsKey("certificateSha256")) {
            return null;
        }
        String hex = Bodies.optionalString(b, "certificateSha256");
        if (hex == null) {
            return new StationInput.CertPin(null);
        }
        String clean = hex.replace(":", "").trim();
        if (!clean.matches("[0-9A-Fa-f]{64}")) {
            throw BadInputException.invalid(
                    "certificateSha256", "must be the certificate's SHA-256 as 64 hexadecimal digits (colons allowed)");
        }
        return new StationInput.CertPin(HexFormat.of().parseHex(clean));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking.run(() -> stations.delete(id))
                .onSuccess(deleted -> {
                    if (deleted) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(notFound(id));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void setStatus(RoutingContext ctx, Station.Status status) {
        String id = ctx.pathParam("id");
        blocking.run(() -> stations.setStatus(id, status))
                .onSuccess(s -> {
                    if (s.isPresent()) {
                        Responses.json(ctx, 200, json(s.get()));
                    } else {
                        ctx.fail(notFound(id));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no station " + id, new JsonObject().put("id", id));
    }

    private void list(RoutingContext ctx) {
        List<Station> all = stations.all().stream()
                .sorted(Comparator.comparing(Station::id))
                .toList();
        String format = ctx.queryParams().get("format");
        if ("geojson".equalsIgnoreCase(format)) {
            JsonArray features = new JsonArray();
            all.forEach(s -> features.add(feature(s)));
            Responses.send(
                    ctx,
                    200,
                    "application/geo+json",
                    new JsonObject()
                            .put("type", "FeatureCollection")
                            .put("features", features)
                            .encode());
        } else if (format == null || format.equalsIgnoreCase("json")) {
            JsonArray out = new JsonArray();
            all.forEach(s -> out.add(json(s)));
            Responses.json(ctx, 200, out);
        } else {
            throw BadInputException.invalid("format", "must be json or geojson");
        }
    }

    private void get(RoutingContext ctx) {
        Station s = stations.byId(ctx.pathParam("id"));
        if (s == null || s.status() == Station.Status.DELETED) {
            throw notFound(ctx.pathParam("id"));
        }
        Responses.json(ctx, 200, json(s));
    }

    private void importAll(RoutingContext ctx) {
        String type = Bodies.mediaType(ctx);
        boolean csv = "text/csv".equals(type);
        boolean geo = "application/geo+json".equals(type) || "application/json".equals(type);
        if (!csv && !geo) {
            throw BadInputException.unsupportedMediaType(
                    "import needs Content-Type text/csv, application/geo+json or application/json, got "
                            + (type == null ? "none" : type),
                    new JsonObject().put("contentType", type));
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw BadInputException.malformed("the import body is empty");
        }
        String text = body.toString(StandardCharsets.UTF_8);
        blocking.run(() -> {
                    StationImport.Parsed parsed = csv ? StationImport.csv(text) : StationImport.geoJson(text);
                    return stations.importAll(
                            parsed.stations(), i -> parsed.locations().get(i));
                })
                .recover(StationRoutes::badInput)
                .onSuccess(n -> Responses.json(ctx, 200, new JsonObject().put("imported", n)))
                .onFailure(ctx::fail);
    }

    /** A station rule the input broke, as the caller's fault; anything else unchanged. */
    private static <T> Future<T> badInput(Throwable e) {
        return Future.failedFuture(e instanceof StationValidationException v ? toApi(v) : e);
    }

    /** 400 {@code validation}; an import error names where ({@code details.location}). */
    static BadInputException toApi(StationValidationException e) {
        return BadInputException.violation(
                e.getMessage(),
                e instanceof StationImportException s ? new JsonObject().put("location", s.location()) : null);
    }
}
