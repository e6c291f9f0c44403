package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The deadline calculator and loading a new year's calendar into the running system. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalendarApiIT {

    private static ClaimsHarness h;
    private static final String YEAR_2027 =
            """
            {"year":2027,"papers":[],"days":[
              {"name":"元旦","date":"2027-01-01","isOffDay":true},
              {"name":"春节","date":"2027-02-06","isOffDay":true},
              {"name":"春节","date":"2027-02-07","isOffDay":true}]}""";

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    @Order(1)
    void contractExampleIsAnsweredByTheCalculator() {
        Resp r = h.get("/api/v1/calendar/working-days?from=2026-09-18&days=15", "adj1", "adjuster");
        assertEquals(200, r.status());
        assertEquals(new JsonObject().put("date", "2026-10-15").put("provisional", false), r.json());
    }

    @Test
    @Order(2)
    void deadlineInTheLastWeekOfTheLastLoadedYearIsProvisional() {
        Resp r = h.get("/api/v1/calendar/working-days?from=2026-12-10&days=15", "adj1", "adjuster");
        assertEquals(new JsonObject().put("date", "2026-12-31").put("provisional", true), r.json());
    }

    @Test
    @Order(3)
    void deadlineIntoAYearWithoutItsNoticeIsProvisionalByTheHolidayLaw() {
        Resp r = h.get("/api/v1/calendar/working-days?from=2026-12-20&days=15", "adj1", "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        assertEquals(new JsonObject().put("date", "2027-01-11").put("provisional", true), r.json());
        Resp sf = h.get("/api/v1/calendar/working-days?from=2027-02-04&days=1", "adj1", "adjuster");
        assertEquals(
                new JsonObject().put("date", "2027-02-11").put("provisional", true),
                sf.json(),
                "Spring Festival 2027 from New Year's Eve, 5 February, with the weekend made up");
        Resp before = h.get("/api/v1/calendar/working-days?from=2005-06-01&days=15", "adj1", "adjuster");
        assertEquals(422, before.status(), "a year before the first official file stays unknown");
        assertEquals("calendar_unknown", before.json().getString("code"));
    }

    @Test
    @Order(4)
    void badQueriesAreRejected() {
        assertEquals(
                400,
                h.get("/api/v1/calendar/working-days?days=15", "adj1", "adjuster")
                        .status());
        assertEquals(
                400,
                h.get("/api/v1/calendar/working-days?from=2026-13-01", "adj1", "adjuster")
                        .status());
        assertEquals(
                400,
                h.get("/api/v1/calendar/working-days?from=2026-09-18&days=0", "adj1", "adjuster")
                        .status());
    }

    @Test
    @Order(5)
    void adminLoadsNextYearAndTheProvisionalDeadlineBecomesOfficial() {
        assertEquals(
                400,
                h.call(HttpMethod.PUT, "/api/v1/calendar/years/2028", "root", "admin", YEAR_2027)
                        .status());
        assertEquals(
                400,
                h.call(HttpMethod.PUT, "/api/v1/calendar/years/2027", "root", "admin", "{\"year\":2027,\"days\":[]}")
                        .status());
        Resp load = h.call(HttpMethod.PUT, "/api/v1/calendar/years/2027", "root", "admin", YEAR_2027);
        assertEquals(200, load.status(), () -> load.raw().toString());
        Resp r = h.get("/api/v1/calendar/working-days?from=2026-12-20&days=15", "adj1", "adjuster");
        assertEquals(200, r.status());
        assertEquals(new JsonObject().put("date", "2027-01-11").put("provisional", false), r.json());
        assertTrue(h.get("/api/v1/calendar/years", "adj1", "adjuster")
                .json()
                .getJsonArray("years")
                .contains(2027));
    }
}
