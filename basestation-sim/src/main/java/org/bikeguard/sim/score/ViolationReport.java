package org.bikeguard.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.truth.IsoTime;

/**
 * The violations part of {@code sim score}: fetches the tracker's violations over the run's
 * window ({@code GET /api/v1/violations?from=&to=} as admin, in windows of
 * {@value #WINDOW_MS} ms of {@code at}), compares them with the truth's ({@link ViolationScore})
 * and prints precision and recall per kind, the detection latency when the tracker reports
 * {@code detectedAt}, and a {@code RESULT_VIOLATIONS {json}} line.
 *
 * <p>Use from one thread.
 */
public final class ViolationReport {
    /** Width of one request's window, ms. */
    static final long WINDOW_MS = 60_000;
    /**
     * Truth violations in the run's last this many ms do not count for recall: the rider may still
     * wait at red, or be between the stop line and the decisive zone, when the run ends.
     */
    static final long RECALL_END_MARGIN_MS = 120_000;

    /** A passage's stations must have been connected from this long before its {@code at}, ms. */
    static final long CONNECTED_BEFORE_MS = 60_000;

    /** Reports are fetched up to this long after the run's end (a passage decided late), ms. */
    static final long AFTER_END_MS = 120_000;

    private final Truth truth;
    private final TrackerClient client;
    private final long toleranceMs;
    private final PrintStream out;

    ViolationReport(Truth truth, TrackerClient client, long toleranceMs, PrintStream out) {
        this.truth = truth;
        this.client = client;
        this.toleranceMs = toleranceMs;
        this.out = out;
    }

    /** Fetches, compares and prints; returns 1 when a kind misses a bound, else 0 (also when skipped). */
    int run(Double minRecall, Double minPrecision) throws IOException, InterruptedException {
        List<ViolationScore.Violation> reported;
        try {
            reported = fetch(client, truth.start(), truth.end() + AFTER_END_MS);
        } catch (TrackerClient.ApiException e) {
            if (e.status() == 404) {
                out.println("violations: skipped - the tracker has no GET /api/v1/violations (404)");
                return 0;
            }
            throw e;
        }
        long offset = truth.wallOffsetMs(); // detection times to the run's simulated time (paced at real time)
        if (offset != 0) {
            reported = reported.stream()
                    .map(v -> v.detectedAt() < 0
                            ? v
                            : new ViolationScore.Violation(
                                    v.tag(), v.intersection(), v.kind(), v.at(), v.detectedAt() - offset, v.lastRead()))
                    .toList();
        }
        ViolationScore s = new ViolationScore(
                truth.violations(), reported, toleranceMs, truth.start(), truth.end() - RECALL_END_MARGIN_MS);
        // latency of the passages the tracker could judge as they happened: every station of the intersection
        // connected (a station cut off sends its frames when it is back), and over before the run's last minutes
        // (a rider still waiting at a stop line when the run stops is decided by idleness)
        long lastEnd = truth.end() - RECALL_END_MARGIN_MS;
        List<ViolationScore.Violation> connected = reported.stream()
                .filter(v -> Math.max(v.at(), v.lastRead()) < lastEnd
                        && !truth.cutOff(
                                v.intersection(), v.at() - CONNECTED_BEFORE_MS, Math.max(v.at(), v.lastRead())))
                .toList();
        ViolationScore c = new ViolationScore(
                truth.violations(), connected, toleranceMs, truth.start(), truth.end() - RECALL_END_MARGIN_MS);
        return print(s, c, minRecall, minPrecision);
    }

    /** Every violation with {@code at} in [from, to), deduplicated by id. */
    public static List<ViolationScore.Violation> fetch(TrackerClient client, long from, long to)
            throws IOException, InterruptedException {
        IsoTime iso = new IsoTime();
        Set<String> ids = new HashSet<>();
        List<ViolationScore.Violation> out = new ArrayList<>();
        for (long a = from; a < to; a += WINDOW_MS) {
            long b = Math.min(to, a + WINDOW_MS);
            JsonNode r = client.get(
                    "/api/v1/violations", Map.of("from", iso.format(a), "to", iso.format(b), "limit", "10000"));
            for (JsonNode v : r.path("violations")) {
                String id = v.path("id").asText();
                if (!id.isEmpty() && !ids.add(id)) {
                    continue;
                }
                JsonNode det = v.path("detectedAt");
                long last = -1;
                for (JsonNode read : v.path("evidence").path("reads")) {
                    if (read.path("ts").isTextual()) {
                        last = Math.max(last, IsoTime.parse(read.get("ts").asText()));
                    }
                }
                out.add(new ViolationScore.Violation(
                        TagIds.format(TagIds.parse(v.get("tag").asText())),
                        v.get("intersection").asText(),
                        v.get("kind").asText(),
                        IsoTime.parse(v.get("at").asText()),
                        det.isTextual() ? IsoTime.parse(det.asText()) : -1,
                        last));
            }
        }
        return out;
    }

    private void latencies(ViolationScore s, List<String> kinds) {
        for (String k : kinds) {
            latencyLine(
                    k, s.latencies(k), s.latencyQuantile(k, 0.5), s.latencyQuantile(k, 0.99), s.latencyQuantile(k, 1));
        }
    }

    private void latencyLine(String kind, int n, long p50, long p99, long max) {
        out.printf(Locale.ROOT, "  %-12s %,8d matched  p50 %6d ms  p99 %6d ms  max %6d ms%n", kind, n, p50, p99, max);
    }

    private int print(ViolationScore s, ViolationScore connected, Double minRecall, Double minPrecision) {
        out.printf(
                Locale.ROOT,
                "violations: tolerance %d s; recall over the window less its last %d s%n"
                        + "%-12s %10s %10s %10s %10s %9s %12s%n",
                toleranceMs / 1000,
                RECALL_END_MARGIN_MS / 1000,
                "kind",
                "truth",
                "found",
                "reported",
                "matched",
                "recall %",
                "precision %");
        boolean ok = true;
        StringBuilder json = new StringBuilder("{");
        long truthAll = 0;
        long foundAll = 0;
        long reportedAll = 0;
        long matchedAll = 0;
        for (String k : s.kinds()) {
            ViolationScore.Tally t = s.kind(k);
            out.printf(
                    Locale.ROOT,
                    "%-12s %,10d %,10d %,10d %,10d %9.2f %12.2f%n",
                    k,
                    t.truth(),
                    t.found(),
                    t.reported(),
                    t.matched(),
                    t.recallPercent(),
                    t.precisionPercent());
            ok &= minRecall == null || t.recallPercent() >= minRecall;
            ok &= minPrecision == null || t.precisionPercent() >= minPrecision;
            foundAll += t.found();
            truthAll += t.truth();
            reportedAll += t.reported();
            matchedAll += t.matched();
            json.append(String.format(
                    Locale.ROOT,
                    "\"%s\":{\"truth\":%d,\"found\":%d,\"reported\":%d,\"matched\":%d,\"recallPct\":%.3f,"
                            + "\"precisionPct\":%.3f,"
                            + "\"latencyP99Ms\":%d,\"connectedN\":%d,\"connectedP99Ms\":%d},",
                    k,
                    t.truth(),
                    t.found(),
                    t.reported(),
                    t.matched(),
                    t.recallPercent(),
                    t.precisionPercent(),
                    s.latencyQuantile(k, 0.99),
                    connected.latencies(k),
                    connected.latencyQuantile(k, 0.99)));
        }
        out.printf(Locale.ROOT, "%-12s %,10d %,10d %,10d %,10d%n", "all", truthAll, foundAll, reportedAll, matchedAll);
        if (s.latencies() > 0) {
            out.println(
                    "detection latency after the passage (detectedAt - last evidence read; meaningful at --speed 1):");
            latencies(s, s.kinds());
            latencyLine("all", s.latencies(), s.latencyQuantile(0.5), s.latencyQuantile(0.99), s.latencyQuantile(1));
            out.println("  of passages over before the run's last minutes, at intersections whose stations were all"
                    + " connected (a station cut off sends its frames when it is back):");
            latencies(connected, s.kinds());
        } else {
            out.println("detection latency: the tracker's violations carry no detectedAt");
        }
        json.append(String.format(
                Locale.ROOT,
                "\"latencyN\":%d,\"latencyP50Ms\":%d,\"latencyP99Ms\":%d}",
                s.latencies(),
                s.latencyQuantile(0.5),
                s.latencyQuantile(0.99)));
        out.println("RESULT_VIOLATIONS " + json);
        return ok ? 0 : 1;
    }
}
