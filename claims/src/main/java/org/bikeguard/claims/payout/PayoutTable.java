package org.bikeguard.claims.payout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The anti-theft payout by the bike's age on the theft date: bracket {@code i} applies from the
 * {@code i}-th anniversary of purchase (inclusive) until the next bracket's; the last bracket is
 * open-ended. Anniversaries of 29 February fall on 28 February in common years. Amounts in fen;
 * dates are Asia/Shanghai calendar dates. Immutable; thread-safe.
 *
 * @param amountsFen payout of each bracket, index = completed years of age (the last repeats)
 */
public record PayoutTable(List<Long> amountsFen) {

    public PayoutTable {
        Objects.requireNonNull(amountsFen, "amountsFen");
        if (amountsFen.isEmpty()) {
            throw new IllegalArgumentException("a payout table needs at least one bracket");
        }
        for (Long a : amountsFen) {
            if (a == null || a < 0) {
                throw new IllegalArgumentException("bracket amounts must be non-negative fen: " + amountsFen);
            }
        }
        amountsFen = List.copyOf(amountsFen);
    }

    /** The standard table: 1,200 / 800 / 500 yuan. */
    public static PayoutTable standard() {
        return new PayoutTable(List.of(120_000L, 80_000L, 50_000L));
    }

    /** The bracket and amount for a bike bought on {@code purchase} and stolen on {@code theft}. */
    public Payout payoutFor(LocalDate purchase, LocalDate theft) {
        int years = completedYears(purchase, theft);
        int bracket = Math.min(years, amountsFen.size() - 1);
        return new Payout(bracket, years, amountsFen.get(bracket));
    }

    /**
     * Completed years of age: the number of anniversaries of {@code purchase} on or before
     * {@code on} ({@link LocalDate#plusYears} puts 29 February anniversaries on 28 February).
     *
     * @throws IllegalArgumentException when {@code on} is before {@code purchase}
     */
    public static int completedYears(LocalDate purchase, LocalDate on) {
        if (on.isBefore(purchase)) {
            throw new IllegalArgumentException("date " + on + " is before the purchase date " + purchase);
        }
        int n = on.getYear() - purchase.getYear();
        while (n > 0 && purchase.plusYears(n).isAfter(on)) {
            n--;
        }
        return n;
    }

    /** The {@code n}-th anniversary of {@code purchase} (28 February for a 29 February purchase in a common year). */
    public static LocalDate anniversary(LocalDate purchase, int n) {
        return purchase.plusYears(n);
    }

    /** JSON form stored with the product: {@code {"bracketsFen":[...]}}. */
    public JsonObject toJson() {
        return new JsonObject().put("bracketsFen", new JsonArray(List.copyOf(amountsFen)));
    }

    /** Reads {@link #toJson()}. */
    public static PayoutTable fromJson(JsonObject o) {
        JsonArray a = o.getJsonArray("bracketsFen");
        return new PayoutTable(a.stream().map(x -> ((Number) x).longValue()).toList());
    }

    /**
     * A computed payout.
     *
     * @param bracket   index into the table
     * @param ageYears  completed years of age on the theft date
     * @param amountFen payout in fen
     */
    public record Payout(int bracket, int ageYears, long amountFen) {}
}
