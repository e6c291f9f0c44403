package org.bikeguard.sim.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall of the tracker's violations against the ground truth, per kind.
 *
 * <p>A violation of the tracker <b>matches</b> a truth violation with the same tag, intersection
 * and kind whose {@code at} lies within the tolerance of its own; each truth violation is matched
 * at most once (the nearest in time first), so a passage reported twice counts one true and one
 * false positive. Precision = matched reports / reports (any truth violation may match, also one
 * just before the window whose reads fell in it; a report that matches nothing counts only when
 * its {@code at} lies before the end of the recall window: the truth ends with the run, and a
 * rider in a zone then reaches its stop line after it); recall = matched / truth violations in
 * the recall window (the run's window less its last minutes, where a passage may not be complete).
 * Latency: for matched reports that carry the tracker's detection time, {@code detectedAt} minus
 * the end of the passage as far as the report shows it (its last evidence read, at least
 * {@code at}); meaningful only for a run at real time (speed 1), where simulated time is wall time.
 *
 * <p>Units: epoch ms UTC. Not thread-safe.
 */
public final class ViolationScore {
    /** Kinds, in print order. */
    public static final List<String> KINDS = List.of("red_light", "wrong_way", "motor_lane");

    /**
     * One violation, from the truth or the tracker.
     *
     * @param tag canonical tag id
     * @param intersection intersection id
     * @param kind {@code red_light}, {@code wrong_way} or {@code motor_lane}
     * @param at the passage's instant, epoch ms
     * @param detectedAt the tracker's detection time, epoch ms, or -1 (truth, or not reported)
     * @param lastRead the latest read of the report's evidence, epoch ms, or -1
     */
    public record Violation(String tag, String intersection, String kind, long at, long detectedAt, long lastRead) {
        /** A violation without evidence times (the truth's). */
        public Violation(String tag, String intersection, String kind, long at, long detectedAt) {
            this(tag, intersection, kind, at, detectedAt, -1);
        }
    }

    /** Counters of one kind. */
    public static final class Tally {
        long truth;
        long found;
        long reported;
        long matched;

        /** Violations in the truth. */
        public long truth() {
            return truth;
        }

        /** Violations the tracker reported. */
        public long reported() {
            return reported;
        }

        /** Reports matching a truth violation. */
        public long matched() {
            return matched;
        }

        /** Truth violations of the recall window that a report matched. */
        public long found() {
            return found;
        }

        /** Found share of the truth, percent (100 when the truth has none). */
        public double recallPercent() {
            return truth == 0 ? 100 : 100.0 * found / truth;
        }

        /** Matched share of the reports, percent (100 when none was reported). */
        public double precisionPercent() {
            return reported == 0 ? 100 : 100.0 * matched / reported;
        }
    }

    private final Map<String, Tally> kinds = new LinkedHashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final Map<String, List<Long>> latenciesByKind = new HashMap<>();

    /** Compares, every truth violation counting for recall. */
    public ViolationScore(List<Violation> truth, List<Violation> reported, long toleranceMs) {
        this(truth, reported, toleranceMs, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Compares.
     *
     * @param truth the truth's violations (also some just outside the window)
     * @param reported the tracker's violations
     * @param toleranceMs largest difference between the two {@code at}s of a match, ms
     * @param recallFrom start of the recall window, epoch ms (truth before it counts only for matching)
     * @param recallTo end of the recall window, epoch ms, exclusive
     */
    public ViolationScore(
            List<Violation> truth, List<Violation> reported, long toleranceMs, long recallFrom, long recallTo) {
        for (String k : KINDS) {
            kinds.put(k, new Tally());
        }
        Map<String, List<Violation>> byKey = new HashMap<>();
        for (Violation v : truth) {
            if (v.at() >= recallFrom && v.at() < recallTo) {
                tally(v.kind()).truth++;
            }
            byKey.computeIfAbsent(key(v), k -> new ArrayList<>()).add(v);
        }
        Map<String, boolean[]> used = new HashMap<>();
        List<Violation> sorted = new ArrayList<>(reported);
        sorted.sort((a, b) -> Long.compare(a.at(), b.at()));
        for (Violation r : sorted) {
            List<Violation> cands = byKey.getOrDefault(key(r), List.of());
            boolean[] u = used.computeIfAbsent(key(r), k -> new boolean[cands.size()]);
            int best = -1;
            for (int i = 0; i < cands.size(); i++) {
                long d = Math.abs(cands.get(i).at() - r.at());
                if (!u[i]
                        && d <= toleranceMs
                        && (best < 0 || d < Math.abs(cands.get(best).at() - r.at()))) {
                    best = i;
                }
            }
            if (best < 0 && r.at() >= recallTo) {
                continue; // after the truth's end: nothing it could match was written
            }
            tally(r.kind()).reported++;
            if (best >= 0) {
                u[best] = true;
                tally(r.kind()).matched++;
                long at = cands.get(best).at();
                if (at >= recallFrom && at < recallTo) {
                    tally(r.kind()).found++;
                }
                if (r.detectedAt() >= 0) {
                    long l = r.detectedAt() - Math.max(r.at(), r.lastRead());
                    latencies.add(l);
                    latenciesByKind
                            .computeIfAbsent(r.kind(), k -> new ArrayList<>())
                            .add(l);
                }
            }
        }
    }

    private Tally tally(String kind) {
        return kinds.computeIfAbsent(kind, k -> new Tally());
    }

    private static String key(Violation v) {
        return v.tag() + "|" + v.intersection() + "|" + v.kind();
    }

    /** The counters of one kind (every kind met, also unknown ones, has a row). */
    public Tally kind(String kind) {
        return kinds.get(kind);
    }

    /** Every kind with a row, in print order. */
    public List<String> kinds() {
        return new ArrayList<>(kinds.keySet());
    }

    /** Matched reports with a detection time. */
    public int latencies() {
        return latencies.size();
    }

    /** The {@code q}-quantile (0..1, nearest rank) of the detection latency, ms; -1 when none. */
    public long latencyQuantile(double q) {
        return quantile(latencies, q);
    }

    /** Matched reports of {@code kind} with a detection time. */
    public int latencies(String kind) {
        return latenciesByKind.getOrDefault(kind, List.of()).size();
    }

    /** The {@code q}-quantile of the detection latency of {@code kind}, ms; -1 when none. */
    public long latencyQuantile(String kind, double q) {
        return quantile(latenciesByKind.getOrDefault(kind, List.of()), q);
    }

    private static long quantile(List<Long> latencies, double q) {
        if (latencies.isEmpty()) {
            return -1;
        }
        long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(l);
        int rank = (int) Math.ceil(q * l.length);
        return l[Math.max(0, Math.min(l.length - 1, rank - 1))];
    }
}
