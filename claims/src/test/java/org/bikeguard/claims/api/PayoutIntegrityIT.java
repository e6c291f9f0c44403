package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.bikeguard.claims.tracker.TrackerGateway.TheftCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Never paid twice: payment rechecks the theft case, one live theft claim per theft case and per
 * bike and policy, no premium refund after a total-loss payout, and a retried payment (same key)
 * answers the first payment.
 */
class PayoutIntegrityIT {

    private static ClaimsHarness h;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private String n;
    private String owner;
    private long policyId;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void approvedAndSignedClaimReadyToPay() {
        n = "p" + SEQ.incrementAndGet();
        owner = "1370001" + String.format("%04d", SEQ.get());
        h.tracker.owner("o" + n, owner, "4305**********" + SEQ.get(), null);
        h.tracker.bike("b" + n, "o" + n, "2025-10-01", "E5" + SEQ.get());
        h.clock.setDate("2026-06-01");
        Resp sold = h.post(
                "/api/v1/policies",
                "inst1",
                "installer",
                new JsonObject().put("bikeId", "b" + n).put("product", "anti-theft"));
        assertEquals(201, sold.status(), () -> sold.raw().toString());
        policyId = sold.json().getLong("id");
    }

    private Resp open(String caseId, String stolenAt) {
        h.tracker.confirmedTheft(caseId, "b" + n, stolenAt);
        h.tracker.sighting("E5" + SEQ.get(), "HY-0001", "2026-08-09T23:00:00Z", "2026-08-10T01:00:00Z");
        return h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", caseId));
    }

    private long approvedAndSigned() {
        h.clock.setDate("2026-08-11");
        Resp opened = open("c" + n, "2026-08-10T02:00:00Z");
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        long id = opened.json().getLong("id");
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
                                                new JsonArray()
                                                        .add("police-receipt")
                                                        .add("invoice")
                                                        .add("id-card")
                                                        .add("registration")))
                        .status());
        Resp approved = h.post(
                "/api/v1/claims/" + id + "/decision",
                "adj1",
                "adjuster",
                new JsonObject().put("decision", "approve").put("reason", "checked the case file"));
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/second-approval",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("reason", "four eyes"))
                        .status());
        assertEquals(
                200,
                h.post("/api/v1/claims/" + id + "/rights-transfer", owner, "owner", null)
                        .status());
        return id;
    }

    private Resp pay(long id, String key) {
        return h.call(
                HttpMethod.POST,
                "/api/v1/claims/" + id + "/payment",
                "adj2",
                "adjuster",
                new JsonObject().put("reference", "BANK-" + n).put("idempotencyKey", key));
    }

    @Test
    void paymentAfterTheBikeWasFoundIsRefusedAndTheClaimCloses() {
        long id = approvedAndSigned();
        TheftCase c = h.tracker.cases.get("c" + n);
        Instant found = Instant.parse("2026-09-17T08:00:00Z");
        h.tracker.cases.put(
                c.id(),
                new TheftCase(
                        c.id(),
                        c.bikeId(),
                        "recovered",
                        c.caseNo(),
                        c.stolenAt(),
                        c.reportedAt(),
                        c.confirmedAt(),
                        found));
        Resp r = pay(id, null);
        assertEquals(409, r.status(), () -> r.raw().toString());
        assertEquals("bike-recovered", r.json().getJsonObject("details").getString("reason"));
        JsonObject claim = h.get("/api/v1/claims/" + id, "adj1", "adjuster").json();
        assertEquals("closed", claim.getString("status"));
        assertEquals("before-payment", claim.getString("recovery"));
        assertEquals(0, claim.getJsonArray("payments").size());
    }

    @Test
    void aRetriedPaymentWithTheSameKeyAnswersTheFirstPayment() {
        long id = approvedAndSigned();
        Resp first = pay(id, "pay-" + n);
        assertEquals(201, first.status(), () -> first.raw().toString());
        Resp retry = pay(id, "pay-" + n);
        assertEquals(200, retry.status(), () -> retry.raw().toString());
        assertEquals(first.json().getLong("paymentId"), retry.json().getLong("paymentId"));
        assertEquals(true, retry.json().getBoolean("replay"));
        assertEquals(
                1, retry.json().getJsonObject("claim").getJsonArray("payments").size());
        Resp other = pay(id, "another-" + n);
        assertEquals(409, other.status(), "a new key on a paid claim is a second payment: refused");
    }

    @Test
    void aSecondClaimOnTheSameTheftOrTheSameBikeAndPolicyIsRefused() {
        approvedAndSigned();
        Resp sameCase = h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c" + n));
        assertEquals(409, sameCase.status(), () -> sameCase.raw().toString());
        assertEquals("claim-exists", sameCase.json().getJsonObject("details").getString("reason"));
        Resp sameBike = open("c2" + n, "2026-09-01T02:00:00Z");
        assertEquals(409, sameBike.status(), () -> sameBike.raw().toString());
        assertEquals("claim-exists", sameBike.json().getJsonObject("details").getString("reason"));
    }

    @Test
    void noPremiumRefundAfterATotalLossPayout() {
        long id = approvedAndSigned();
        assertEquals(201, pay(id, null).status());
        Resp cancelled = h.post("/api/v1/policies/" + policyId + "/cancel", owner, "owner", null);
        assertEquals(200, cancelled.status(), () -> cancelled.raw().toString());
        assertEquals(0, cancelled.json().getLong("refundFen"));
        assertEquals("total-loss-paid", cancelled.json().getString("noRefundReason"));
    }

    @Test
    void aPolicyWithoutAPayoutStillRefundsTheUnusedPremium() {
        h.clock.setDate("2026-06-02");
        Resp cancelled = h.post("/api/v1/policies/" + policyId + "/cancel", owner, "owner", null);
        assertEquals(200, cancelled.status(), () -> cancelled.raw().toString());
        assertTrue(cancelled.json().getLong("refundFen") > 0, cancelled.json()::encode);
    }
}
