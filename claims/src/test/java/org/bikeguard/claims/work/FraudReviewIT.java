package org.bikeguard.claims.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.bikeguard.claims.testsupport.TheftClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fraud-review queue over HTTP: a claim referred by its fraud signals at opening, or by an
 * adjuster, waits in the queue; a reviewer other than the referrer clears it (back to open) or
 * confirms it (denied with the reason, the reserve released); a claim decided another way leaves
 * the queue as superseded.
 */
class FraudReviewIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static long claim(ClaimsHarness h, String n, String policyDay) {
        return TheftClaims.opened(h, n, policyDay);
    }

    private static List<Long> queue() {
        Resp r = h.get("/api/v1/claims/fraud-review", "adj9", "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json().getJsonArray("claims").stream()
                .map(o -> ((JsonObject) o).getLong("claimId"))
                .toList();
    }

    private static Resp review(long id, String by, String outcome, String reason) {
        JsonObject b = new JsonObject().put("outcome", outcome).put("clause", "《防盗服务条款》第七条 虚假报案");
        if (reason != null) {
            b.put("reason", reason);
        }
        return h.post("/api/v1/claims/" + id + "/fraud-review", by, "adjuster", b);
    }

    private static Resp decide(long id, String by, String decision) {
        return h.post(
                "/api/v1/claims/" + id + "/decision",
                by,
                "adjuster",
                new JsonObject().put("decision", decision).put("reason", decision + " 理由"));
    }

    @Test
    void aClaimReferredByItsSignalsIsConfirmedAsFraudAndDenied() {
        long id = claim(h, "1", "2026-08-01"); // stolen nine days after the policy started: early-theft
        assertEquals(
                "referred",
                h.get("/api/v1/claims/" + id, "adj1", "adjuster").json().getString("status"));
        assertTrue(queue().contains(id));
        JsonObject waiting = h.get("/api/v1/claims/fraud-review", "adj1", "adjuster")
                .json()
                .getJsonArray("claims")
                .getJsonObject(queue().indexOf(id));
        assertNull(waiting.getString("referredBy"), "referred by the signals");
        assertTrue(waiting.getInteger("signalCount") >= 1);
        assertEquals(
                403,
                h.get("/api/v1/claims/fraud-review", "13600000001", "owner").status());

        assertEquals(400, review(id, "adj1", "maybe", "x").status());
        assertEquals(400, review(id, "adj1", "confirmed", null).status());
        Resp ok = review(id, "adj1", "confirmed", "车辆未被盗，系车主自行藏匿");
        assertEquals(200, ok.status(), () -> ok.raw().toString());
        assertEquals("confirmed", ok.json().getJsonObject("review").getString("outcome"));
        assertEquals("adj1", ok.json().getJsonObject("review").getString("reviewer"));
        JsonObject c = ok.json().getJsonObject("claim");
        assertEquals("denied", c.getString("status"));
        assertEquals("车辆未被盗，系车主自行藏匿", c.getJsonObject("decision").getString("reason"));
        JsonObject full = h.get("/api/v1/claims/" + id, "adj1", "adjuster").json();
        assertEquals(0, full.getJsonObject("reserve").getLong("currentFen"));
        assertEquals(
                "denial",
                full.getJsonObject("reserve")
                        .getJsonArray("changes")
                        .getJsonObject(1)
                        .getString("reason"));
        assertTrue(!queue().contains(id));
        assertEquals(409, review(id, "adj2", "cleared", "again").status(), "reviewed once");
    }

    @Test
    void anAdjustersReferralIsClearedByAnotherAdjusterNotTheReferrer() {
        long id = claim(h, "2", "2026-06-01");
        assertEquals(
                "open", h.get("/api/v1/claims/" + id, "adj1", "adjuster").json().getString("status"));
        assertTrue(!queue().contains(id), "no signals: no review");
        assertEquals(409, review(id, "adj2", "cleared", "nothing to review").status());
        assertEquals(200, decide(id, "adj1", "refer").status());
        assertTrue(queue().contains(id));

        Resp self = review(id, "adj1", "cleared", "看过了");
        assertEquals(409, self.status(), () -> self.raw().toString());
        assertEquals("four_eyes", self.json().getString("code"));
        Resp ok = review(id, "adj2", "cleared", "轨迹与报案一致");
        assertEquals(200, ok.status(), () -> ok.raw().toString());
        JsonObject c = h.get("/api/v1/claims/" + id, "adj1", "adjuster").json();
        assertEquals("open", c.getString("status"), "back to normal handling");
        assertEquals(true, c.getJsonObject("fourEyes").getBoolean("wasReferred"), "still four eyes at approval");
        assertEquals(120_000, c.getJsonObject("reserve").getLong("currentFen"), "the reserve stays");
        JsonArray reviews = c.getJsonArray("fraudReviews");
        assertEquals("cleared", reviews.getJsonObject(0).getString("outcome"));
        assertEquals("adj1", reviews.getJsonObject(0).getString("referredBy"));
        assertTrue(!queue().contains(id));
        List<String> actions = c.getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("action"))
                .toList();
        assertTrue(actions.contains("fraud-review"), actions.toString());
    }

    @Test
    void aReferredClaimDecidedAnotherWayLeavesTheQueueAsSuperseded() {
        long id = claim(h, "3", "2026-06-01");
        assertEquals(200, decide(id, "adj1", "refer").status());
        assertTrue(queue().contains(id));
        assertEquals(200, decide(id, "adj2", "deny").status());
        assertTrue(!queue().contains(id));
        JsonObject r = h.get("/api/v1/claims/" + id, "adj1", "adjuster")
                .json()
                .getJsonArray("fraudReviews")
                .getJsonObject(0);
        assertEquals("superseded", r.getString("outcome"));
        assertEquals("claim denied", r.getString("reason"));
    }
}
