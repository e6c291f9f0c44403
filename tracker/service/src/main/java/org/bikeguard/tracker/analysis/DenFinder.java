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
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The dens answer: trails of the window and of the equally long window before it ({@code new}
 * dens had no evidence near them then), scored by {@link Dens} over every active station.
 * Blocking (JDBC); stateless.
 */
final class DenFinder {

    private DenFinder() {}

    /**
     * {@code {"from","to","dens":[{"station","name","lon","lat","score","new","stolenTags":[{"tag",
     * "plate","caseNo","stolenAt","station","theftPlace","kind","from","to"}]}]}}; {@code tag} is the
     * tag the bike carried then.
     */
    static JsonObject find(DataSource ds, StationRegistry stations, ZoneId zone, Instant from, Instant to)
            throws SQLException {
        Dens dens = new Dens(stations.all().stream()
                .filter(Station::active)
                .map(s -> new Dens.Place(s.id(), s.lon(), s.lat()))
                .toList());
        DenQuery.Trails now = DenQuery.run(ds, from, to);
        List<Dens.Evidence> evidence = Dens.evidence(now.trails().values(), zone);
        List<Dens.Den> found = dens.score(evidence);
        List<Dens.Evidence> before = List.of();
        if (!found.isEmpty()) {
            Instant earlier = from.minus(Duration.between(from, to));
            before = Dens.evidence(DenQuery.run(ds, earlier, from).trails().values(), zone);
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
