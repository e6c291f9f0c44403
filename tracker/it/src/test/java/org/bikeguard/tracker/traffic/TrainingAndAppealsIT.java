package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.tracker.traffic.TrafficDesk.Rider;
import org.junit.jupiter.api.Test;

/**
 * Monthly rules and appeals on a real tracker and PostgreSQL ({@link TrafficDesk}): training
 * enrolment and public naming by calendar months of Shanghai, attendance and the exam, the
 * dashboard, and appeals that cancel a violation or uphold it.
 */
class TrainingAndAppealsIT extends TrafficDeskTests {

    @Test
    void monthlyThresholdsCountCalendarMonthsOfShanghai() {
        // 2, 3, 4 and 5 violations in November; each rider also has one just before November and one
        // just after it in Shanghai time, which are inside November in UTC
        Rider[] riders = {rider("两次"), rider("三次"), rider("四次"), rider("五次")};
        for (int i = 0; i < riders.length; i++) {
            for (int k = 0; k < i + 2; k++) {
                violation(riders[i], "2026-11-1" + k + "T08:00:00+08:00");
            }
            violation(riders[i], "2026-11-01T07:59:00+08:00".replace("11-01T07:59", "10-31T23:30"));
            violation(riders[i], "2026-12-01T00:10:00+08:00");
        }
        JsonArray enrolled = tracker.get("/api/v1/traffic/training?month=2026-11", traffic)
                .json()
                .getJsonArray("enrolments");
        JsonObject byPlate = new JsonObject();
        enrolled.forEach(e -> byPlate.put(((JsonObject) e).getString("plate"), e));
        assertFalse(byPlate.containsKey(riders[0].plate()), enrolled.encode());
        assertEquals(3, byPlate.getJsonObject(riders[1].plate()).getInteger("violations"));
        assertEquals(4, byPlate.getJsonObject(riders[2].plate()).getInteger("violations"));
        assertEquals(5, byPlate.getJsonObject(riders[3].plate()).getInteger("violations"));
        assertEquals(
                new JsonArray().add(false).add(false).add(false),
                byPlate.getJsonObject(riders[1].plate()).getJsonArray("attended"));

        JsonArray named =
                tracker.http().get("/api/v1/public/named?month=2026-11").json().getJsonArray("named");
        String masked = Plates.mask(riders[3].plate());
        assertTrue(masked.endsWith("**") && !masked.equals(riders[3].plate()), masked);
        List<JsonObject> mine = named.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("plate").equals(masked))
                .toList();
        assertEquals(1, mine.size(), named.encode());
        assertEquals(5, mine.get(0).getLong("violations"));
        assertEquals(Set.of("plate", "violations"), mine.get(0).fieldNames());
        for (Rider r : riders) {
            assertFalse(named.encode().contains(r.plate()), "unmasked plate on the naming list");
        }
        // riders with 2, 3 and 4 are not named (no other test reaches 5 in a month)
        assertEquals(1, named.size(), named.encode());
        assertEquals("衡阳A·123**", Plates.mask("衡阳A·12345"));
        assertTrue(tracker.http().get("/api/v1/public/named?month=2026-10").json().getJsonArray("named").stream()
                .noneMatch(o -> ((JsonObject) o).getString("plate").equals(masked)));
        assertEquals(
                400, tracker.http().get("/api/v1/public/named?month=2026-13").status());

        // attendance and the exam
        long id = byPlate.getJsonObject(riders[1].plate()).getLong("id");
        Response put = tracker.put(
                "/api/v1/traffic/training/" + id,
                traffic,
                new JsonObject()
                        .put("attended", new JsonArray().add(true).add(true).add(true))
                        .put("exam", "passed"));
        assertEquals(200, put.status(), put.body());
        assertEquals(
                403,
                tracker.put(
                                "/api/v1/traffic/training/" + id,
                                riders[1].owner().token(),
                                new JsonObject()
                                        .put(
                                                "attended",
                                                new JsonArray()
                                                        .add(true)
                                                        .add(true)
                                                        .add(true)))
                        .status());

        JsonObject dash =
                tracker.get("/api/v1/traffic/dashboard?month=2026-11", traffic).json();
        assertTrue(dash.getLong("total") >= 14, dash.encode());
        assertEquals(6, dash.getJsonArray("trend").size());
        assertEquals(24, dash.getJsonArray("byHour").size());
    }

    @Test
    void aCancelledAppealStopsCountingAndAnUpheldOneKeepsIt() {
        Rider r = rider("申诉");
        long v1 = violation(r, "2026-11-02T08:00:00+08:00");
        long v2 = violation(r, "2026-11-03T08:00:00+08:00");
        violation(r, "2026-11-04T08:00:00+08:00");
        assertTrue(enrolled(r));
        Response filed = tracker.post(
                "/api/v1/me/violations/" + v1 + "/appeal", r.owner().token(), new JsonObject().put("reason", "绿灯通行"));
        assertEquals(201, filed.status(), filed.body());
        assertEquals(
                409,
                tracker.post(
                                "/api/v1/me/violations/" + v1 + "/appeal",
                                r.owner().token(),
                                new JsonObject().put("reason", "again"))
                        .status());
        assertEquals(
                201,
                tracker.post(
                                "/api/v1/me/violations/" + v2 + "/appeal",
                                r.owner().token(),
                                new JsonObject().put("reason", "not me"))
                        .status());
        JsonArray pending =
                tracker.get("/api/v1/traffic/appeals", traffic).json().getJsonArray("appeals");
        assertTrue(pending.stream().anyMatch(a -> ((JsonObject) a).getLong("violation") == v1));
        assertEquals(
                403,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v1 + "/decision",
                                r.owner().token(),
                                new JsonObject().put("decision", "cancelled"))
                        .status());
        assertEquals(
                200,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v2 + "/decision",
                                traffic,
                                new JsonObject().put("decision", "upheld"))
                        .status());
        assertTrue(enrolled(r), "an upheld appeal keeps the violation counted");
        assertEquals(
                200,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v1 + "/decision",
                                traffic,
                                new JsonObject().put("decision", "cancelled").put("note", "signal fault"))
                        .status());
        assertEquals(
                409,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v1 + "/decision",
                                traffic,
                                new JsonObject().put("decision", "upheld"))
                        .status());
        assertFalse(enrolled(r), "a cancelled violation does not count");
        JsonArray mine =
                tracker.get("/api/v1/me/violations", r.owner().token()).json().getJsonArray("violations");
        JsonObject first = mine.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getLong("id") == v1)
                .findFirst()
                .orElseThrow();
        assertFalse(first.getBoolean("counted"));
        assertEquals("cancelled", first.getJsonObject("appeal").getString("state"));
    }

    private static boolean enrolled(Rider r) {
        return tracker.get("/api/v1/traffic/training?month=2026-11", traffic).json().getJsonArray("enrolments").stream()
                .anyMatch(e -> ((JsonObject) e).getString("plate").equals(r.plate()));
    }
}
