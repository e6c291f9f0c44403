package org.bikeguard.claims.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reserves over HTTP: a theft claim reserves its bracket amount at opening and releases it on
 * payment, denial or recovery; a liability claim's reserve is set at assessment and released on
 * payment; every change is a row with reason, who and when; admins see the outstanding total by
 * kind. The scenario clock runs in 2026.
 */
class ReservesIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** An open theft claim on bike b{n} bought on {@code purchase}, stolen 2026-08-10, opened 2026-08-20. */
    static long theft(ClaimsHarness h, String n, String purchase) {
        h.tracker.owner("o" + n, "1370000000" + n, "430***" + n, null);
        h.tracker.bike("b" + n, "o" + n, purchase, "R" + n);
        h.clock.setDate("2026-06-01");
        assertEquals(
                201,
                h.post(
                                "/api/v1/policies",
                                "inst",
                                "installer",
                                new JsonObject().put("bikeId", "b" + n).put("product", "anti-theft"))
                        .status());
        h.tracker.confirmedTheft("c" + n, "b" + n, "2026-08-10T02:00:00Z");
        h.clock.setDate("2026-08-20");
        Resp r = h.post(
                "/api/v1/claims",
                "adj1",
                "adjuster",
                new JsonObject().put("type", "theft").put("theftCaseId", "c" + n));
        assertEquals(201, r.status(), () -> r.raw().toString());
        return r.json().getLong("id");
    }

    private static JsonObject reserve(long id) {
        Resp r = h.get("/api/v1/claims/" + id, "adj1", "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json().getJsonObject("reserve");
    }

    private static List<String> reasons(JsonObject reserve) {
        return reserve.getJsonArray("changes").stream()
                .map(o -> ((JsonObject) o).getString("reason"))
                .toList();
    }

    private static Resp decide(long id, String by, String decision) {
        return h.post(
                "/api/v1/claims/" + id + "/decision",
                by,
                "adjuster",
                new JsonObject().put("decision", decision).put("reason", decision + " 理由"));
    }

    @Test
    void aTheftClaimReservesItsBracketAtOpeningAndReleasesItWhenPaid() {
        long id = theft(h, "1", "2025-10-01"); // under a year old on the theft date: 1,200 yuan
        JsonObject r = reserve(id);
        assertEquals(120_000, r.getLong("currentFen"));
        JsonObject first = r.getJsonArray("changes").getJsonObject(0);
        assertEquals("opening", first.getString("reason"));
        assertEquals(120_000, first.getLong("changeFen"));
        assertEquals("adj1", first.getString("by"));
        assertEquals("2026-08-20T04:00:00.000Z", first.getString("at"));
        assertNull(
                h.get("/api/v1/claims/" + id, "13700000001", "owner").json().getValue("reserve"),
                "owners do not see reserves");

        h.clock.setDate("2026-09-18");
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/papers",
                                "adj1",
                                "adjuster",
                                new JsonObject()
                                        .put(
                                                "received",
                                                new JsonArray(List.of(
                                                        "police-receipt", "invoice", "id-card", "registration"))))
                        .status());
        assertEquals(200, decide(id, "adj1", "approve").status());
        assertEquals(120_000, reserve(id).getLong("currentFen"), "approval keeps the reserve");
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/second-approval",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("reason", "复核"))
                        .status());
        h.post("/api/v1/claims/" + id + "/rights-transfer", "13700000001", "owner", null);
        h.clock.setDate("2026-10-09");
        Resp paid = h.post("/api/v1/claims/" + id + "/payment", "adj3", "adjuster", null);
        assertEquals(201, paid.status(), () -> paid.raw().toString());
        JsonObject after = reserve(id);
        assertEquals(0, after.getLong("currentFen"));
        assertEquals(List.of("opening", "payment"), reasons(after));
        JsonObject release = after.getJsonArray("changes").getJsonObject(1);
        assertEquals(-120_000, release.getLong("changeFen"));
        assertEquals("adj3", release.getString("by"));
        JsonObject alone =
                h.get("/api/v1/claims/" + id + "/reserve", "adj1", "adjuster").json();
        assertEquals(id, alone.getLong("claimId"));
        assertEquals(after.getJsonArray("changes"), alone.getJsonArray("changes"));
    }

    @Test
    void denialAndRecoveryReleaseTheReserve() {
        long denied = theft(h, "2", "2024-10-01"); // 22 months: 800 yuan
        long found = theft(h, "3", "2023-10-01"); // older than two years: 500 yuan
        assertEquals(80_000, reserve(denied).getLong("currentFen"));
        assertEquals(50_000, reserve(found).getLong("currentFen"));
        assertEquals(200, decide(denied, "adj1", "deny").status());
        assertEquals(List.of("opening", "denial"), reasons(reserve(denied)));
        assertEquals(0, reserve(denied).getLong("currentFen"));
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + found + "/recovery",
                                "adj1",
                                "adjuster",
                                new JsonObject().put("foundAt", "2026-08-21T10:00:00+08:00"))
                        .status());
        assertEquals(List.of("opening", "recovery"), reasons(reserve(found)));
    }

    @Test
    void aLiabilityReserveIsSetAtAssessmentAndTheAdminsSeeTheOutstandingTotalByKind() {
        JsonObject before = h.get("/api/v1/claims/reserves", "adm", "admin").json();
        h.tracker.owner("lo1", "13800000001", "430***", null);
        h.tracker.bike("lb1", "lo1", "2025-10-01", "L1");
        h.clock.setDate("2026-06-01");
        long policy = h.post(
                        "/api/v1/policies",
                        "13800000001",
                        "owner",
                        new JsonObject().put("bikeId", "lb1").put("product", "liability"))
                .json()
                .getLong("id");
        h.clock.setDate("2026-07-15");
        long id = h.post(
                        "/api/v1/claims",
                        "adj1",
                        "adjuster",
                        new JsonObject()
                                .put("type", "liability")
                                .put("policyId", String.valueOf(policy))
                                .put("occurredAt", "2026-07-15T09:30:00+08:00")
                                .put("place", "解放大道"))
                .json()
                .getLong("id");
        assertEquals(0, reserve(id).getLong("currentFen"), "nothing before the assessment");
        assertEquals(0, reserve(id).getJsonArray("changes").size());
        Resp assessed = h.post(
                "/api/v1/claims/" + id + "/assessment",
                "adj2",
                "adjuster",
                new JsonObject()
                        .put(
                                "items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("head", "property")
                                                .put("assessedFen", 30_000))));
        assertEquals(200, assessed.status(), () -> assessed.raw().toString());
        assertEquals(30_000, reserve(id).getLong("currentFen"));
        assertEquals(List.of("assessment"), reasons(reserve(id)));

        JsonObject sum = h.get("/api/v1/claims/reserves", "adm", "admin").json();
        JsonObject liab = sum.getJsonArray("kinds").getJsonObject(1);
        assertEquals("liability", liab.getString("kind"));
        long liabBefore = before.getJsonArray("kinds").getJsonObject(1).getLong("outstandingFen");
        assertEquals(liabBefore + 30_000, liab.getLong("outstandingFen"));
        assertEquals(before.getLong("totalFen") + 30_000, sum.getLong("totalFen"));
        assertEquals(403, h.get("/api/v1/claims/reserves", "adj1", "adjuster").status(), "admins only");

        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/settlement",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("onTheSpot", true))
                        .status());
        assertEquals(
                201,
                h.post("/api/v1/claims/" + id + "/payment", "adj2", "adjuster", new JsonObject())
                        .status());
        assertEquals(List.of("assessment", "payment"), reasons(reserve(id)));
        assertEquals(
                liabBefore,
                h.get("/api/v1/claims/reserves", "adm", "admin")
                        .json()
                        .getJsonArray("kinds")
                        .getJsonObject(1)
                        .getLong("outstandingFen"));
    }
}
