package org.bikeguard.claims.payout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies {@link LiabilityLimits} to the damage an adjuster assessed. Each item names a head of
 * damage ({@code death-disability}, {@code medical} — per injured person — or {@code property} —
 * per accident) and the assessed amount in fen. Per-person heads are capped per person, property
 * per accident; then the total cap is applied, personal injury first (death/disability, then
 * medical, then property), in the order given. Pure; thread-safe.
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
     * One item after the limits.
     *
     * @param item       the assessed item
     * @param payableFen amount payable in fen
     * @param limitedBy  {@code null}, {@code "per-person"}, {@code "property"} or {@code "total"}
     */
    public record Line(Item item, long payableFen, String limitedBy) {}

    /** The result: lines in input order and the total payable in fen. */
    public record Result(List<Line> lines, long totalPayableFen, long totalAssessedFen) {
        public Result {
            lines = List.copyOf(lines);
        }
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
