package org.bikeguard.tracker.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The ingest side of a station's health (admin, police; after the API's bearer-token
 * authentication):
 * <ul>
 * <li>{@code GET /api/v1/stations/{id}/health} → {@code {"station", "seqRestart": null | {"since",
 * "lastAt", "lastSeq", "episodeFrames", "frames", "episodes"}}}: whether the station restarted its
 * seq counter ({@link SeqRestarts.Flag}); 404 for an unknown station</li>
 * <li>{@code GET /api/v1/ingest/seq-restarts} → {@code {"stations": [the same objects, with
 * "station"]}}: every raised flag, the most recent first</li>
 * <li>{@code DELETE /api/v1/stations/{id}/health/seq-restart} (admin) → 204: lowers the flag (the
 * station's firmware was fixed); 404 when it was not raised</li>
 * </ul>
 * Thread-safe.
 */
public final class StationHealthRoutes {

    private final Blocking blocking;
    private final StationRegistry stations;
    private final SeqRestarts restarts;

    /** @param blocking the workers for the JDBC reads */
    public StationHealthRoutes(Blocking blocking, StationRegistry stations, SeqRestarts restarts) {
        this.blocking = blocking;
        this.stations = stations;
        this.restarts = restarts;
    }

    /** Mounts the routes. */
    public void mount(Router r) {
        var readers = BearerAuth.requireRole(Role.ADMIN, Role.POLICE);
        r.get("/api/v1/stations/:id/health").handler(readers).handler(this::health);
        r.get("/api/v1/ingest/seq-restarts").handler(readers).handler(this::all);
        r.delete("/api/v1/stations/:id/health/seq-restart")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::clear);
    }

    private void health(RoutingContext ctx) {
        String id = knownStation(ctx);
        blocking.run(() -> restarts.find(id))
                .onSuccess(flag -> Responses.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("station", id)
                                .put(
                                        "seqRestart",
                                        flag.map(StationHealthRoutes::json).orElse(null))))
                .onFailure(ctx::fail);
    }

    private void all(RoutingContext ctx) {
        blocking.run(restarts::all)
                .onSuccess(flags -> {
                    JsonArray out = new JsonArray();
                    flags.forEach(f -> out.add(json(f).put("station", f.station())));
                    Responses.json(ctx, 200, new JsonObject().put("stations", out));
                })
                .onFailure(ctx::fail);
    }

    private void clear(RoutingContext ctx) {
        String id = knownStation(ctx);
        blocking.run(() -> restarts.clear(id))
                .onSuccess(cleared -> {
                    if (cleared) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(new NotFoundException(
                                "station " + id + " has no seqRestart flag", new JsonObject().put("id", id)));
                    }
                })
                .onFailure(ctx::fail);
    }

    private String knownStation(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (stations.byId(id) == null) {
            throw new NotFoundException("no station " + id, new JsonObject().put("id", id));
        }
        return id;
    }

    private static JsonObject json(SeqRestarts.Flag f) {
        return new JsonObject()
                .put("since", IsoTimes.format(f.since()))
                .put("lastAt", IsoTimes.format(f.lastAt()))
                .put("lastSeq", new BigInteger(Long.toUnsignedString(f.lastSeq())))
                .put("episodeFrames", f.episodeFrames())
                .put("frames", f.frames())
                .put("episodes", f.episodes());
    }
}
