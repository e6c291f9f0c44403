package org.bikeguard.claims.payout;

import io.vertx.core.json.JsonObject;

/**
 * Per-accident limits of the third-party liability cover, all in fen: death or disability per
 * injured person, medical costs per injured person, property damage per accident, and the total
 * per accident. Immutable; thread-safe.
 */
public record LiabilityLimits(
        long deathDisabilityPerPersonFen, long medicalPerPersonFen, long propertyFen, long totalFen) {

    public LiabilityLimits {
        if (deathDisabilityPerPersonFen < 0 || medicalPerPersonFen < 0 || propertyFen < 0 || totalFen < 0) {
            throw new IllegalArgumentException("limits must be non-negative fen");
        }
    }

    /** Defaults: 100,000 / 10,000 / 5,000 yuan, 120,000 yuan in all. */
    public static LiabilityLimits standard() {
        return new LiabilityLimits(10_000_000L, 1_000_000L, 500_000L, 12_000_000L);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("deathDisabilityPerPersonFen", deathDisabilityPerPersonFen)
                .put("medicalPerPersonFen", medicalPerPersonFen)
                .put("propertyFen", propertyFen)
                .put("totalFen", totalFen);
    }

    public static LiabilityLimits fromJson(JsonObject o) {
        return new LiabilityLimits(
                o.getLong("deathDisabilityPerPersonFen"),
                o.getLong("medicalPerPersonFen"),
                o.getLong("propertyFen"),
                o.getLong("totalFen"));
    }
}
