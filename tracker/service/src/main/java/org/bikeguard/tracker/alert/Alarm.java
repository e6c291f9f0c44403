package org.bikeguard.tracker.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * One alarm as the police see it (the alarm stream contract). Immutable.
 *
 * @param id         cluster-wide increasing id (&gt;= 1)
 * @param type       the alarm type
 * @param caseId     the theft case, or {@code null}
 * @param caseNo     the police case number, or {@code null}
 * @param tag        the tag id (unsigned 64-bit)
 * @param plate      the bike's plate, or {@code null} when unknown
 * @param station    the station id where it happened
 * @param lon        the station's WGS-84 longitude, degrees
 * @param lat        the station's WGS-84 latitude, degrees
 * @param at         event time of the triggering read, epoch ms UTC
 * @param raisedAt   when the tracker raised it, epoch ms UTC
 * @param recent     where it came from: the last sightings known, oldest first
 * @param likelyNext the stations most often visited next after {@code station}, most likely first
 */
public record Alarm(
        long id,
        AlarmType type,
        Long caseId,
        String caseNo,
        long tag,
        String plate,
        String station,
        double lon,
        double lat,
        long at,
        long raisedAt,
        List<Recent> recent,
        List<Next> likelyNext) {

    /** A past sighting; times epoch ms UTC. */
    public record Recent(String station, double lon, double lat, long firstSeen, long lastSeen) {}

    /** A likely next station with the share (0..1) of transitions from the alarm's station that went there. */
    public record Next(String station, double lon, double lat, double share) {}

    public Alarm {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(station, "station");
        recent = List.copyOf(recent);
        likelyNext = List.copyOf(likelyNext);
    }

    /** The wire form: {@code id, type, caseId, caseNo, tag, plate, station, lon, lat, at, raisedAt, recent, likelyNext}. */
    public JsonObject toJson() {
        JsonArray r = new JsonArray();
        for (Recent x : recent) {
            r.add(new JsonObject()
                    .put("station", x.station())
                    .put("lon", x.lon())
                    .put("lat", x.lat())
                    .put("firstSeen", IsoTimes.format(x.firstSeen()))
                    .put("lastSeen", IsoTimes.format(x.lastSeen())));
        }
        JsonArray n = new JsonArray();
        for (Next x : likelyNext) {
            n.add(new JsonObject()
                    .put("station", x.station())
                    .put("lon", x.lon())
                    .put("lat", x.lat())
                    .put("share", Math.round(x.share() * 1000) / 1000.0));
        }
        return new JsonObject()
                .put("id", id)
                .put("type", type.wire())
                .put("caseId", caseId)
                .put("caseNo", caseNo)
                .put("tag", TagIds.format(tag))
                .put("plate", plate)
                .put("station", station)
                .put("lon", lon)
                .put("lat", lat)
                .put("at", IsoTimes.format(at))
                .put("raisedAt", IsoTimes.format(raisedAt))
                .put("recent", r)
                .put("likelyNext", n);
    }

    /** Parses {@link #toJson()}'s output. @throws RuntimeException on a malformed object */
    public static Alarm fromJson(JsonObject o) {
        List<Recent> recent = new ArrayList<>();
        for (Object x : o.getJsonArray("recent", new JsonArray())) {
            JsonObject j = (JsonObject) x;
            recent.add(new Recent(
                    j.getString("station"),
                    j.getDouble("lon"),
                    j.getDouble("lat"),
                    millis(j.getString("firstSeen")),
                    millis(j.getString("lastSeen"))));
        }
        List<Next> next = new ArrayList<>();
        for (Object x : o.getJsonArray("likelyNext", new JsonArray())) {
            JsonObject j = (JsonObject) x;
            next.add(new Next(j.getString("station"), j.getDouble("lon"), j.getDouble("lat"), j.getDouble("share")));
        }
        return new Alarm(
                o.getLong("id"),
                AlarmType.fromWire(o.getString("type")),
                o.getLong("caseId"),
                o.getString("caseNo"),
                TagIds.parse(o.getString("tag")),
                o.getString("plate"),
                o.getString("station"),
                o.getDouble("lon"),
                o.getDouble("lat"),
                millis(o.getString("at")),
                millis(o.getString("raisedAt")),
                recent,
                next);
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
