package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimScenarios;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.bikeguard.claims.tracker.HttpTrackerGateway;
import org.bikeguard.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evidence at decision time: re-fetched when deciding; while the tracker cannot answer (the real
 * HTTP gateway against a closed port) the claim shows {@code evidence-unavailable} and decisions
 * wait unless an admin overrides (audited); a sighting after the report, away from where the bike
 * was stolen, found at decision time, is signalled and sends the approval to a second adjuster.
 */
class EvidenceAtDecisionIT {

    private static ClaimsHarness h;
    private static HttpTrackerGateway closedPort;
    private static ClaimScenarios claims;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
        claims = new ClaimScenarios(h);
        closedPort = new HttpTrackerGateway(h.vertx, "http://127.0.0.1:" + FreePorts.free(), "no-token", null);
    }

    @AfterEach
    void trackerBack() {
        h.tracker.outage = null;
    }

    @AfterAll
    static void stop() {
        closedPort.close();
        h.close();
    }

    /** An 800-yuan claim (one approval suffices), papers complete, waiting period over. */
    private static ClaimScenarios.Theft claimReady() {
        return claims.readyForDecision("2024-10-01");
    }

    private static Resp approve(String id, String user, String role, boolean override) {
        return h.post(
                "/api/v1/claims/" + id + "/decision",
                user,
                role,
                new JsonObject()
                        .put("decision", "approve")
                        .put("reason", "case confirmed")
                        .put("overrideEvidence", override));
    }

    private static List<String> signals(String id) {
        return h.get("/api/v1/claims/" + id, "adj1", "adjuster").json().getJsonArray("signals").stream()
                .map(s -> ((JsonObject) s).getString("code"))
                .toList();
    }

    @Test
    void withTheTrackerDownTheDecisionWaitsThenGoesAheadWhenItIsBack() {
        String id = String.valueOf(claimReady().id());
        h.tracker.outage = closedPort;
        Resp waits = approve(id, "adj1", "adjuster", false);
        assertEquals(409, waits.status(), () -> waits.raw().toString());
        assertEquals("evidence_unavailable", waits.json().getString("code"));
        assertTrue(signals(id).contains("evidence-unavailable"), signals(id)::toString);
        assertEquals(403, approve(id, "adj1", "adjuster", true).status(), "only an admin overrides");
        assertEquals(
                "open", h.get("/api/v1/claims/" + id, "adj1", "adjuster").json().getString("status"));

        h.tracker.outage = null;
        Resp approved = approve(id, "adj1", "adjuster", false);
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        assertEquals("approved", approved.json().getString("status"));
        assertFalse(signals(id).contains("evidence-unavailable"), "re-fetched: the evidence is current again");
    }

    @Test
    void anAdminOverrideDecidesWithoutCurrentEvidenceAndIsAudited() {
        String id = String.valueOf(claimReady().id());
        h.tracker.outage = closedPort;
        Resp approved = approve(id, "root", "admin", true);
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        assertEquals("approved", approved.json().getString("status"));
        assertTrue(
                approved.json().getJsonArray("events").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(e -> "evidence-override".equals(e.getString("action"))
                                && "root".equals(e.getString("actor"))),
                approved.json().getJsonArray("events")::encode);
    }

    @Test
    void aSightingAfterTheReportAwayFromTheTheftFoundAtDecisionTimeIsSignalled() {
        ClaimScenarios.Theft t = claimReady();
        String tag = t.tag();
        String id = String.valueOf(t.id());
        assertFalse(signals(id).contains("seen-after-theft"));
        // reported at 03:00 UTC; two days later the tag is heard across town
        h.tracker.sighting(tag, "HY-0002", "2026-08-12T05:00:00Z", "2026-08-12T05:10:00Z");
        Resp approved = approve(id, "adj1", "adjuster", false);
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        assertTrue(signals(id).contains("seen-after-theft"), signals(id)::toString);
        assertEquals(true, approved.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded"));
    }
}
