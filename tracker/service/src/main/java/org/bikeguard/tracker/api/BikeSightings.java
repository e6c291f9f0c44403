package org.bikeguard.tracker.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.bikeguard.tracker.trajectory.Trajectory;
import org.bikeguard.tracker.trajectory.TrajectoryBuilder;

/**
 * A bike's sightings over a window through the tags it carried then: for each tag binding that
 * overlaps {@code [from, to)}, the same query as {@code GET /api/v1/tags/{tag}/sightings}
 * ({@link SightingQuery}: closed sightings from the database merged with the engine's live ones)
 * clipped to the binding's period, and the trajectory built from them by the same
 * {@link TrajectoryBuilder} path as {@code /trajectory}. Callers audit before loading.
 * Thread-safe.
 */
final class BikeSightings {

    /** One sighting and the tag it was of. */
    record Tagged(long tag, SightingQuery.Row row) {
    }

    private final Vertx vertx;
    private final Blocking blocking;
    private final ApiContext api;
    private final TrajectoryBuilder trajectories = new TrajectoryBuilder();

    BikeSightings(Vertx vertx, Blocking blocking, ApiContext api) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.api = api;
    }

    /** The sightings of every binding's tag within both the binding's period and the window, in time order. */
    Future<List<Tagged>> load(List<Bikes.Binding> bindings, Instant from, Instant to) {
        List<Future<List<Tagged>>> parts = new ArrayList<>();
        for (Bikes.Binding b : bindings) {
            Instant f = b.from().isAfter(from) ? b.from() : from;
            Instant t = b.to() != null && b.to().isBefore(to) ? b.to() : to;
            if (f.isBefore(t)) {
                parts.add(ofTag(b.tag(), f, t));
            }
        }
        return Future.all(parts).map(all -> {
            List<Tagged> out = new ArrayList<>();
            parts.forEach(p -> out.addAll(p.result()));
            out.sort(Comparator.comparing(Tagged::row, SightingQuery.ORDER));
            return out;
        });
    }

    private Future<List<Tagged>> ofTag(long tag, Instant from, Instant to) {
        Future<List<SightingQuery.Row>> closed = blocking.run(() -> SightingQuery.closed(api.db().dataSource(), tag, from, to));
        Future<List<Sighting>> live;
        try {
            live = Future.fromCompletionStage(api.engine().sightingsOf(tag), vertx.getOrCreateContext());
        } catch (RuntimeException e) {
            live = Future.failedFuture(e);
        }
        Future<List<Sighting>> engine = live;
        return Future.all(closed, engine).map(x -> SightingQuery.merge(closed.result(),
                        SightingQuery.live(engine.result(), api.stations(), from, to))
                .stream().map(r -> new Tagged(tag, r)).toList());
    }

    /** The trajectory through the sightings (tagged with {@code tag}), or null when none is at a known station. */
    Trajectory trajectory(long tag, List<Tagged> rows) {
        List<TrajectoryBuilder.Visit> visits = TagRoutes.visits(rows.stream().map(Tagged::row).toList(), api.stations());
        return visits.isEmpty() ? null : trajectories.build(tag, visits);
    }

    /** The sightings as JSON: {@code [{"tag","station","firstSeen","lastSeen","reads","peakRssi","open"}]}. */
    static JsonArray json(List<Tagged> rows) {
        JsonArray a = new JsonArray();
        for (Tagged t : rows) {
            SightingQuery.Row r = t.row();
            a.add(new JsonObject().put("tag", TagIds.format(t.tag())).put("station", r.station())
                    .put("firstSeen", IsoTimes.format(r.firstSeen())).put("lastSeen", IsoTimes.format(r.lastSeen()))
                    .put("reads", r.reads()).put("peakRssi", r.peakRssi()).put("open", r.open()));
        }
        return a;
    }
}
