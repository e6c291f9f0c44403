package org.bikeguard.tracker.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.trajectory.Geodesic;

/**
 * Companion scoring: which tags were seen with a target tag, more often than each station's
 * background traffic explains.
 *
 * <p>A <em>co-visit</em> is another tag's sighting that began within ±{@code window} of one of the
 * target's sightings at the same station. Its weight is {@code ln(1 + 1/E)}, where {@code E} is
 * the number of tags expected there in ±{@code window} by chance: the station's sightings in the
 * ±{@link #BACKGROUND_MS} around the target's visit, scaled to the ±window. Meeting someone on a
 * busy main road at rush hour (E of 5 or more) weighs little; meeting them at a quiet street at
 * 3 a.m. weighs much. A tag is a companion when its co-visits cover at least {@code minStations}
 * stations that are not neighbours of each other (coverage circles closer than
 * {@link #NEIGHBOUR_M} or overlapping count as one place, since one pass is heard by both). The
 * score is the sum of the weights (one co-visit per target visit; co-visits at neighbouring
 * stations within {@link #EPISODE_MS} of each other count once) times the share of the
 * companion's own sightings in the window that were together with the target: a commuter who
 * shares one trip of a week's twenty ranks low, a bike carried in the same van ranks high.
 * Companions below {@link #MIN_SCORE} are dropped.
 *
 * <p>Stateless and thread-safe; times are epoch ms UTC.
 */
public final class Companions {

    /** Half-width of the background window around a target visit, ms. */
    public static final long BACKGROUND_MS = 15 * 60_000L;
    /** Meetings at neighbouring stations closer in time than this count once, ms. */
    public static final long EPISODE_MS = 30 * 60_000L;
    /** Stations closer than this (or with overlapping coverage) are neighbours, metres. */
    public static final double NEIGHBOUR_M = 500;
    /** Companions scoring below this are not reported. */
    public static final double MIN_SCORE = 0.5;
    /** At most this many companions are returned. */
    public static final int LIMIT = 20;

    /** One of the target's sightings at {@code station} beginning at {@code firstSeen}. */
    public record Visit(String station, long firstSeen) {}

    /**
     * Another tag's sighting near a target visit.
     *
     * @param visit      index of the target visit in the visit list
     * @param tag        the other tag
     * @param firstSeen  when the other tag's sighting began
     * @param background sightings at the station within ±{@link #BACKGROUND_MS} of the target's
     *                   visit, the target's own excluded
     */
    public record CoVisit(int visit, long tag, long firstSeen, long background) {}

    /** A co-visit counted for a companion: station and the companion's time there. */
    public record Together(String station, long at) {}

    /** A scored companion; {@code stations} counts distinct non-neighbouring places. */
    public record Companion(long tag, int stations, List<Together> together, double score) {}

    private Companions() {}

    /**
     * The candidates that pass the distinct-station rule, unscored (score = summed weights).
     *
     * @param window    the ±time within which two sightings are "together", ms
     * @param stations  station by id (unknown stations are skipped)
     */
    public static List<Companion> candidates(
            List<Visit> visits,
            List<CoVisit> coVisits,
            long window,
            int minStations,
            Function<String, Station> stations) {
        Map<Long, Map<Integer, CoVisit>> byTag = new HashMap<>();
        for (CoVisit c : coVisits) {
            Map<Integer, CoVisit> m = byTag.computeIfAbsent(c.tag(), k -> new HashMap<>());
            CoVisit old = m.get(c.visit());
            long at = visits.get(c.visit()).firstSeen();
            if (old == null || Math.abs(c.firstSeen() - at) < Math.abs(old.firstSeen() - at)) {
                m.put(c.visit(), c);
            }
        }
        List<Companion> out = new ArrayList<>();
        for (var e : byTag.entrySet()) {
            List<CoVisit> cs = new ArrayList<>(e.getValue().values());
            cs.sort(Comparator.comparingLong(CoVisit::firstSeen));
            List<Station> places = new ArrayList<>();
            List<Together> together = new ArrayList<>();
            List<Station> countedAt = new ArrayList<>();
            List<Long> countedWhen = new ArrayList<>();
            double sum = 0;
            for (CoVisit c : cs) {
                String id = visits.get(c.visit()).station();
                Station s = stations.apply(id);
                if (s == null) {
                    continue;
                }
                together.add(new Together(id, c.firstSeen()));
                if (places.stream().noneMatch(p -> neighbours(p, s))) {
                    places.add(s);
                }
                // one pass by a cluster of readers (an intersection) weighs as one meeting
                boolean again = false;
                for (int k = 0; k < countedAt.size() && !again; k++) {
                    again = Math.abs(countedWhen.get(k) - c.firstSeen()) < EPISODE_MS
                            && neighbours(countedAt.get(k), s);
                }
                if (!again) {
                    sum += weight(c.background(), window);
                    countedAt.add(s);
                    countedWhen.add(c.firstSeen());
                }
            }
            if (places.size() >= minStations) {
                out.add(new Companion(e.getKey(), places.size(), together, sum));
            }
        }
        return out;
    }

    /**
     * Scores the candidates and returns the companions best first.
     *
     * @param sightingsOf each candidate's number of sightings in the query window (at least its
     *                    co-visits; a missing count counts as the co-visits)
     */
    public static List<Companion> rank(List<Companion> candidates, Map<Long, Long> sightingsOf) {
        List<Companion> out = new ArrayList<>();
        for (Companion c : candidates) {
            long total = Math.max(c.together().size(), sightingsOf.getOrDefault(c.tag(), 0L));
            double share = (double) c.together().size() / total;
            double score = c.score() * share;
            if (score >= MIN_SCORE) {
                out.add(new Companion(c.tag(), c.stations(), c.together(), Math.round(score * 1000) / 1000.0));
            }
        }
        out.sort(Comparator.comparingDouble(Companion::score).reversed().thenComparingLong(Companion::tag));
        return out.size() > LIMIT ? List.copyOf(out.subList(0, LIMIT)) : out;
    }

    /** {@code ln(1 + 1/E)} with E the tags expected by chance in ±window (at least 0.05). */
    static double weight(long background, long window) {
        double expected = Math.max(0.05, background * (double) window / BACKGROUND_MS);
        return Math.log1p(1 / expected);
    }

    /** Closer than {@link #NEIGHBOUR_M}, or coverage circles overlapping. */
    static boolean neighbours(Station a, Station b) {
        double d = Geodesic.distanceM(a.lon(), a.lat(), b.lon(), b.lat());
        return d < Math.max(NEIGHBOUR_M, a.radiusM() + b.radiusM());
    }
}
