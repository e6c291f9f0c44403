package org.bikeguard.claims.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.tracker.TrackerGateway.Sighting;
import org.bikeguard.claims.tracker.TrackerGateway.Station;

/**
 * The tag's sightings around a theft, gathered from the tracker: everything overlapping the 30
 * days before the reported theft time and up to 30 days after it (or now), with the stations seen
 * and the owner's home station. Instants UTC. Immutable; thread-safe.
 *
 * @param available   false when the tag is unknown or the tracker could not be asked
 * @param windowFrom  start of the searched window
 * @param windowTo    end of the searched window
 * @param sightings   sightings in time order
 * @param stations    stations by id (those seen, and the home station when known)
 * @param homeStation the owner's home station id, or null
 */
public record TheftEvidence(
        boolean available,
        Instant windowFrom,
        Instant windowTo,
        List<Sighting> sightings,
        Map<String, Station> stations,
        String homeStation) {

    /** Days searched before (and at most after) the theft; the tracker allows 31 per query. */
    public static final Duration WINDOW = Duration.ofDays(30);
    /** Half-width of the trajectory attached around the theft. */
    public static final Duration AROUND = Duration.ofHours(24);
    /** How many sightings before the theft are attached. */
    public static final int LAST_BEFORE = 5;

    public TheftEvidence {
        sightings = sightings == null
                ? List.of()
                : sightings.stream()
                        .sorted(Comparator.comparing(Sighting::firstSeen))
                        .toList();
        stations = stations == null ? Map.of() : Map.copyOf(stations);
    }

    /** Evidence that could not be gathered. */
    public static TheftEvidence unavailable(Instant from, Instant to, String homeStation) {
        return new TheftEvidence(false, from, to, List.of(), Map.of(), homeStation);
    }

    /** The trajectory within {@link #AROUND} of {@code stolenAt}: points with the station positions. */
    public JsonArray trajectoryAround(Instant stolenAt) {
        Instant a = stolenAt.minus(AROUND);
        Instant b = stolenAt.plus(AROUND);
        return points(sightings.stream()
                .filter(s -> s.lastSeen().isAfter(a) && s.firstSeen().isBefore(b))
                .toList());
    }

    /** The last {@link #LAST_BEFORE} sightings that began before {@code stolenAt}. */
    public JsonArray lastBefore(Instant stolenAt) {
        List<Sighting> before =
                sightings.stream().filter(s -> s.firstSeen().isBefore(stolenAt)).toList();
        return points(before.subList(Math.max(0, before.size() - LAST_BEFORE), before.size()));
    }

    private JsonArray points(List<Sighting> list) {
        JsonArray arr = new JsonArray();
        for (Sighting s : list) {
            Station st = stations.get(s.station());
            JsonObject p = new JsonObject()
                    .put("station", s.station())
                    .put("firstSeen", ShanghaiTime.format(s.firstSeen()))
                    .put("lastSeen", ShanghaiTime.format(s.lastSeen()))
                    .put("reads", s.reads())
                    .put("open", s.open());
            if (st != null) {
                p.put("name", st.name()).put("lon", st.lon()).put("lat", st.lat());
            }
            arr.add(p);
        }
        return arr;
    }
}
