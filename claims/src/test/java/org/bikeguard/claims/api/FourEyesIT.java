package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four eyes: a referred claim and a payout above the configured amount (default 1,000 yuan) need
 * a second adjuster's approval; whoever referred cannot approve; an adjuster signing the rights
 * transfer for the owner attaches the owner's signed paper. Liability payouts follow the same
 * rule, the settlement being their approval.
 */
class FourEyesIT {

    private static ClaimsHarness h;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** An open claim with complete papers, past the waiting period; returns {claim id, owner login}. */
    private static String[] claimReadyForDecision(String purchaseDate) {
        int n = SEQ.incrementAndGet();
        String owner = "1360002" + String.format("%04d", n);
        h.tracker.owner("of" + n, owner, "4306**********" + n, null);
        h.tracker.bike("bf" + n, "of" + n, purchaseDate, "E6" + n);
        h.clock.setDate("2026-06-01");
        assertEquals(
                201,
                h.post(
                                "/api/v1/policies",
                                "inst1",
                                "installer",
                                new JsonObject().put("bikeId", "bf" + n).put("product", "anti-theft"))
                        .status());
        h.tracker.confirmedTheft("cf" + n, "bf" + n, "2026-08-10T02:00:00Z");
        h.tracker.sighting("E6" + n, "HY-0001", "2026-08-09T23:00:00Z", "2026-08-10T01:00:00Z");
        h.clock.setDate("2026-08-11");
        Resp opened = h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "cf" + n));
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        long id = opened.json().getLong("id");
        h.clock.setDate("2026-09-18");
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
        return new String[] {String.valueOf(id), owner};
    }

    private static Resp decide(String id, String adjuster, String decision) {
        return h.post(
                "/api/v1/claims/" + id + "/decision",
                adjuster,
                "adjuster",
                new JsonObject().put("decision", decision).put("reason", decision + " by " + adjuster));
    }

    private static Resp second(String id, String adjuster) {
        return h.post(
                "/api/v1/claims/" + id + "/second-approval",
                adjuster,
                "adjuster",
                new JsonObject().put("reason", "second look"));
    }

    private static Resp pay(String id) {
        return h.post("/api/v1/claims/" + id + "/payment", "adj9", "adjuster", new JsonObject());
    }

    @Test
    void aReferredClaimIsApprovedByTwoAdjustersNeitherOfThemTheReferrer() {
        String[] c = claimReadyForDecision("2025-10-01");
        String id = c[0];
        assertEquals(200, decide(id, "adj1", "refer").status());
        Resp selfApproval = decide(id, "adj1", "approve");
        assertEquals(409, selfApproval.status(), () -> selfApproval.raw().toString());
        assertEquals("four_eyes", selfApproval.json().getString("code"));
        Resp approved = decide(id, "adj2", "approve");
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        assertEquals(true, approved.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded"));
        assertEquals("adj1", approved.json().getJsonObject("fourEyes").getString("referredBy"));

        assertEquals(409, second(id, "adj2").status(), "the approver cannot give the second approval");
        assertEquals(409, second(id, "adj1").status(), "nor the referrer");
        assertEquals(
                200,
                h.post("/api/v1/claims/" + id + "/rights-transfer", c[1], "owner", null)
                        .status());
        assertEquals(409, pay(id).status(), "no payment on one approval");
        Resp ok = second(id, "adj3");
        assertEquals(200, ok.status(), () -> ok.raw().toString());
        assertEquals("adj3", ok.json().getJsonObject("fourEyes").getString("secondApprovedBy"));
        assertEquals(201, pay(id).status());
    }

    @Test
    void aPayoutAtOrBelowTheAmountOfANeverReferredClaimNeedsOneApproval() {
        // bought 22 months before the theft: the 800-yuan bracket
        String[] c = claimReadyForDecision("2024-10-01");
        Resp approved = decide(c[0], "adj1", "approve");
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        assertEquals(80_000, approved.json().getLong("payoutFen"));
        assertEquals(false, approved.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded"));
        assertEquals(409, second(c[0], "adj2").status(), "no second approval is pending");
        assertEquals(
                200,
                h.post("/api/v1/claims/" + c[0] + "/rights-transfer", c[1], "owner", null)
                        .status());
        assertEquals(201, pay(c[0]).status());
    }

    @Test
    void anAdjusterSigningTheRightsTransferForTheOwnerAttachesTheOwnersSignedPaper() {
        String[] c = claimReadyForDecision("2024-10-01");
        String id = c[0];
        assertEquals(200, decide(id, "adj1", "approve").status());
        Resp unsigned = h.post("/api/v1/claims/" + id + "/rights-transfer", "adj1", "adjuster", null);
        assertEquals(400, unsigned.status(), () -> unsigned.raw().toString());
        assertEquals(
                "owner-paper-missing", unsigned.json().getJsonObject("details").getString("reason"));
        byte[] pdf = "%PDF-1.4 signed by the owner".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Resp uploaded = h.post("/api/v1/claims/" + id + "/attachments?name=rights-signed.pdf", "adj1", "adjuster", pdf);
        assertEquals(201, uploaded.status(), () -> uploaded.raw().toString());
        long paperId = uploaded.json().getLong("id");
        Resp wrongPaper = h.post(
                "/api/v1/claims/" + id + "/rights-transfer",
                "adj1",
                "adjuster",
                new JsonObject().put("paperId", paperId + 1000));
        assertEquals(400, wrongPaper.status());
        Resp signed = h.post(
                "/api/v1/claims/" + id + "/rights-transfer",
                "adj1",
                "adjuster",
                new JsonObject().put("paperId", paperId));
        assertEquals(200, signed.status(), () -> signed.raw().toString());
        assertEquals(paperId, signed.json().getJsonObject("fourEyes").getLong("rightsPaperId"));
        assertEquals(201, pay(id).status());
    }

    /** An assessed liability claim whose property damage is {@code propertyFen}; returns its id. */
    private static String assessedLiabilityClaim(long propertyFen) {
        int n = SEQ.incrementAndGet();
        String owner = "1360003" + String.format("%04d", n);
        h.tracker.owner("ol" + n, owner, "4307**********" + n, null);
        h.tracker.bike("bl" + n, "ol" + n, "2025-10-01", "E7" + n);
        h.clock.setDate("2026-06-01");
        Resp policy = h.post(
                "/api/v1/policies",
                owner,
                "owner",
                new JsonObject().put("bikeId", "bl" + n).put("product", "liability"));
        assertEquals(201, policy.status(), () -> policy.raw().toString());
        h.clock.setDate("2026-07-15");
        Resp opened = h.post(
                "/api/v1/claims",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put("type", "liability")
                        .put("policyId", String.valueOf(policy.json().getLong("id")))
                        .put("occurredAt", "2026-07-15T09:30:00+08:00")
                        .put("place", "解放大道"));
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        String id = String.valueOf(opened.json().getLong("id"));
        Resp assessed = h.post(
                "/api/v1/claims/" + id + "/assessment",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put(
                                "items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("head", "property")
                                                .put("assessedFen", propertyFen))));
        assertEquals(200, assessed.status(), () -> assessed.raw().toString());
        return id;
    }

    private static Resp settle(String id, String adjuster) {
        return h.post(
                "/api/v1/claims/" + id + "/settlement",
                adjuster,
                "adjuster",
                new JsonObject().put("onTheSpot", true).put("agreedWith", "李四"));
    }

    @Test
    void aLiabilityPayoutAboveTheAmountNeedsASecondAdjusterAfterTheSettlement() {
        String id = assessedLiabilityClaim(200_000); // 2,000 yuan
        Resp settled = settle(id, "adj1");
        assertEquals(200, settled.status(), () -> settled.raw().toString());
        assertEquals(true, settled.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded"));
        Resp early = pay(id);
        assertEquals(409, early.status(), () -> early.raw().toString());
        assertEquals(
                "second-approval-needed", early.json().getJsonObject("details").getString("reason"));
        Resp self = second(id, "adj1");
        assertEquals(409, self.status(), "whoever settled cannot give the second approval");
        assertEquals("four_eyes", self.json().getString("code"));
        Resp ok = second(id, "adj2");
        assertEquals(200, ok.status(), () -> ok.raw().toString());
        assertEquals("adj2", ok.json().getJsonObject("fourEyes").getString("secondApprovedBy"));
        assertEquals(201, pay(id).status());
    }

    @Test
    void aReferredLiabilityClaimIsSettledAndApprovedByTwoAdjustersNeitherOfThemTheReferrer() {
        String id = assessedLiabilityClaim(50_000); // 500 yuan: below the amount, but referred
        assertEquals(200, decide(id, "adj1", "refer").status());
        Resp bySelf = settle(id, "adj1");
        assertEquals(409, bySelf.status(), "the referrer cannot settle");
        assertEquals("referred-by-you", bySelf.json().getJsonObject("details").getString("reason"));
        Resp settled = settle(id, "adj2");
        assertEquals(200, settled.status(), () -> settled.raw().toString());
        assertEquals(true, settled.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded"));
        assertEquals(409, second(id, "adj1").status(), "not the referrer");
        assertEquals(409, second(id, "adj2").status(), "not the one who settled");
        assertEquals(409, pay(id).status());
        assertEquals(200, second(id, "adj3").status());
        assertEquals(201, pay(id).status());
    }

    @Test
    void aLiabilityPayoutAtOrBelowTheAmountOfANeverReferredClaimIsPaidOnTheSettlement() {
        String id = assessedLiabilityClaim(100_000); // exactly 1,000 yuan
        Resp settled = settle(id, "adj1");
        assertEquals(200, settled.status(), () -> settled.raw().toString());
        assertEquals(false, settled.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded"));
        assertEquals(409, second(id, "adj2").status(), "no second approval is pending");
        assertEquals(201, pay(id).status());
    }
}
