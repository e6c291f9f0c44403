package org.bikeguard.claims.claim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.policy.Policy;
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

    /** The day the waiting period ends: the theft's Asia/Shanghai date plus the waiting days. */
    public static LocalDate waitingEnd(java.time.Instant stolenAt, int waitingDays) {
        return ShanghaiTime.dateOf(stolenAt).plusDays(waitingDays);
    }
}
