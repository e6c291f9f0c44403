package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may do what: owners see only their claims, adjusters cannot change registry-side data. */
class AuthorizationIT {

    private static ClaimsHarness h;
    private static long claimId;
    private static long policyId;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
        h.tracker.owner("o1", "13900000001", "430***1", null);
        h.tracker.owner("o2", "13900000002", "430***2", null);
        h.tracker.bike("b1", "o1", "2025-01-01", "A1");
        Resp p = h.post(
                "/api/v1/policies",
                "13900000001",
                "owner",
                new JsonObject().put("bikeId", "b1").put("product", "anti-theft"));
        assertEquals(201, p.status(), () -> p.raw().toString());
        policyId = p.json().getLong("id");
        h.clock.setDate("2026-07-01");
        h.tracker.confirmedTheft("c1", "b1", "2026-06-30T02:00:00Z");
        Resp c = h.post(
                "/api/v1/claims",
                "13900000001",
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c1"));
        assertEquals(201, c.status(), () -> c.raw().toString());
        claimId = c.json().getLong("id");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void ownerSeesTheirOwnClaimWithoutFraudSignalsOrEvidence() {
        Resp r = h.get("/api/v1/claims/" + claimId, "13900000001", "owner");
        assertEquals(200, r.status());
        assertEquals(false, r.json().containsKey("signals"));
        assertEquals(false, r.json().containsKey("evidence"));
        assertEquals(4, r.json().getJsonObject("papers").getJsonArray("missing").size());
    }

    @Test
    void anotherOwnerCannotSeeOrListTheClaim() {
        assertEquals(
                404, h.get("/api/v1/claims/" + claimId, "13900000002", "owner").status());
        Resp list = h.get("/api/v1/claims", "13900000002", "owner");
        assertEquals(0, list.json().getJsonArray("claims").size());
        assertEquals(
                1,
                h.get("/api/v1/claims", "13900000001", "owner")
                        .json()
                        .getJsonArray("claims")
                        .size());
        assertEquals(
                404,
                h.get("/api/v1/policies/" + policyId, "13900000002", "owner").status());
    }

    @Test
    void ownerCannotBuyCoverForSomeoneElsesBike() {
        Resp r = h.post(
                "/api/v1/policies",
                "13900000002",
                "owner",
                new JsonObject().put("bikeId", "b1").put("product", "liability"));
        assertEquals(403, r.status());
        assertEquals("forbidden", r.json().getString("code"));
    }

    @Test
    void adjusterCannotSellTransferOrLoadCalendars() {
        assertEquals(
                403,
                h.post(
                                "/api/v1/policies",
                                "adj1",
                                "adjuster",
                                new JsonObject().put("bikeId", "b1").put("product", "liability"))
                        .status());
        assertEquals(
                403,
                h.post("/api/v1/policies/" + policyId + "/transfer", "adj1", "adjuster", null)
                        .status());
        assertEquals(
                403,
                h.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/calendar/years/2027", "adj1", "adjuster", "{}")
                        .status());
    }

    @Test
    void ownerAndPoliceCannotDecideOrPay() {
        JsonObject d = new JsonObject().put("decision", "approve").put("reason", "x");
        assertEquals(
                403,
                h.post("/api/v1/claims/" + claimId + "/decision", "13900000001", "owner", d)
                        .status());
        assertEquals(
                403,
                h.post("/api/v1/claims/" + claimId + "/payment", "pol1", "police", null)
                        .status());
        assertEquals(403, h.get("/api/v1/claims/" + claimId, "pol1", "police").status());
    }

    @Test
    void unauthenticatedRequestIsRefusedWithAJsonError() {
        Resp r = h.get("/api/v1/claims/" + claimId, null, null);
        assertEquals(401, r.status());
        assertEquals("unauthorized", r.json().getString("code"));
    }

    @Test
    void transferFollowsTheRegistrysNewOwner() {
        h.tracker.owner("o3", "13900000003", "430***3", null);
        h.tracker.owner("o4", "13900000004", "430***4", null);
        h.tracker.bike("b3", "o3", "2025-01-01", "A3");
        long pid = h.post(
                        "/api/v1/policies",
                        "inst1",
                        "installer",
                        new JsonObject().put("bikeId", "b3").put("product", "liability"))
                .json()
                .getLong("id");
        h.tracker.bike("b3", "o4", "2025-01-01", "A3");
        Resp r = h.post("/api/v1/policies/" + pid + "/transfer", "inst1", "installer", null);
        assertEquals(200, r.status(), () -> r.raw().toString());
        assertEquals("o4", r.json().getString("ownerId"));
        assertEquals(
                200, h.get("/api/v1/policies/" + pid, "13900000004", "owner").status());
        assertEquals(
                404, h.get("/api/v1/policies/" + pid, "13900000003", "owner").status());
    }
}
