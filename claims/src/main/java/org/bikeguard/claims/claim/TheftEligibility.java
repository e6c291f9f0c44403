package org.bikeguard.claims.claim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.policy.Policy;
import org.bikeguard.claims.product.ProductKind;
import org.bikeguard.claims.tracker.TrackerGateway.TheftCase;

/**
 * Whether a theft claim may be approved: the policy was in force at the theft time, the police
 * confirmed the case, the waiting period has ended without the bike being found, and the papers
 * are complete. Dates are Asia/Shanghai dates. Pure; thread-safe.
 */
public final class TheftEligibility {

    private TheftEligibility() {}

    /**
     * The unmet conditions (empty when the claim may be approved): {@code policy-not-in-force},
     * {@code case-not-confirmed}, {@code waiting-period-running}, {@code bike-recovered},
     * {@code papers-missing}.
     */
    public static List<String> unmet(Claim.Theft theft, Policy policy, TheftCase currentCase, LocalDate today) {
        List<String> out = new ArrayList<>();
        if (!policy.inForceAt(theft.stolenAt())) {
            out.add("policy-not-in-force");
        }
        if (!currentCase.confirmed()) {
            out.add("case-not-confirmed");
        }
        if (today.isBefore(theft.waitingEnd())) {
            out.add("waiting-period-running");
        }
        if (currentCase.recoveredAt() != null || "recovered".equals(currentCase.status())) {
            out.add("bike-recovered");
        }
        if (theft.papersCompleteOn() == null) {
            out.add("papers-missing");
        }
        return out;
    }

    /**
     * Refuses a theft claim the policy does not cover: none in force, not anti-theft, another
     * bike, bought after the theft (cover is never retroactive) or not in force at the theft time.
     *
     * @throws ClaimsException 409 {@code policy-not-in-force} / {@code theft-before-purchase}, 400
     *                         for a policy of another kind or bike
     */
    public static void requireCover(Policy policy, TheftCase tc) {
        if (policy == null) {
            throw ClaimsException.conflict(
                    "the bike has no anti-theft policy in force at the theft time",
                    Map.of("reason", "policy-not-in-force"));
        }
        if (policy.product() != ProductKind.ANTI_THEFT) {
            throw ClaimsException.invalid("policy " + policy.id() + " is not an anti-theft policy");
        }
        if (!policy.bikeId().equals(tc.bikeId())) {
            throw ClaimsException.invalid(
                    "theft case " + tc.id() + " is about another bike than policy " + policy.id());
        }
        if (policy.boughtAfter(tc.stolenAt())) {
            throw ClaimsException.conflict(
                    "the theft (" + ShanghaiTime.format(tc.stolenAt()) + ") happened before policy " + policy.id()
                            + " was bought (" + ShanghaiTime.format(policy.createdAt())
                            + "): cover starts at the moment of purchase and is never retroactive",
                    Map.of(
                            "reason",
                            "theft-before-purchase",
                            "stolenAt",
                            ShanghaiTime.format(tc.stolenAt()),
                            "boughtAt",
                            ShanghaiTime.format(policy.createdAt())));
        }
        if (!policy.inForceAt(tc.stolenAt())) {
            throw ClaimsException.conflict(
                    "policy " + policy.id() + " was not in force at the theft time",
                    Map.of(
                            "reason",
                            "policy-not-in-force",
                            "start",
                            policy.start().toString(),
                            "end",
                            policy.end().toString()));
        }
    }
    /** The day the waiting period ends: the theft's Asia/Shanghai date plus the waiting days. */
    public static LocalDate waitingEnd(java.time.Instant stolenAt, int waitingDays) {
        return ShanghaiTime.dateOf(stolenAt).plusDays(waitingDays);
    }
}
