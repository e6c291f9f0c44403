package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.tracker.TrackerGateway.Station;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adjusters' queue by SLA due date, and evidence gathered through the tracker port at opening. */
class QueueAndEvidenceIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
        h.tracker.stations.put("HOME", new Station("HOME", "蒸湘小区", "building", 112.600, 26.900, 60));
        h.tracker.stations.put("X1", new Station("X1", "解放路口", "intersection", 112.620, 26.910, 80));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static long claim(String n, String papersOn, boolean seenAtHomeAfter) {
        h.tracker.owner("o" + n, "1350000000" + n, "430***" + n, "HOME");
        h.tracker.bike("b" + n, "o" + n, "2025-10-01", "Q" + n);
        h.clock.setDate("2026-06-01");
        h.post(
                "/api/v1/policies",
                "inst",
                "installer",
                new JsonObject().put("bikeId", "b" + n).put("product", "anti-theft"));
        h.tracker.confirmedTheft("c" + n, "b" + n, "2026-08-10T02:00:00Z");
        h.tracker.sighting("Q" + n, "HOME", "2026-08-09T12:00:00Z", "2026-08-09T23:50:00Z");
        h.tracker.sighting("Q" + n, "X1", "2026-08-10T01:40:00Z", "2026-08-10T01:55:00Z");
        if (seenAtHomeAfter) {
            h.tracker.sighting("Q" + n, "HOME", "2026-08-10T20:00:00Z", "2026-08-10T21:00:00Z");
        }
        h.clock.setDate("2026-08-20");
        long id = h.post(
                        "/api/v1/claims",
                        "1350000000" + n,
                        "owner",
                        new JsonObject().put("type", "theft").put("theftCaseId", "c" + n))
                .json()
                .getLong("id");
        h.clock.setDate(papersOn);
        h.post(
                "/api/v1/claims/" + id + "/papers",
                "adj",
                "adjuster",
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray(List.of("police-receipt", "invoice", "id-card", "registration"))));
        return id;
    }

    @Test
    void queueIsOrderedByDueDateAndFlagsOverdueClaims() {
        long later = claim("1", "2026-09-25", false);
        long earlier = claim("2", "2026-09-18", false);
        long waiting = claim("3", "2026-08-20", false);
        h.clock.setDate("2026-10-20");
        JsonArray q = h.get("/api/v1/claims/queue", "adj", "adjuster").json().getJsonArray("claims");
        List<Long> ids = q.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
        assertTrue(
                ids.indexOf(waiting) < ids.indexOf(earlier) && ids.indexOf(earlier) < ids.indexOf(later),
                q.encodePrettily());
        // papers complete before the waiting period ended (2026-09-09): the SLA counts from its end
        assertEquals("2026-09-30", q.getJsonObject(ids.indexOf(waiting)).getString("dueDate"));
        JsonObject first = q.getJsonObject(ids.indexOf(earlier));
        assertEquals("2026-10-15", first.getString("dueDate"));
        assertEquals(true, first.getBoolean("overdue"));
        assertEquals("2026-10-22", q.getJsonObject(ids.indexOf(later)).getString("dueDate"));
        assertEquals(false, q.getJsonObject(ids.indexOf(later)).getBoolean("overdue"));
    }

    @Test
    void evidenceCarriesTheTrajectoryWithStationPositionsAndTheHomeSightingIsSignalled() {
        long id = claim("4", "2026-09-18", true);
        JsonObject c = h.get("/api/v1/claims/" + id, "adj", "adjuster").json();
        assertEquals("referred", c.getString("status"));
        JsonObject signal = c.getJsonArray("signals").getJsonObject(0);
        assertEquals("seen-near-home-after-theft", signal.getString("code"));
        JsonObject ev = c.getJsonObject("evidence");
        JsonArray points = ev.getJsonObject("trajectory").getJsonArray("points");
        assertEquals(3, points.size(), points.encodePrettily());
        assertEquals("解放路口", points.getJsonObject(1).getString("name"));
        assertEquals(112.62, points.getJsonObject(1).getDouble("lon"));
        JsonArray last = ev.getJsonObject("last-sightings").getJsonArray("points");
        assertEquals("X1", last.getJsonObject(last.size() - 1).getString("station"));
        assertEquals("HY2026-c4", ev.getJsonObject("theft-case").getString("caseNo"));
    }

    /** The reads for a claim go to the tracker on behalf of the caller, so its audit names the adjuster. */
    @Test
    void evidenceIsReadOnBehalfOfTheAdjusterWhoOpensTheClaim() {
        h.tracker.owner("o5", "13500000005", "430***5", "HOME");
        h.tracker.bike("b5", "o5", "2025-10-01", "Q5");
        h.clock.setDate("2026-06-01");
        h.post(
                "/api/v1/policies",
                "inst",
                "installer",
                new JsonObject().put("bikeId", "b5").put("product", "anti-theft"));
        h.tracker.confirmedTheft("c5", "b5", "2026-08-10T02:00:00Z");
        h.tracker.sighting("Q5", "X1", "2026-08-10T01:40:00Z", "2026-08-10T01:55:00Z");
        h.clock.setDate("2026-08-20");
        h.tracker.onBehalf.clear();
        ClaimsHarness.Resp r = h.post(
                "/api/v1/claims",
                "adj-5",
                "adjuster",
                new JsonObject().put("type", "theft").put("theftCaseId", "c5"));
        assertEquals(201, r.status(), () -> r.raw().toString());
        List<String> reads = List.copyOf(h.tracker.onBehalf);
        assertTrue(reads.contains("theftCase c5 as adj-5:adjuster"), reads.toString());
        assertTrue(reads.contains("bike b5 as adj-5:adjuster"), reads.toString());
        assertTrue(reads.contains("owner o5 as adj-5:adjuster"), reads.toString());
        assertEquals(
                2,
                reads.stream().filter("sightings Q5 as adj-5:adjuster"::equals).count(),
                "before and after the theft: " + reads);
        assertTrue(reads.contains("station X1 as adj-5:adjuster"), reads.toString());
        assertTrue(reads.stream().allMatch(x -> x.endsWith(" as adj-5:adjuster")), reads.toString());
    }
}
