package org.bikeguard.claims.payout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The arithmetic of a liability assessment: the rider's fault share taken of each damage
 * ({@link #assess}), then {@link LiabilityLimits} applied ({@link #apply}). Each item names a head
 * of damage ({@code death-disability}, {@code medical} — per injured person, keyed by identity
 * number — or {@code property} — per accident) and the assessed amount in fen. Per-person heads
 * are capped per person, property per accident; then the total cap is applied, personal injury
 * first (death/disability, then medical, then property), in the order given. Pure; thread-safe.
 */
public final class LiabilityAssessment {

    /** Heads of damage. */
    public static final Set<String> HEADS = Set.of("death-disability", "medical", "property");

    private LiabilityAssessment() {}

    /**
     * One assessed item.
     *
     * @param head        head of damage
     * @param person      injured person's label (required for per-person heads)
     * @param assessedFen assessed damage in fen
     */
    public record Item(String head, String person, long assessedFen) {
        public Item {
            if (!HEADS.contains(head)) {
                throw new IllegalArgumentException("unknown head of damage: " + head);
            }
            if (!"property".equals(head) && (person == null || person.isBlank())) {
                throw new IllegalArgumentException("head " + head + " needs the injured person");
            }
            if (assessedFen < 0) {
                throw new IllegalArgumentException("assessed amount must be non-negative fen");
            }
        }
    }

    /**
     * One damage as the adjuster found it, before the rider's fault share.
     *
     * @param head      head of damage
     * @param person    injured person's key, the identity number (required for per-person heads)
     * @param name      injured person's name as shown (may be null)
     * @param damageFen the whole damage in fen
     */
    public record Damage(String head, String person, String name, long damageFen) {
        public Damage {
            new Item(head, person, damageFen); // the same checks
        }
    }

    /**
     * One item after the limits.
     *
     * @param item       the assessed item
     * @param payableFen amount payable in fen
     * @param limitedBy  {@code null}, {@code "per-person"}, {@code "property"} or {@code "total"}
     * @param damage     the damage before the fault share, or null when the item was assessed as is
     */
    public record Line(Item item, long payableFen, String limitedBy, Damage damage) {
        public Line(Item item, long payableFen, String limitedBy) {
            this(item, payableFen, limitedBy, null);
        }
    }

    /**
     * The result: lines in input order and the totals in fen.
     *
     * @param faultSharePercent the rider's fault share taken of every damage, or null when the
     *                          items were assessed as is
     */
    public record Result(List<Line> lines, long totalPayableFen, long totalAssessedFen, Integer faultSharePercent) {
        public Result {
            lines = List.copyOf(lines);
        }

        public Result(List<Line> lines, long totalPayableFen, long totalAssessedFen) {
            this(lines, totalPayableFen, totalAssessedFen, null);
        }
    }

    /**
     * The rider's part of a damage: {@code damageFen × percent / 100}, rounded half up to the fen.
     *
     * @throws IllegalArgumentException for a negative damage or a share outside 0–100
     * @throws ArithmeticException      when the product overflows a long
     */
    public static long share(long damageFen, int percent) {
        if (damageFen < 0 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("damage must be non-negative fen and the share 0 to 100 percent");
        }
        return Math.addExact(Math.multiplyExact(damageFen, percent), 50) / 100;
    }

    /**
     * Takes the rider's fault share ({@code faultSharePercent}, 0–100) of each damage, then applies
     * {@code limits}: the whole assessment of an accident.
     *
     * @throws IllegalArgumentException for a share outside 0–100
     */
    public static Result assess(List<Damage> damages, int faultSharePercent, LiabilityLimits limits) {
        if (faultSharePercent < 0 || faultSharePercent > 100) {
            throw new IllegalArgumentException("the fault share must be 0 to 100 percent");
        }
        List<Item> items = new ArrayList<>();
        for (Damage d : damages) {
            items.add(new Item(d.head(), d.person(), share(d.damageFen(), faultSharePercent)));
        }
        Result r = apply(items, limits);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < damages.size(); i++) {
            Line l = r.lines().get(i);
            lines.add(new Line(l.item(), l.payableFen(), l.limitedBy(), damages.get(i)));
        }
        return new Result(lines, r.totalPayableFen(), r.totalAssessedFen(), faultSharePercent);
    }

    /** Applies {@code limits} to {@code items}. */
    public static Result apply(List<Item> items, LiabilityLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Map<String, Long> used = new LinkedHashMap<>();
        long[] payable = new long[items.size()];
        String[] why = new String[items.size()];
        long assessed = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            assessed += it.assessedFen();
            String key;
            long cap;
            switch (it.head()) {
                case "death-disability" -> {
                    key = "dd:" + it.person();
                    cap = limits.deathDisabilityPerPersonFen();
                }
                case "medical" -> {
                    key = "med:" + it.person();
                    cap = limits.medicalPerPersonFen();
                }
                default -> {
                    key = "property";
                    cap = limits.propertyFen();
                }
            }
            long left = Math.max(0, cap - used.getOrDefault(key, 0L));
            payable[i] = Math.min(it.assessedFen(), left);
            used.merge(key, payable[i], Long::sum);
            if (payable[i] < it.assessedFen()) {
                why[i] = "property".equals(key) ? "property" : "per-person";
            }
        }
        long totalLeft = limits.totalFen();
        for (String head : List.of("death-disability", "medical", "property")) {
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).head().equals(head)) {
                    continue;
                }
                long p = Math.min(payable[i], totalLeft);
                if (p < payable[i]) {
                    why[i] = "total";
                }
                payable[i] = p;
                totalLeft -= p;
            }
        }
        List<Line> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            lines.add(new Line(items.get(i), payable[i], why[i]));
            total += payable[i];
        }
        return new Result(lines, total, assessed);
    }
}
