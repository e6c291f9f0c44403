package org.bikeguard.tracker.sightings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.bikeguard.tracker.trajectory.Trajectory;
import org.bikeguard.tracker.trajectory.TrajectoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bike's sightings over a window through the tags it carried then: for each tag binding that
 * overlaps {@code [from, to)}, the same query as {@code GET /api/v1/tags/{tag}/sightings}
 * ({@link SightingQuery}: closed sightings from the database merged with the engine's live ones)
 * clipped to the binding's period, and the trajectory built from them by the same
 * {@link TrajectoryBuilder} path as {@code /trajectory}. Callers audit before loading. Times are
 * instants (UTC). Thread-safe.
 */
public final class BikeSightings {

    private static final Logger LOG = LoggerFactory.getLogger(BikeSightings.class);

    /** One sighting and the tag it was of. */
    public record Tagged(long tag, SightingQuery.Row row) {}

    private final Vertx vertx;
    private final Blocking blocking;
    private final DataSource ds;
    private final SightingEngine engine;
    private final StationRegistry stations;
    private final TrajectoryBuilder trajectories = new TrajectoryBuilder();

    /**
     * @param blocking the workers for the database query
     * @param ds       the database holding the closed sightings
     * @param engine   the open and not yet persisted sightings
     */
    public BikeSightings(
            Vertx vertx, Blocking blocking, DataSource ds, SightingEngine engine, StationRegistry stations) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.ds = ds;
        this.engine = engine;
        this.stations = stations;
    }

    /** The sightings of every binding's tag within both the binding's period and the window, in time order. */
    public Future<List<Tagged>> load(List<Bikes.Binding> bindings, Instant from, Instant to) {
        List<Future<List<Tagged>>> parts = new ArrayList<>();
        for (Bikes.Binding b : bindings) {
            Instant f = b.from().isAfter(from) ? b.from() : from;
            Instant t = b.to() != null && b.to().isBefore(to) ? b.to() : to;
            if (f.isBefore(t)) {
                parts.add(ofTag(b.tag(), f, t)
                        .map(rows ->
                                rows.stream().map(r -> new Tagged(b.tag(), r)).toList()));
            }
        }
        return Future.all(parts).map(all -> {
            List<Tagged> out = new ArrayList<>();
            parts.forEach(p -> out.addAll(p.result()));
            out.sort(Comparator.comparing(Tagged::row, SightingQuery.ORDER));
            return out;
        });
    }

    /**
     * The sightings of {@code tag} overlapping {@code [from, to)}: the database's closed ones and
     * the engine's, read in parallel and merged. The caller audits first.
     */
    Future<List<SightingQuery.Row>> ofTag(long tag, Instant from, Instant to) {
        Future<List<SightingQuery.Row>> closed = blocking.run(() -> SightingQuery.closed(ds, tag, from, to));
        return merged(closed, tag, from, to);
    }

    /** {@code closed} (already under way) merged with the engine's sightings of {@code tag} in the window. */
    Future<List<SightingQuery.Row>> merged(Future<List<SightingQuery.Row>> closed, long tag, Instant from, Instant to) {
        Future<List<Sighting>> live;
        try {
            live = Future.fromCompletionStage(engine.sightingsOf(tag), vertx.getOrCreateContext());
        } catch (RuntimeException e) {
            live = Future.failedFuture(e);
        }
        Future<List<Sighting>> engineRows = live;
        return Future.all(closed, engineRows)
                .map(x -> SightingQuery.merge(
                        closed.result(), SightingQuery.live(engineRows.result(), stations, from, to)));
    }

    /** The trajectory through the sightings (tagged with {@code tag}), or null when none is at a known station. */
    public Trajectory trajectory(long tag, List<Tagged> rows) {
        return trajectoryThrough(tag, visits(rows.stream().map(Tagged::row).toList()));
    }

    /** The trajectory through {@code visits}, or null when there are none. */
    Trajectory trajectoryThrough(long tag, List<TrajectoryBuilder.Visit> visits) {
        return visits.isEmpty() ? null : trajectories.build(tag, visits);
    }

    /** The trajectory vertices of {@code rows}; sightings at unknown stations are left out. */
    List<TrajectoryBuilder.Visit> visits(List<SightingQuery.Row> rows) {
        List<TrajectoryBuilder.Visit> visits = new ArrayList<>(rows.size());
        for (SightingQuery.Row r : rows) {
            Station s = stations.byId(r.station());
            if (s == null) {
                LOG.warn("sighting at an unknown station left out of a trajectory [station: {}]", r.station());
                continue;
            }
            visits.add(new TrajectoryBuilder.Visit(s.id(), s.lon(), s.lat(), r.firstSeen(), r.lastSeen()));
        }
        return visits;
    }

    /** The sightings as JSON: {@code [{"tag","station","firstSeen","lastSeen","reads","peakRssi","open"}]}. */
    public static JsonArray json(List<Tagged> rows) {
        JsonArray a = new JsonArray();
        for (Tagged t : rows) {
            SightingQuery.Row r = t.row();
            a.add(new JsonObject()
                    .put("tag", TagIds.format(t.tag()))
                    .put("station", r.station())
                    .put("firstSeen", IsoTimes.format(r.firstSeen()))
                    .put("lastSeen", IsoTimes.format(r.lastSeen()))
                    .put("reads", r.reads())
                    .put("peakRssi", r.peakRssi())
                    .put("open", r.open()));
        }
        return a;
    }
}
