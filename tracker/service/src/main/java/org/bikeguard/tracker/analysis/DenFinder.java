package org.bikeguard.tracker.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The dens answer: trails of the window and of the equally long window before it ({@code new}
 * dens had no evidence near them then), from the database and the sighting engine (a bike that
 * stands in a den now is one open sighting, not yet in the database), scored by {@link Dens} over
 * every active station. Blocking (JDBC, engine calls); stateless.
 */
final class DenFinder {

    /** How long the sighting engine may take to answer, ms (past it: the database's sightings only). */
    static final long ENGINE_TIMEOUT_MS = 2_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DenFinder.class);

    private DenFinder() {}

    /** The engine's sightings of the tags ({@link SightingEngine#sightingsOf} for each), or none when it does not answer in time. */
    static DenQuery.Live live(SightingEngine engine, StationRegistry stations) {
        return tags -> {
            List<java.util.concurrent.CompletableFuture<List<Sighting>>> parts = new java.util.ArrayList<>();
            for (long tag : tags) {
                parts.add(engine.sightingsOf(tag).toCompletableFuture());
            }
            List<Dens.Sighting> out = new java.util.ArrayList<>();
            try {
                java.util.concurrent.CompletableFuture.allOf(
                                parts.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                        .get(ENGINE_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                for (var p : parts) {
                    for (Sighting s : p.join()) {
                        Station st = stations.byIndex(s.station());
                        if (st != null) {
                            out.add(new Dens.Sighting(s.tag(), st.id(), s.firstSeen(), s.lastSeen(), s.open()));
                        }
                    }
                }
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException
                    | RuntimeException e) {
                LOG.warn("dens without the sighting engine's sightings [error: {}]", e.toString());
                return List.of();
            }
        };
    }

    /**
     * {@code {"from","to","dens":[{"station","name","lon","lat","score","new","stolenTags":[{"tag",
     * "plate","caseNo","stolenAt","station","theftPlace","kind","open","from","to"}]}]}}; {@code tag}
     * is the tag the bike carried then; {@code open}: the sighting is still open (the bike is there now).
     */
    static JsonObject find(
            DataSource ds, StationRegistry stations, ZoneId zone, Instant from, Instant to, DenQuery.Live live)
            throws SQLException {
        Dens dens = new Dens(stations.all().stream()
                .filter(Station::active)
                .map(s -> new Dens.Place(s.id(), s.lon(), s.lat()))
                .toList());
        DenQuery.Trails now = DenQuery.run(ds, from, to, live);
        List<Dens.Evidence> evidence = Dens.evidence(now.trails().values(), zone);
        List<Dens.Den> found = dens.score(evidence);
        List<Dens.Evidence> before = List.of();
        if (!found.isEmpty()) {
            Instant earlier = from.minus(Duration.between(from, to));
            before =
                    Dens.evidence(DenQuery.run(ds, earlier, from, live).trails().values(), zone);
        }
        JsonArray list = new JsonArray();
        for (Dens.Den d : found) {
            JsonArray tags = new JsonArray();
            for (Dens.Evidence e : d.evidence()) {
                DenQuery.Stolen s = now.stolen().get(e.bike());
                tags.add(new JsonObject()
                        .put("tag", TagIds.format(e.tag()))
                        .put("plate", s == null ? null : s.plate())
                        .put("caseNo", s == null ? null : s.caseNo())
                        .put("stolenAt", s == null ? null : IsoTimes.format(s.stolenAt()))
                        .put("station", e.station())
                        .put("theftPlace", e.theftPlace())
                        .put("kind", e.kind())
                        .put("open", e.open())
                        .put("from", IsoTimes.format(e.from()))
                        .put("to", IsoTimes.format(e.to())));
            }
            Station st = stations.byId(d.place().id());
            list.add(new JsonObject()
                    .put("station", d.place().id())
                    .put("name", st == null ? null : st.name())
                    .put("lon", d.place().lon())
                    .put("lat", d.place().lat())
                    .put("score", d.score())
                    .put("new", !dens.seenIn(d.place().id(), before))
                    .put("stolenTags", tags));
        }
        return new JsonObject()
                .put("from", IsoTimes.format(from))
                .put("to", IsoTimes.format(to))
                .put("dens", list);
    }
}
