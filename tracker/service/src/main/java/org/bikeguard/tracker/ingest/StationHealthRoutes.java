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
 * <li>{@code GET /api/v1/ingest/station-health[?silentMin=15]} → {@code {"at", "hour", "silentMin",
 * "counts":{"stations","silent","low","ok"}, "stations":[{"station","name","lon","lat","state",
 * "lastFrameAt","readsLastHour","normalReadsPerHour","share"}]}}: the stations that are silent (no
 * frame for more than {@code silentMin} minutes, 1..1440) or low (reads in the last complete UTC
 * {@code hour} under a quarter of the mean of the same hour over the 7 days before), silent first,
 * then by share of normal ({@link StationActivity})</li>
 * </ul>
 * Thread-safe.
 */
public final class StationHealthRoutes {

    private final Blocking blocking;
    private final StationRegistry stations;
    private final SeqRestarts restarts;
    private final StationActivity activity;

    /** @param blocking the workers for the JDBC reads */
    public StationHealthRoutes(Blocking blocking, StationRegistry stations, SeqRestarts restarts) {
        this(blocking, stations, restarts, null);
    }

    /** @param activity station activity for {@code /api/v1/ingest/station-health} (null: route not mounted) */
    public StationHealthRoutes(
            Blocking blocking, StationRegistry stations, SeqRestarts restarts, StationActivity activity) {
        this.blocking = blocking;
        this.stations = stations;
        this.restarts = restarts;
        this.activity = activity;
    }

    /** Mounts the routes. */
    public void mount(Router r) {
        var readers = BearerAuth.requireRole(Role.ADMIN, Role.POLICE);
        r.get("/api/v1/stations/:id/health").handler(readers).handler(this::health);
        r.get("/api/v1/ingest/seq-restarts").handler(readers).handler(this::all);
        if (activity != null) {
            r.get("/api/v1/ingest/station-health").handler(readers).handler(this::activity);
        }
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

    private void activity(RoutingContext ctx) {
        long silentMin = org.bikeguard.common.web.Params.optionalLong(ctx, "silentMin", 15, 1, 1440);
        blocking.run(() -> activity.health(java.time.Duration.ofMinutes(silentMin)))
                .onSuccess(all -> {
                    java.util.List<StationActivity.Health> shown = new java.util.ArrayList<>();
                    java.util.Map<StationActivity.State, Integer> counts =
                            new java.util.EnumMap<>(StationActivity.State.class);
                    for (StationActivity.Health h : all) {
                        counts.merge(h.state(), 1, Integer::sum);
                        if (h.state() != StationActivity.State.OK) {
                            shown.add(h);
                        }
                    }
                    shown.sort(java.util.Comparator.comparing(StationActivity.Health::state)
                            .thenComparingDouble(StationHealthRoutes::share)
                            .thenComparing(h -> h.station().id()));
                    JsonArray out = new JsonArray();
                    for (StationActivity.Health h : shown) {
                        out.add(new JsonObject()
                                .put("station", h.station().id())
                                .put("name", h.station().name())
                                .put("lon", h.station().lon())
                                .put("lat", h.station().lat())
                                .put("state", h.state().name().toLowerCase(java.util.Locale.ROOT))
                                .put("lastFrameAt", h.lastFrameAt() == null ? null : IsoTimes.format(h.lastFrameAt()))
                                .put("readsLastHour", h.readsLastHour())
                                .put("normalReadsPerHour", Math.round(h.normalPerHour() * 10) / 10.0)
                                .put("share", h.normalPerHour() == 0 ? null : Math.round(share(h) * 1000) / 1000.0));
                    }
                    Responses.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("at", IsoTimes.format(activity.now()))
                                    .put("hour", IsoTimes.format(activity.lastHour()))
                                    .put("silentMin", silentMin)
                                    .put(
                                            "counts",
                                            new JsonObject()
                                                    .put("stations", all.size())
                                                    .put("silent", counts.getOrDefault(StationActivity.State.SILENT, 0))
                                                    .put("low", counts.getOrDefault(StationActivity.State.LOW, 0))
                                                    .put("ok", counts.getOrDefault(StationActivity.State.OK, 0)))
                                    .put("stations", out));
                })
                .onFailure(ctx::fail);
    }

    private static double share(StationActivity.Health h) {
        return h.normalPerHour() == 0 ? 1 : h.readsLastHour() / h.normalPerHour();
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
