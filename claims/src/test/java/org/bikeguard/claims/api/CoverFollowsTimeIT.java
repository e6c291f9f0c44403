package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cover follows time, not dates: a theft before the instant the policy was bought is not covered,
 * even on the day of purchase, and a bike the registry shows as stolen cannot be insured.
 */
class CoverFollowsTimeIT {

    private static final Instant BOUGHT = Instant.parse("2026-06-01T04:00:00Z");
    private static ClaimsHarness h;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private String n;
    private String owner;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void freshBikeAndOwner() {
        n = "t" + SEQ.incrementAndGet();
        owner = "1390000" + String.format("%04d", SEQ.get());
        h.tracker.owner("o" + n, owner, "4304**********" + n, null);
        h.tracker.bike("b" + n, "o" + n, "2025-10-01", "E3" + SEQ.get());
        h.clock.set(BOUGHT);
    }

    private Resp buy(String product) {
        return h.post(
                "/api/v1/policies",
                owner,
                "owner",
                new JsonObject().put("bikeId", "b" + n).put("product", product));
    }

    private Resp openTheft(String caseId, Instant stolenAt) {
        h.tracker.confirmedTheft(caseId, "b" + n, stolenAt.toString());
        h.clock.set(stolenAt.plusSeconds(3 * 3600));
        return h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", caseId));
    }

    @Test
    void theftOneMinuteBeforeThePurchaseIsRefusedWithTheReasonTheOwnerSees() {
        Resp bought = buy("anti-theft");
        assertEquals(201, bought.status(), () -> bought.raw().toString());
        assertEquals("2026-06-01", bought.json().getString("start"), "cover dated the day of purchase");

        Resp r = openTheft("c" + n, BOUGHT.minusSeconds(60));
        assertEquals(409, r.status(), () -> r.raw().toString());
        assertEquals("theft-before-purchase", r.json().getJsonObject("details").getString("reason"));
        assertTrue(r.json().getString("message").contains("before policy"), r.json()::encode);
        assertEquals(
                "2026-06-01T04:00:00.000Z", r.json().getJsonObject("details").getString("boughtAt"));
    }

    @Test
    void theftOneMinuteAfterThePurchaseIsCovered() {
        assertEquals(201, buy("anti-theft").status());
        Resp r = openTheft("c" + n, BOUGHT.plusSeconds(60));
        assertEquals(201, r.status(), () -> r.raw().toString());
    }

    @Test
    void aBikeTheRegistryShowsAsStolenCannotBeInsured() {
        h.tracker.markStolen("b" + n);
        for (String product : new String[] {"anti-theft", "liability"}) {
            Resp r = buy(product);
            assertEquals(409, r.status(), () -> r.raw().toString());
            assertEquals("bike-stolen", r.json().getJsonObject("details").getString("reason"));
        }
    }
}
