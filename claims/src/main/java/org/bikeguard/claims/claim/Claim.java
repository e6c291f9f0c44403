package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A claim as stored: common part plus the theft or liability part. Money in fen; dates are
 * Asia/Shanghai dates; instants UTC. Immutable; thread-safe.
 *
 * @param type   {@code theft} or {@code liability}
 * @param status   theft: open, referred, approved, denied, paid, closed, returned, salvaged;
 *                 liability: open, assessed, settled, denied, paid
 * @param fourEyes referral and second-approval state
 */
public record Claim(
        long id,
        String type,
        String status,
        long policyId,
        String bikeId,
        OwnerSnapshot owner,
        String openedBy,
        Instant openedAt,
        Long payoutFen,
        Theft theft,
        Liability liability,
        Decision decision,
        FourEyes fourEyes) {

    public Claim {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(fourEyes, "fourEyes");
    }

    public boolean isTheft() {
        return "theft".equals(type);
    }

    /** Owner data captured when the claim was opened (transfers update username). */
    public record OwnerSnapshot(String id, String username, String name, String idNumber, String phone) {
        public OwnerSnapshot {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The theft part.
     *
     * @param waitingEnd    the day the waiting period ends (theft date + waiting days)
     * @param papersCompleteOn the day the last missing paper arrived, or null
     * @param recovery      null, {@code before-payment}, {@code returned} or {@code salvage}
     * @param due           the stored SLA due date, or null when the papers are not complete (or
     *                      the calendar could not tell)
     */
    public record Theft(
            String caseId,
            String caseNo,
            String caseStatus,
            Instant stolenAt,
            Instant reportedAt,
            Instant confirmedAt,
            String plate,
            String frameNo,
            String tag,
            LocalDate purchaseDate,
            LocalDate waitingEnd,
            int bracket,
            int ageYears,
            LocalDate papersCompleteOn,
            Instant rightsSignedAt,
            String rightsSignedBy,
            Instant recoveredAt,
            String recovery,
            org.bikeguard.claims.calendar.Deadline due) {
        public Theft {
            Objects.requireNonNull(stolenAt, "stolenAt");
            Objects.requireNonNull(purchaseDate, "purchaseDate");
            Objects.requireNonNull(waitingEnd, "waitingEnd");
        }
    }

    /**
     * Four eyes on a claim's payout (theft and liability alike).
     *
     * @param referredBy     who referred it by decision (null: nobody, or the signals at opening)
     * @param wasReferred    whether it was ever referred (by signals or by an adjuster)
     * @param secondNeeded   whether its approval needs a second adjuster's
     * @param secondBy       who gave the second approval, or null
     * @param secondAt       when (UTC), or null
     * @param rightsPaperId  theft: the attachment with the owner's signed rights-transfer paper
     *                       when an adjuster signed for the owner, or null
     */
    public record FourEyes(
            String referredBy,
            boolean wasReferred,
            boolean secondNeeded,
            String secondBy,
            Instant secondAt,
            Long rightsPaperId) {

        /** Whether a needed second approval is still missing. */
        public boolean waitingForSecond() {
            return secondNeeded && secondBy == null;
        }
    }

    /** The liability part: first notice, assessment and settlement as submitted/recorded. */
    public record Liability(
            Instant occurredAt, String place, JsonObject notice, JsonObject assessment, JsonObject settlement) {}

    /** The latest decision. */
    public record Decision(String decision, String reason, String by, Instant at) {}
}
