package org.bikeguard.tracker.station;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.StationIds;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * Station routes: {@code PUT /api/v1/stations/{id}} and {@code POST /api/v1/stations/import}
 * (admin), {@code GET /api/v1/stations[?format=geojson]} and {@code GET /api/v1/stations/{id}}
 * (admin, police). Answers never carry secrets or digests. A {@link StationValidationException} is
 * the caller's bad input (400 {@code validation}, naming the line or feature of an import).
 * Thread-safe.
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
        r.get("/api/v1/stations")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(this::list);
        r.get("/api/v1/stations/:id")
                .handler(BearerAuth.requireRole(Role.ADMIN, Role.POLICE))
                .handler(this::get);
    }

    /** The public JSON form of a station (no secret, no digest). */
    static JsonObject json(Station s) {
        return new JsonObject()
                .put("id", s.id())
                .put("idx", s.idx())
                .put("name", s.name())
                .put("kind", s.kind())
                .put("lon", s.lon())
                .put("lat", s.lat())
                .put("radiusM", s.radiusM());
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
                    Bodies.optionalString(b, "secret"));
        } catch (StationValidationException e) {
            throw toApi(e);
        }
        blocking.run(() -> stations.save(in))
                .recover(StationRoutes::badInput)
                .onSuccess(saved -> Responses.json(ctx, saved.created() ? 201 : 200, json(saved.station())))
                .onFailure(ctx::fail);
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
        if (s == null) {
            throw new NotFoundException(
                    "no station " + ctx.pathParam("id"), new JsonObject().put("id", ctx.pathParam("id")));
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
