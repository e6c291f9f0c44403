package org.bikeguard.tracker.traffic;

import static org.bikeguard.tracker.traffic.TrafficDesk.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.tracker.traffic.TrafficDesk.Rider;
import org.junit.jupiter.api.Test;

/**
 * Zone rules on a real tracker and PostgreSQL ({@link TrafficDesk}), reads published over MQTT: a
 * fire-lane dwell's text and fine and paying the fine, and a building entrance compiled from a
 * polygon that alerts property management at once.
 */
class ZoneNoticesIT extends TrafficDeskTests {

    private static final AtomicLong SEQ = new AtomicLong(1);

    @Test
    void aFireLaneDwellOf14MinutesIsLeftAloneAnd16BringsATextAnd31AFine() {
        tracker.station("FL-1", 112.60, 26.90);
        Response z = tracker.put(
                "/api/v1/zones/fire-1",
                admin,
                new JsonObject()
                        .put("name", "消防通道 1")
                        .put("kind", "fire_lane")
                        .put("stations", new JsonArray().add("FL-1")));
        assertEquals(201, z.status(), z.body());
        assertEquals(900, z.json().getInteger("graceS"));
        assertEquals(10_000, z.json().getLong("fineFen"));
        Rider r14 = rider("十四分");
        Rider r16 = rider("十六分");
        Rider r31 = rider("三十一分");
        long now = tracker.clock().millis();
        park("FL-1", r14, now, 14);
        park("FL-1", r16, now, 16);
        park("FL-1", r31, now, 31);
        JsonArray events = Poll.until(
                WAIT,
                "zone events",
                () -> tracker.get("/api/v1/zones/fire-1/events", traffic).json().getJsonArray("events"),
                a -> a.size() >= 3);
        List<String> kinds14 = kinds(events, r14);
        List<String> kinds16 = kinds(events, r16);
        List<String> kinds31 = kinds(events, r31);
        assertEquals(List.of(), kinds14, events.encode());
        assertEquals(List.of("text"), kinds16, events.encode());
        assertEquals(List.of("text", "fine"), kinds31, events.encode());
        Poll.until(WAIT, "text sent", () -> smsReceived.stream()
                .anyMatch(j -> r16.owner().phone().equals(j.getString("phone"))
                        && "zone_text".equals(j.getString("template"))
                        && !j.getBoolean("failed")));

        JsonArray fines =
                tracker.get("/api/v1/me/violations", r31.owner().token()).json().getJsonArray("fines");
        assertEquals(1, fines.size(), fines.encode());
        JsonObject fine = fines.getJsonObject(0);
        assertEquals(10_000, fine.getLong("amountFen"));
        assertEquals("unpaid", fine.getString("state"));
        long fineId = fine.getLong("id");
        assertEquals(
                404,
                tracker.post("/api/v1/me/fines/" + fineId + "/pay", r16.owner().token(), new JsonObject())
                        .status());
        Response pay =
                tracker.post("/api/v1/me/fines/" + fineId + "/pay", r31.owner().token(), new JsonObject());
        assertEquals(200, pay.status(), pay.body());
        assertEquals("counter", pay.json().getString("method"));
        assertEquals(
                200,
                tracker.post("/api/v1/fines/" + fineId + "/paid", traffic, new JsonObject().put("reference", "R-1"))
                        .status());
        assertEquals(
                409,
                tracker.post("/api/v1/fines/" + fineId + "/paid", traffic, new JsonObject())
                        .status());
        assertEquals(
                "paid",
                tracker.get("/api/v1/me/violations", r31.owner().token())
                        .json()
                        .getJsonArray("fines")
                        .getJsonObject(0)
                        .getString("state"));
    }

    /** Reads of the rider's tag every 20 s for {@code minutes}, ending now, in one frame. */
    private static void park(String station, Rider r, long nowMs, int minutes) {
        StringBuilder reads = new StringBuilder("[");
        for (long t = nowMs - minutes * 60_000L; t <= nowMs; t += 20_000) {
            reads.append(reads.length() > 1 ? "," : "").append(JsonFrames.read(r.tag(), t, false));
        }
        tracker.publish(station, SEQ.incrementAndGet(), reads.append(']').toString());
    }

    private static List<String> kinds(JsonArray events, Rider r) {
        return events.stream()
                .map(o -> (JsonObject) o)
                .filter(e -> r.tag().equals(e.getString("tag")))
                .map(e -> e.getString("kind"))
                .toList();
    }

    @Test
    void aPolygonCompilesToTheStationsInsideItAndABuildingEntranceAlertsAtOnce() {
        tracker.station("IN-1", 112.701, 26.801);
        tracker.station("IN-2", 112.709, 26.809);
        tracker.station("OUT-1", 112.720, 26.801);
        JsonObject square = polygon(112.70, 26.80, 112.71, 26.80, 112.71, 26.81, 112.70, 26.81, 112.70, 26.80);
        Response z = tracker.put(
                "/api/v1/zones/lobby-7",
                admin,
                new JsonObject()
                        .put("name", "7 栋电梯厅")
                        .put("kind", "building_entrance")
                        .put("geometry", square));
        assertEquals(201, z.status(), z.body());
        assertEquals(new JsonArray().add("IN-1").add("IN-2"), z.json().getJsonArray("compiledStations"));
        JsonObject bowtie = polygon(112.70, 26.80, 112.71, 26.81, 112.71, 26.80, 112.70, 26.81, 112.70, 26.80);
        Response bad = tracker.put(
                "/api/v1/zones/lobby-8",
                admin,
                new JsonObject()
                        .put("name", "x")
                        .put("kind", "building_entrance")
                        .put("geometry", bowtie));
        assertEquals(400, bad.status(), bad.body());
        assertEquals(
                400,
                tracker.put(
                                "/api/v1/zones/lobby-9",
                                admin,
                                new JsonObject().put("name", "x").put("kind", "lift"))
                        .status());
        assertEquals(
                403,
                tracker.put(
                                "/api/v1/zones/lobby-9",
                                traffic,
                                new JsonObject()
                                        .put("name", "x")
                                        .put("kind", "corridor")
                                        .put("stations", new JsonArray().add("IN-1")))
                        .status());

        Rider r = rider("进电梯");
        long t0 = System.nanoTime();
        tracker.publish(
                "IN-2",
                SEQ.incrementAndGet(),
                "[" + JsonFrames.read(r.tag(), tracker.clock().millis(), false) + "]");
        JsonArray alerts = Poll.until(
                WAIT,
                "property alert",
                () -> tracker.get("/api/v1/property/alerts", property).json().getJsonArray("alerts"),
                a -> a.stream().anyMatch(e -> r.tag().equals(((JsonObject) e).getString("tag"))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "alert after " + ms + " ms");
        JsonObject alert = alerts.stream()
                .map(o -> (JsonObject) o)
                .filter(e -> r.tag().equals(e.getString("tag")))
                .findFirst()
                .orElseThrow();
        assertEquals("entered", alert.getString("kind"));
        assertEquals("lobby-7", alert.getString("zone"));
        assertEquals(r.plate(), alert.getString("plate"));
        assertEquals(403, tracker.get("/api/v1/property/alerts", traffic).status());
    }

    /** A GeoJSON polygon of one ring through {@code lonLat} pairs (longitude, latitude, …). */
    private static JsonObject polygon(double... lonLat) {
        JsonArray ring = new JsonArray();
        for (int i = 0; i < lonLat.length; i += 2) {
            ring.add(new JsonArray().add(lonLat[i]).add(lonLat[i + 1]));
        }
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }
}
