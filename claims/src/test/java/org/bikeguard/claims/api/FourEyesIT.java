package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.bikeguard.claims.testsupport.ClaimScenarios;
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
    private static ClaimScenarios claims;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
        claims = new ClaimScenarios(h);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** An open claim with complete papers, past the waiting period; returns {claim id, owner login}. */
    private static String[] claimReadyForDecision(String purchaseDate) {
        ClaimScenarios.Theft t = claims.readyForDecision(purchaseDate);
        return new String[] {String.valueOf(t.id()), t.owner()};
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
        return String.valueOf(claims.assessedLiability(propertyFen));
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
