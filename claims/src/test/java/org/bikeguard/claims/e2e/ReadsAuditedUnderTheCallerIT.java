package org.bikeguard.claims.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The claims module deployed in the real tracker (as ops/run does) reads the registry, the theft
 * case and the sightings through the tracker's API with its own admin login, on behalf of the
 * person at the console: the tracker's audit log names that person (the adjuster), with the
 * service's account in {@code via}, never only {@code admin}.
 */
@Timeout(180)
class ReadsAuditedUnderTheCallerIT {

    private static TrackerKit tracker;
    private static RegistrySteps steps;

    @BeforeAll
    static void start() {
        String adminPassword = System.getenv("BIKEGUARD_ADMIN_PASSWORD");
        assertNotNull(adminPassword, "failsafe sets BIKEGUARD_ADMIN_PASSWORD for this test (claims/pom.xml)");
        int port = FreePorts.free();
        tracker = TrackerKit.builder()
                .clock(ScenarioClock.ticking())
                .adminPassword(adminPassword)
                .httpPort(port)
                .env("BIKEGUARD_THEFT_WAITING_DAYS", "0")
                .env("BIKEGUARD_INGEST_INSTANCES", "1")
                .verticles("org.bikeguard.claims.ClaimsVerticle")
                .start();
        steps = new RegistrySteps(tracker, tracker.token("admin", adminPassword));
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** Audit rows of {@code action} on {@code subject} as {@code "username role via"}. */
    private static List<String> audit(String action, String subject) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT username, role, details->>'via' FROM audit_log"
                        + " WHERE action = ? AND subject = ? ORDER BY seq")) {
            st.setString(1, action);
            st.setString(2, subject);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return out;
    }

    @Test
    void theEvidenceReadsForAClaimTheAdjusterOpensAreAuditedUnderTheAdjuster() throws Exception {
        RegistrySteps.Owner owner = steps.registerOwner("赵六", null);
        LocalDate today = LocalDate.now(tracker.clock().withZone(ZoneId.of("Asia/Shanghai")));
        long bikeId = steps.registerBike(owner, "E2EA001", today.minusMonths(6));
        JsonObject policy = steps.buyAntiTheft(owner, bikeId);
        // stolen just after the purchase (cover never reaches back before it), once the clock has passed
        Instant stolenAt = Instant.parse(policy.getString("createdAt"))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusSeconds(2);
        org.bikeguard.testkit.Poll.until(
                java.time.Duration.ofSeconds(10),
                "the scenario clock passes the theft time",
                () -> tracker.clock().instant().isAfter(stolenAt));
        long caseId = steps.reportAndConfirm(owner, bikeId, stolenAt, "HY-2026-AUD-1");

        Response opened = tracker.post(
                "/api/v1/claims",
                steps.adjuster,
                new JsonObject().put("type", "theft").put("theftCaseId", caseId));
        assertEquals(201, opened.status(), opened::toString);

        String adjuster = "adjuster-e2e adjuster admin";
        List<String> sightings = audit("tag.sightings", "E2EA001");
        assertTrue(sightings.size() >= 1, "the evidence window was read: " + sightings);
        assertTrue(sightings.stream().allMatch(adjuster::equals), sightings.toString());
        assertTrue(audit("theft.read", "bike:" + bikeId).contains(adjuster));
        assertTrue(audit("bike.read", "bike:" + bikeId).contains(adjuster));
        assertTrue(audit("owner.read", "owner:" + owner.id()).contains(adjuster));
        // the owner's own policy purchase read the same records through claims: under the owner
        String ownerVia = owner.phone() + " owner admin";
        assertTrue(
                audit("bike.read", "bike:" + bikeId).contains(ownerVia),
                audit("bike.read", "bike:" + bikeId)::toString);
        for (String action : List.of("theft.read", "bike.read", "owner.read")) {
            String subject = action.startsWith("owner") ? "owner:" + owner.id() : "bike:" + bikeId;
            List<String> rows = audit(action, subject);
            assertTrue(
                    rows.stream().noneMatch(r -> r.startsWith("admin ")),
                    "no read by claims is left under the service's own account: " + action + " " + rows);
        }
    }
}
