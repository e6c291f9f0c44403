package org.bikeguard.claims.policy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.product.ProductKind;

/**
 * A policy: one product version bound to one bike and its current owner. Cover runs on the
 * Asia/Shanghai dates {@code start..end} inclusive and stops the day a cancellation takes
 * effect. Premium in fen. Immutable; thread-safe.
 *
 * @param id             database id
 * @param product        product kind
 * @param productVersion version of the product's terms it was sold with
 * @param bikeId         tracker bike id
 * @param ownerId        tracker owner id (changes on transfer)
 * @param start          first day of cover
 * @param end            last day of cover
 * @param premiumFen     premium paid, fen
 * @param cancelledOn    first day without cover after a cancellation, or null
 * @param soldBy         username that sold or bought it
 * @param createdAt      when it was recorded (UTC)
 */
public record Policy(
        long id,
        ProductKind product,
        int productVersion,
        String bikeId,
        String ownerId,
        LocalDate start,
        LocalDate end,
        long premiumFen,
        LocalDate cancelledOn,
        String soldBy,
        Instant createdAt) {

    public Policy {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(bikeId, "bikeId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("policy end " + end + " before start " + start);
        }
        if (premiumFen < 0) {
            throw new IllegalArgumentException("premium must be non-negative fen");
        }
    }

    /** The last day of a term starting on {@code start}: the day before the term's anniversary. */
    public static LocalDate endOf(LocalDate start, int termYears) {
        return start.plusYears(termYears).minusDays(1);
    }

    /** Whether the bike is covered on the Asia/Shanghai date {@code date}. */
    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end) && (cancelledOn == null || date.isBefore(cancelledOn));
    }

    /**
     * Whether the bike is covered at the instant {@code at}: on a covered Asia/Shanghai date and
     * not before the instant the policy was bought (cover is never retroactive, not even within
     * the day of purchase).
     */
    public boolean inForceAt(Instant at) {
        return inForceOn(ShanghaiTime.dateOf(at)) && !boughtAfter(at);
    }

    /** Whether {@code at} lies before the instant the policy was bought (null purchase time: never). */
    public boolean boughtAfter(Instant at) {
        return createdAt != null && at.isBefore(createdAt);
    }

    /** {@code pending} (not started), {@code active}, {@code expired} or {@code cancelled} on {@code today}. */
    public String statusOn(LocalDate today) {
        if (cancelledOn != null && !today.isBefore(cancelledOn)) {
            return "cancelled";
        }
        if (today.isBefore(start)) {
            return "pending";
        }
        return today.isAfter(end) ? "expired" : "active";
    }

    /** Days of cover in the whole term. */
    public long termDays() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** API form; {@code today} decides the status. */
    public JsonObject toJson(LocalDate today) {
        return new JsonObject()
                .put("id", id)
                .put("product", product.code())
                .put("productVersion", productVersion)
                .put("bikeId", bikeId)
                .put("ownerId", ownerId)
                .put("start", start.toString())
                .put("end", end.toString())
                .put("premiumFen", premiumFen)
                .put("cancelledOn", cancelledOn == null ? null : cancelledOn.toString())
                .put("status", statusOn(today))
                .put("soldBy", soldBy)
                .put("createdAt", ShanghaiTime.format(createdAt));
    }
}
