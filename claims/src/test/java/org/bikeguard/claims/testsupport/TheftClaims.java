package org.bikeguard.claims.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;

/** Builds theft claims for tests through the HTTP API. */
public final class TheftClaims {

    private TheftClaims() {}

    /**
     * A theft claim opened by its owner on 2026-08-20: owner o{n} (phone 1360000000{n}), bike b{n}
     * bought 2025-10-01 (the 1,200-yuan bracket) with tag F{n} heard until the theft, its
     * anti-theft policy bought on {@code policyDay}, police case c{n} stolen 2026-08-10. A policy
     * bought less than 30 days before the theft gets the claim referred (early-theft).
     */
    public static long opened(ClaimsHarness h, String n, String policyDay) {
        h.tracker.owner("o" + n, "1360000000" + n, "430***" + n, null);
        h.tracker.bike("b" + n, "o" + n, "2025-10-01", "F" + n);
        h.clock.setDate(policyDay);
        h.post(
                "/api/v1/policies",
                "inst",
                "installer",
                new JsonObject().put("bikeId", "b" + n).put("product", "anti-theft"));
        h.tracker.confirmedTheft("c" + n, "b" + n, "2026-08-10T02:00:00Z");
        h.tracker.sighting("F" + n, "HY-1", "2026-08-10T00:00:00Z", "2026-08-10T01:30:00Z"); // heard until stolen
        h.clock.setDate("2026-08-20");
        Resp r = h.post(
                "/api/v1/claims",
                "1360000000" + n,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c" + n));
        assertEquals(201, r.status(), () -> r.raw().toString());
        return r.json().getLong("id");
    }
}
