package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every claim has a deadline: one reaching 2027 before its official notice is loaded is computed
 * from the holiday law (Spring Festival 2027 from New Year's Eve, 5 February), stored on the claim
 * as provisional, and recomputed when an administrator loads the official year. From 1 November
 * the admin is warned that next year's notice is missing. The clock is the harness's, set by hand.
 */
class ClaimDeadlinesIT {

    /** A hypothetical official 2027 notice: Spring Festival 5–12 February, Saturday 20 February worked. */
    private static final String OFFICIAL_2027 =
            """
            {"year":2027,"days":[
              {"name":"元旦","date":"2027-01-01","isOffDay":true},
              {"name":"春节","date":"2027-02-05","isOffDay":true},
              {"name":"春节","date":"2027-02-06","isOffDay":true},
              {"name":"春节","date":"2027-02-07","isOffDay":true},
              {"name":"春节","date":"2027-02-08","isOffDay":true},
              {"name":"春节","date":"2027-02-09","isOffDay":true},
              {"name":"春节","date":"2027-02-10","isOffDay":true},
              {"name":"春节","date":"2027-02-11","isOffDay":true},
              {"name":"春节","date":"2027-02-12","isOffDay":true},
              {"name":"春节","date":"2027-02-20","isOffDay":false}]}""";

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private JsonObject warning(String user, String role) {
        Resp r = h.get("/api/v1/calendar/years", user, role);
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json().getJsonObject("nextYearWarning");
    }

    private static JsonObject decideActivity(long id) {
        return h
                .get("/api/v1/claims/" + id + "/activities", "adj1", "adjuster")
                .json()
                .getJsonArray("activities")
                .stream()
                .map(JsonObject.class::cast)
                .filter(a -> "decide".equals(a.getString("kind")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void deadlineInto2027IsProvisionalByTheLawThenOfficialOnceTheNoticeIsLoaded() {
        h.tracker.owner("o1", "13900000001", "4304**********01", null);
        h.tracker.bike("b1", "o1", "2026-03-01", "E401");
        h.clock.set(Instant.parse("2026-10-31T10:00:00Z"));
        assertNull(warning("root", "admin"), "no warning before 1 November");
        h.clock.set(Instant.parse("2026-12-01T02:00:00Z"));
        JsonObject w = warning("root", "admin");
        assertEquals("next-year-notice-missing", w.getString("code"));
        assertEquals(2027, w.getInteger("year"));
        assertNull(warning("adj1", "adjuster"), "the warning is for administrators");

        Resp sold = h.post(
                "/api/v1/policies",
                "inst1",
                "installer",
                new JsonObject().put("bikeId", "b1").put("product", "anti-theft"));
        assertEquals(201, sold.status(), () -> sold.raw().toString());
        // stolen on 26 December: the 30-day waiting period ends on Monday 25 January 2027
        h.tracker.confirmedTheft("c1", "b1", "2026-12-26T02:00:00Z");
        h.clock.set(Instant.parse("2026-12-28T02:00:00Z"));
        Resp opened = h.post(
                "/api/v1/claims",
                "13900000001",
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c1"));
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        long id = opened.json().getLong("id");
        Resp papers = h.post(
                "/api/v1/claims/" + id + "/papers",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray()
                                        .add("police-receipt")
                                        .add("invoice")
                                        .add("id-card")
                                        .add("registration")));
        assertEquals(200, papers.status(), () -> papers.raw().toString());
        // by the law: 5 Feb (New Year's Eve) to 10 Feb off (6-7 a weekend, made up on 9-10):
        // Jan 26-29 (4), Feb 1-4 (8), 11-12 (10), 15-19 (15)
        assertEquals("2027-01-25", papers.json().getString("waitingEnd"));
        assertEquals("2027-02-19", papers.json().getString("dueDate"), papers.json()::encode);
        assertEquals(true, papers.json().getBoolean("dueDateProvisional"));
        JsonObject queued = h.get("/api/v1/claims/queue", "adj1", "adjuster").json().getJsonArray("claims").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getLong("id") == id)
                .findFirst()
                .orElseThrow();
        assertEquals("2027-02-19", queued.getString("dueDate"));
        JsonObject decide = decideActivity(id);
        assertEquals("2027-02-19", decide.getString("dueDate"), "the decision task is due on the SLA date");
        assertEquals(true, decide.getBoolean("dueProvisional"));

        Resp load = h.call(HttpMethod.PUT, "/api/v1/calendar/years/2027", "root", "admin", OFFICIAL_2027);
        assertEquals(200, load.status(), () -> load.raw().toString());
        assertEquals(1, load.json().getInteger("dueDatesRecomputed"));
        JsonObject after = h.get("/api/v1/claims/" + id, "adj1", "adjuster").json();
        // by the notice: Jan 26-29 (4), Feb 1-4 (8), 15-19 (13), Saturday 20 (14), 22 (15)
        assertEquals("2027-02-22", after.getString("dueDate"), after::encode);
        assertEquals(false, after.getBoolean("dueDateProvisional"));
        assertEquals("2027-02-22", decideActivity(id).getString("dueDate"), "the decision task moves with it");
        assertEquals(false, decideActivity(id).getBoolean("dueProvisional"));
        assertNull(warning("root", "admin"), "no warning once next year's notice is loaded");
    }
}
