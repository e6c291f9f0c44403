package org.bikeguard.claims.product;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.bikeguard.claims.payout.LiabilityLimits;
import org.bikeguard.claims.payout.PayoutTable;

/**
 * One version of a product's terms. Products are data: a new price or table is a new version,
 * and a policy keeps the version it was sold with. Money in fen. Immutable; thread-safe.
 *
 * @param kind        anti-theft or liability
 * @param version     1, 2, ... per kind
 * @param priceFen    premium for the whole term, fen
 * @param termYears   years of cover
 * @param waitingDays anti-theft: days after the theft during which a recovery closes the claim; 0 for liability
 * @param payoutTable anti-theft payout brackets; null for liability
 * @param limits      liability limits; null for anti-theft
 */
public record Product(
        ProductKind kind,
        int version,
        long priceFen,
        int termYears,
        int waitingDays,
        PayoutTable payoutTable,
        LiabilityLimits limits) {

    public Product {
        Objects.requireNonNull(kind, "kind");
        if (version < 1 || priceFen < 0 || termYears < 1 || termYears > 10 || waitingDays < 0 || waitingDays > 365) {
            throw new IllegalArgumentException("invalid product terms");
        }
        if (kind == ProductKind.ANTI_THEFT && payoutTable == null) {
            throw new IllegalArgumentException("an anti-theft product needs a payout table");
        }
        if (kind == ProductKind.LIABILITY && limits == null) {
            throw new IllegalArgumentException("a liability product needs limits");
        }
    }

    /** Anti-theft as first seeded: 12,000 fen for 3 years, 1,200 / 800 / 500 yuan. */
    public static Product seedAntiTheft(int waitingDays) {
        return new Product(ProductKind.ANTI_THEFT, 1, 12_000L, 3, waitingDays, PayoutTable.standard(), null);
    }

    /** Liability as first seeded: 14,500 fen for 3 years with the default limits. */
    public static Product seedLiability() {
        return new Product(ProductKind.LIABILITY, 1, 14_500L, 3, 0, null, LiabilityLimits.standard());
    }

    /** The terms as stored ({@code claims.product.terms}) and shown by the API. */
    public JsonObject termsJson() {
        JsonObject o = new JsonObject()
                .put("priceFen", priceFen)
                .put("termYears", termYears)
                .put("waitingDays", waitingDays);
        if (payoutTable != null) {
            o.put("payout", payoutTable.toJson());
        }
        if (limits != null) {
            o.put("limits", limits.toJson());
        }
        return o;
    }

    /** Rebuilds a product from its stored terms. */
    public static Product fromTerms(ProductKind kind, int version, JsonObject t) {
        return new Product(
                kind,
                version,
                t.getLong("priceFen"),
                t.getInteger("termYears"),
                t.getInteger("waitingDays", 0),
                t.containsKey("payout") ? PayoutTable.fromJson(t.getJsonObject("payout")) : null,
                t.containsKey("limits") ? LiabilityLimits.fromJson(t.getJsonObject("limits")) : null);
    }

    /** API form. */
    public JsonObject toJson() {
        return termsJson().put("product", kind.code()).put("version", version);
    }
}
