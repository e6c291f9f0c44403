package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonObject;

/**
 * A violation as detected, before it is stored. Immutable by convention (the evidence is not changed after).
 *
 * @param tag          the tag, unsigned 64-bit
 * @param kind         the rule
 * @param intersection the intersection id
 * @param at           the passage's decisive read, epoch ms UTC
 * @param confidence   0..1
 * @param evidence     reads and phase (docs/api.md)
 * @param passageEnd   the newest read of the passage when it was decided, epoch ms UTC (latency figure)
 * @param arrivedAt    when the newest read to arrive before the decision reached the tracker (its frame's receipt,
 *                     the tracker's clock), epoch ms UTC: the tracker's own share of the latency starts there
 */
public record Violation(
        long tag,
        ViolationKind kind,
        String intersection,
        long at,
        double confidence,
        JsonObject evidence,
        long passageEnd,
        long arrivedAt) {}
