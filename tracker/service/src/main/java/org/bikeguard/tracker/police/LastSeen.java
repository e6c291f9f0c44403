package org.bikeguard.tracker.police;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.alert.Alarm;
import org.bikeguard.tracker.alert.Transitions;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The last-seen area of a tag: of its sightings (live from the engine, closed from the database),
 * the latest {@code lastSeen} L and every station whose sighting of it ended within one sighting
 * gap of L (overlapping coverage hears a tag at several stations at once); the area is the union
 * of those stations' coverage circles. Stateless; thread-safe.
 */
final class LastSeen {

    private LastSeen() {}

    /**
     * The GeoJSON Feature, or {@code null} when the tag has no sighting at a known station.
     * Properties: {@code tag, lastSeen, open, stations:[{station, lastSeen, open}], likelyNext}.
     */
    static JsonObject feature(
            long tag,
            List<Sighting> live,
            List<Alarm.Recent> stored,
            StationRegistry stations,
            long gapMs,
            Transitions transitions) {
        Map<String, long[]> last = new LinkedHashMap<>(); // station -> {lastSeen, open}
        for (Alarm.Recent r : stored) {
            if (stations.byId(r.station()) != null) {
                last.merge(r.station(), new long[] {r.lastSeen(), 0}, LastSeen::later);
            }
        }
        for (Sighting s : live) {
            Station st = stations.byIndex(s.station());
            if (st != null) {
                last.merge(st.id(), new long[] {s.lastSeen(), s.open() ? 1 : 0}, LastSeen::later);
            }
        }
        long latest = last.values().stream().mapToLong(v -> v[0]).max().orElse(Long.MIN_VALUE);
        if (latest == Long.MIN_VALUE) {
            return null;
        }
        List<Station> heard = new ArrayList<>();
        JsonArray list = new JsonArray();
        boolean open = false;
        String newest = null;
        for (Map.Entry<String, long[]> e : last.entrySet()) {
            if (e.getValue()[0] >= latest - gapMs) {
                Station st = stations.byId(e.getKey());
                heard.add(st);
                open |= e.getValue()[1] == 1;
                if (e.getValue()[0] == latest) {
                    newest = st.id();
                }
                list.add(new JsonObject()
                        .put("station", st.id())
                        .put("lon", st.lon())
                        .put("lat", st.lat())
                        .put("radiusM", st.radiusM())
                        .put("lastSeen", IsoTimes.format(e.getValue()[0]))
                        .put("open", e.getValue()[1] == 1));
            }
        }
        JsonObject props = new JsonObject()
                .put("tag", TagIds.format(tag))
                .put("lastSeen", IsoTimes.format(latest))
                .put("open", open)
                .put("stations", list)
                .put("likelyNext", nextJson(transitions.likelyNext(newest, stations, 3)));
        return new JsonObject()
                .put("type", "Feature")
                .put("geometry", GeoJson.geometry(StationIndex.coverage(heard)))
                .put("properties", props);
    }

    static JsonArray nextJson(List<Alarm.Next> next) {
        JsonArray a = new JsonArray();
        for (Alarm.Next n : next) {
            a.add(new JsonObject()
                    .put("station", n.station())
                    .put("lon", n.lon())
                    .put("lat", n.lat())
                    .put("share", Math.round(n.share() * 1000) / 1000.0));
        }
        return a;
    }

    private static long[] later(long[] a, long[] b) {
        return b[0] > a[0] || (b[0] == a[0] && b[1] == 1) ? b : a;
    }
}
