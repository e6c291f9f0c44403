package org.bikeguard.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.common.cli.FlagParser;
import org.bikeguard.common.cli.FlagValues;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * {@code sim score}: fetches every tag's sightings over the run's window from the tracker
 * ({@code GET /api/v1/tags/{tag}/sightings?from=&to=} as admin, in windows of at most 31 days,
 * several tags at a time) and prints the {@link Score} per scenario, then a
 * {@code RESULT {json}} line.
 *
 * <p>Use from one thread; the requests run on a small pool.
 */
public final class Scorer {
    /** Usage text. */
    public static final String USAGE = String.join(
            "\n",
            "usage: sim score --truth FILE --api URL [flags]",
            "  --truth FILE        ground truth written by a city run (--truth)",
            "  --api URL           tracker HTTP base URL (admin password from env BIKEGUARD_ADMIN_PASSWORD)",
            "  --gap D             the tracker's sighting gap (default: the run's, 30s)",
            "  --tolerance D       slack around each visit (default 5s)",
            "  --concurrency N     requests in flight (default 8)",
            "  --min-found P       exit 1 when fewer than P % of the visits are found",
            "  --max-ghosts N      exit 1 when there are more than N ghosts (cloned tags apart)",
            "  --commuters N       tags never stolen whose companions are checked (default 50)",
            "  --investigations-only   only the companion and den figures (no sightings fetched)",
            "  --skip-sightings    score only violations and zone stays (large truths)",
            "  --violation-tolerance D   largest difference of the two 'at's of a matched violation (default 2m)",
            "  --min-recall P --min-precision P   exit 1 when a violation kind is below P %",
            "  --help              this text");

    private static final long MAX_WINDOW_MS = 31L * 86_400_000L;
    private static final FlagParser FLAGS = FlagParser.builder("sim score")
            .switches("--investigations-only", "--skip-sightings")
            .options(
                    "--truth",
                    "--api",
                    "--gap",
                    "--tolerance",
                    "--concurrency",
                    "--min-found",
                    "--max-ghosts",
                    "--commuters",
                    "--violation-tolerance",
                    "--min-recall",
                    "--min-precision")
            .help("--help", "-h")
            .usage(USAGE)
            .build();

    private final Path truthFile;
    private final String api;
    private final String gap;
    private final long toleranceMs;
    private final int concurrency;
    private final Double minFound;
    private final Long maxGhosts;
    private final PrintStream out;
    private final int commuters;
    private final boolean investigationsOnly;
    private final boolean skipSightings;
    private final long violationToleranceMs;
    private final Double minRecall;
    private final Double minPrecision;

    private Scorer(ParsedFlags f, PrintStream out) throws UsageException {
        if (!f.has("--truth") || !f.has("--api")) {
            throw new UsageException("--truth FILE and --api URL are required");
        }
        this.truthFile = Path.of(f.value("--truth"));
        this.api = f.value("--api");
        this.gap = f.value("--gap");
        this.toleranceMs =
                f.positiveDuration("--tolerance", Duration.ofSeconds(5)).toMillis();
        this.concurrency = f.intValue("--concurrency", 8, 1, 64);
        this.minFound = f.has("--min-found") ? f.number("--min-found", 0, 0) : null;
        this.maxGhosts = f.has("--max-ghosts") ? f.longValue("--max-ghosts", 0, 0, Long.MAX_VALUE) : null;
        this.out = out;
        this.commuters = f.intValue("--commuters", 50, 0, 100_000);
        this.investigationsOnly = f.has("--investigations-only");
        this.skipSightings = f.has("--skip-sightings");
        this.violationToleranceMs = f.positiveDuration("--violation-tolerance", Duration.ofMinutes(2))
                .toMillis();
        this.minRecall = f.has("--min-recall") ? f.number("--min-recall", 0, 0) : null;
        this.minPrecision = f.has("--min-precision") ? f.number("--min-precision", 0, 0) : null;
    }

    /** Parses the flags; null for {@code --help}. */
    public static Scorer parse(String[] args, PrintStream out) throws UsageException {
        ParsedFlags f = FLAGS.parse(args);
        return f.helpRequested() ? null : new Scorer(f, out);
    }

    /** Scores; returns the exit code (1 when a --min-found / --max-ghosts bound is missed). */
    public int run() throws Exception {
        String pw = System.getenv("BIKEGUARD_ADMIN_PASSWORD");
        if (pw == null || pw.isEmpty()) {
            out.println("score: the admin password must be in env BIKEGUARD_ADMIN_PASSWORD");
            return 1;
        }
        Truth truth = Truth.load(truthFile, !skipSightings);
        long gapMs = gap != null ? FlagValues.positiveDuration("--gap", gap).toMillis() : truth.gapMs();
        TrackerClient client = new TrackerClient(api, "admin", pw);
        int code = 0;
        if (!skipSightings && !investigationsOnly) {
            Score score = score(truth, client, gapMs, toleranceMs, concurrency);
            code = print(score, truth);
        } else {
            client.login();
        }
        if (investigationsOnly || !truth.gangs().isEmpty() || !truth.dens().isEmpty()) {
            client.login();
            Investigations.print(Investigations.score(truth, client, commuters, 7), truth, out);
        }
        if (!investigationsOnly
                && (truth.violationRate() > 0 || !truth.violations().isEmpty())) {
            code = Math.max(
                    code, new ViolationReport(truth, client, violationToleranceMs, out).run(minRecall, minPrecision));
        }
        if (!investigationsOnly && !truth.zoneDwells().isEmpty()) {
            new ZoneReport(truth, client, out).run();
        }
        return code;
    }

    /** Fetches the sightings of every tag of {@code truth} and compares. */
    public static Score score(Truth truth, TrackerClient client, long gapMs, long toleranceMs, int concurrency)
            throws Exception {
        client.login();
        Score score = new Score(gapMs, toleranceMs);
        long from = truth.start();
        long to = truth.end() + gapMs + toleranceMs + 1;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicLong failures = new AtomicLong();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String tag : truth.tags()) {
                all.add(pool.submit(() -> {
                    List<Sighting> s = sightings(client, tag, from, to);
                    score.add(truth.visits(tag), s, truth.stolenAt(tag), truth.cloned(tag));
                    return null;
                }));
            }
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failures.incrementAndGet() == 1) {
                        throw new IOException(
                                "fetching sightings failed: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return score;
    }

    /** Every sighting of {@code tag} overlapping [from, to), in windows of at most 31 days. */
    static List<Sighting> sightings(TrackerClient client, String tag, long from, long to)
            throws IOException, InterruptedException {
        IsoTime iso = new IsoTime();
        List<Sighting> out = new ArrayList<>();
        for (long a = from; a < to; a += MAX_WINDOW_MS) {
            long b = Math.min(to, a + MAX_WINDOW_MS);
            JsonNode r = client.get(
                    "/api/v1/tags/" + tag + "/sightings", Map.of("from", iso.format(a), "to", iso.format(b)));
            for (JsonNode s : r.path("sightings")) {
                Sighting x = new Sighting(
                        s.get("station").asText(),
                        IsoTime.parse(s.get("firstSeen").asText()),
                        IsoTime.parse(s.get("lastSeen").asText()),
                        s.path("reads").asLong());
                if (!out.contains(x)) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    private int print(Score score, Truth truth) {
        IsoTime iso = new IsoTime();
        out.printf(
                Locale.ROOT,
                "score: %s .. %s, %,d tags, gap %d s, tolerance %d s%n",
                iso.format(truth.start()),
                iso.format(truth.end()),
                score.tags(),
                truth.gapMs() / 1000,
                toleranceMs / 1000);
        out.printf(
                Locale.ROOT,
                "%-22s %10s %12s %10s %8s %10s %7s%n",
                "scenario",
                "visits",
                "visits>=" + Score.MIN_READS,
                "found",
                "found %",
                "sightings",
                "ghosts");
        for (String r : Score.ROWS) {
            line(r, score.row(r));
        }
        Score.Tally all = score.total();
        line("all (clones apart)", all);
        Score.Tally c = score.row("clone");
        StringBuilder sb = new StringBuilder();
        TruthWriter.quote(sb, truthFile.toString());
        out.printf(
                Locale.ROOT,
                "RESULT {\"truth\":%s,\"tags\":%d,\"visits\":%d,\"scored\":%d,"
                        + "\"found\":%d,\"foundPct\":%.3f,\"sightings\":%d,\"ghosts\":%d,"
                        + "\"theftFoundPct\":%.3f,\"cloneGhosts\":%d}%n",
                sb,
                score.tags(),
                all.visits(),
                all.scored(),
                all.found(),
                all.foundPercent(),
                all.sightings(),
                all.ghosts(),
                score.row("theft").foundPercent(),
                c.ghosts());
        boolean ok = (minFound == null || all.foundPercent() >= minFound)
                && (maxGhosts == null || all.ghosts() <= maxGhosts);
        return ok ? 0 : 1;
    }

    private void line(String name, Score.Tally t) {
        out.printf(
                Locale.ROOT,
                "%-22s %,10d %,12d %,10d %8.2f %,10d %,7d%n",
                name,
                t.visits(),
                t.scored(),
                t.found(),
                t.foundPercent(),
                t.sightings(),
                t.ghosts());
    }
}
