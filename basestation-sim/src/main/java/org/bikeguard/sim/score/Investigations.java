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
import java.util.SplittableRandom;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.truth.IsoTime;

/**
 * Scores the tracker's companion analysis and den detection against the ground truth's
 * {@code companion} and {@code den} lines, through {@code GET /api/v1/police/companions} and
 * {@code GET /api/v1/police/dens} (as admin):
 * <ul>
 * <li>gang recall: the share of gang tags whose other gang members are all among its top
 * {@value #TOP} companions (over {@value #DAYS} days around the theft, within the run);</li>
 * <li>gang precision: the share of the top-{@value #TOP} companions of gang tags that are members
 * of the same gang;</li>
 * <li>commuters: for a seeded sample of tags never stolen, over {@value #DAYS} days ending at the
 * run's end, the share of their top-{@value #TOP} slots filled by a (necessarily false) companion,
 * and the share of them with any;</li>
 * <li>each den's rank among the dens of the run's last 31 days (1 = first; 0 = not found), a den
 * found when one listed lies within {@value #DEN_MATCH_M} m or names its station, and how many
 * listed dens above it are no den at all (two dens closer than that share one hot spot, so ranks
 * alone can exceed the number of dens without any false one above).</li>
 * </ul>
 * The tracker must know the thefts (cases) for dens to be found. Use from one thread.
 */
public final class Investigations {

    static final int TOP = 5;
    static final int DAYS = 7;
    static final double DEN_MATCH_M = 600;
    private static final long DAY = 86_400_000L;

    /** The figures. */
    public record Result(
            int gangTags,
            int gangTagsFound,
            int listed,
            int listedTrue,
            int commuters,
            int commutersWithAny,
            int commuterSlotsFilled,
            List<Integer> denRanks,
            List<Integer> denFalseAbove) {
        /** Percent of gang tags with their whole gang in the top 5. */
        public double recallPct() {
            return gangTags == 0 ? 0 : 100.0 * gangTagsFound / gangTags;
        }

        /** Percent of listed top-5 companions of gang tags that are true. */
        public double precisionPct() {
            return listed == 0 ? 0 : 100.0 * listedTrue / listed;
        }

        /** Percent of the commuters' top-5 slots filled by a false companion. */
        public double commuterFalsePct() {
            return commuters == 0 ? 0 : 100.0 * commuterSlotsFilled / (TOP * commuters);
        }
    }

    private Investigations() {}

    /** Queries the tracker for every gang tag, {@code commuters} sampled tags and the dens. */
    public static Result score(Truth truth, TrackerClient api, int commuters, long seed)
            throws IOException, InterruptedException {
        return score(truth, api, commuters, seed, new double[] {0}).get(0);
    }

    /**
     * As {@link #score(Truth, TrackerClient, int, long)}, once per minimum score: companions the
     * tracker lists below it are dropped before the top 5 are taken (one set of queries).
     */
    public static List<Result> score(Truth truth, TrackerClient api, int commuters, long seed, double[] minScores)
            throws IOException, InterruptedException {
        IsoTime iso = new IsoTime();
        List<Set<String>> gangOthers = new ArrayList<>();
        List<List<Listed>> gangLists = new ArrayList<>();
        Set<String> stolen = truth.thefts().keySet();
        for (Truth.Gang g : truth.gangs()) {
            long from = Math.max(truth.start(), g.from() - DAYS * DAY / 2);
            long to = Math.min(truth.end(), from + DAYS * DAY);
            for (String tag : g.tags()) {
                Set<String> others = new HashSet<>(g.tags());
                others.remove(tag);
                gangOthers.add(others);
                gangLists.add(listed(api, iso, tag, from, to));
            }
        }
        List<String> pool = new ArrayList<>();
        for (String t : truth.tags()) {
            if (!stolen.contains(t) && !truth.cloned(t)) {
                pool.add(t);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = Math.min(commuters, pool.size());
        long to = truth.end();
        long from = Math.max(truth.start(), to - DAYS * DAY);
        List<List<Listed>> commuterLists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            commuterLists.add(listed(api, iso, pool.get(rnd.nextInt(pool.size())), from, to));
        }
        List<Integer> falseAbove = new ArrayList<>();
        List<Integer> dens = denRanks(truth, api, iso, falseAbove);
        List<Result> out = new ArrayList<>();
        for (double min : minScores) {
            int found = 0;
            int listed = 0;
            int listedTrue = 0;
            for (int i = 0; i < gangLists.size(); i++) {
                List<String> top = top(gangLists.get(i), min);
                Set<String> others = gangOthers.get(i);
                found += top.containsAll(others) ? 1 : 0;
                listed += top.size();
                listedTrue += (int) top.stream().filter(others::contains).count();
            }
            int with = 0;
            int filled = 0;
            for (List<Listed> l : commuterLists) {
                List<String> top = top(l, min);
                filled += top.size();
                with += top.isEmpty() ? 0 : 1;
            }
            out.add(new Result(gangLists.size(), found, listed, listedTrue, n, with, filled, dens, falseAbove));
        }
        return out;
    }

    /** A companion as listed: tag and score. */
    private record Listed(String tag, double score) {}

    private static List<String> top(List<Listed> listed, double min) {
        return listed.stream()
                .filter(l -> l.score() >= min)
                .limit(TOP)
                .map(Listed::tag)
                .toList();
    }

    private static List<Listed> listed(TrackerClient api, IsoTime iso, String tag, long from, long to)
            throws IOException, InterruptedException {
        JsonNode r = api.get(
                "/api/v1/police/companions", Map.of("tag", tag, "from", iso.format(from), "to", iso.format(to)));
        List<Listed> out = new ArrayList<>();
        for (JsonNode c : r.path("companions")) {
            out.add(new Listed(c.get("tag").asText(), c.get("score").asDouble()));
        }
        return out;
    }

    /** One line per minimum score: recall, precision, commuters' false slots. */
    public static void printSweep(double[] minScores, List<Result> results, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%-10s %10s %12s %16s %14s%n",
                "min score",
                "recall %",
                "precision %",
                "commuter false %",
                "with any");
        for (int i = 0; i < minScores.length; i++) {
            Result r = results.get(i);
            out.printf(
                    Locale.ROOT,
                    "%-10.2f %10.1f %12.1f %16.1f %9d/%d%n",
                    minScores[i],
                    r.recallPct(),
                    r.precisionPct(),
                    r.commuterFalsePct(),
                    r.commutersWithAny(),
                    r.commuters());
        }
    }

    /** Each den's rank (0: not found); {@code falseAbove} gets the listed dens above it that match no den. */
    private static List<Integer> denRanks(Truth truth, TrackerClient api, IsoTime iso, List<Integer> falseAbove)
            throws IOException, InterruptedException {
        List<Integer> ranks = new ArrayList<>();
        if (truth.dens().isEmpty()) {
            return ranks;
        }
        long to = truth.end();
        long from = Math.max(truth.start(), to - 31 * DAY);
        JsonNode found = api.get("/api/v1/police/dens", Map.of("from", iso.format(from), "to", iso.format(to)))
                .path("dens");
        for (Truth.Den d : truth.dens()) {
            int rank = 0;
            for (int i = 0; i < found.size() && rank == 0; i++) {
                JsonNode x = found.get(i);
                if (d.station().equals(x.path("station").asText())
                        || metres(
                                        d.lon(),
                                        d.lat(),
                                        x.path("lon").asDouble(),
                                        x.path("lat").asDouble())
                                <= DEN_MATCH_M) {
                    rank = i + 1;
                }
            }
            ranks.add(rank);
            int wrong = 0;
            for (int i = 0; i < (rank == 0 ? found.size() : rank - 1); i++) {
                JsonNode x = found.get(i);
                boolean any = truth.dens().stream()
                        .anyMatch(t -> metres(
                                        t.lon(),
                                        t.lat(),
                                        x.path("lon").asDouble(),
                                        x.path("lat").asDouble())
                                <= DEN_MATCH_M);
                wrong += any ? 0 : 1;
            }
            falseAbove.add(wrong);
        }
        return ranks;
    }

    /** Equirectangular distance, metres (good to a fraction of a percent within a city). */
    static double metres(double lon1, double lat1, double lon2, double lat2) {
        double k = 111_320;
        double dx = (lon2 - lon1) * k * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double dy = (lat2 - lat1) * k;
        return Math.hypot(dx, dy);
    }

    /** Prints the figures as a table and a {@code INVESTIGATIONS {json}} line. */
    public static void print(Result r, Truth truth, PrintStream out) {
        out.printf(Locale.ROOT, "%-44s %10s%n", "investigations", "value");
        out.printf(
                Locale.ROOT,
                "%-44s %9.1f%%  (%d of %d gang tags)%n",
                "gang recall: whole gang in top " + TOP,
                r.recallPct(),
                r.gangTagsFound(),
                r.gangTags());
        out.printf(
                Locale.ROOT,
                "%-44s %9.1f%%  (%d of %d listed)%n",
                "gang precision: top-" + TOP + " companions true",
                r.precisionPct(),
                r.listedTrue(),
                r.listed());
        out.printf(
                Locale.ROOT,
                "%-44s %9.1f%%  (%d with any, of %d)%n",
                "commuters: top-" + TOP + " slots with a false companion",
                r.commuterFalsePct(),
                r.commutersWithAny(),
                r.commuters());
        for (int i = 0; i < r.denRanks().size(); i++) {
            Truth.Den d = truth.dens().get(i);
            out.printf(
                    Locale.ROOT,
                    "%-44s %10s%n",
                    "den " + d.station() + " rank (false dens above: "
                            + r.denFalseAbove().get(i) + ")",
                    r.denRanks().get(i) == 0
                            ? "not found"
                            : Integer.toString(r.denRanks().get(i)));
        }
        out.printf(
                Locale.ROOT,
                "INVESTIGATIONS {\"gangTags\":%d,\"recallPct\":%.1f,\"precisionPct\":%.1f,\"commuters\":%d,"
                        + "\"commuterFalsePct\":%.1f,\"denRanks\":%s,\"denFalseAbove\":%s}%n",
                r.gangTags(),
                r.recallPct(),
                r.precisionPct(),
                r.commuters(),
                r.commuterFalsePct(),
                r.denRanks(),
                r.denFalseAbove());
    }
}
