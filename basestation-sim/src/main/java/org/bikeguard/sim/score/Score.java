package org.bikeguard.sim.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison of the tracker's sightings with the ground truth, per scenario
 * ({@code normal}, {@code theft} - visits of a stolen tag from the theft on, {@code clone} -
 * every visit of a cloned tag, counted apart).
 *
 * <ul>
 *   <li>A visit with at least {@value #MIN_READS} reads is <b>found</b> when a sighting of that
 *       tag at that station overlaps {@code [enter - tolerance, exit + gap + tolerance]}.</li>
 *   <li>A sighting is a <b>ghost</b> when no visit of that tag at that station (any number of
 *       reads) has such a window overlapping it.</li>
 * </ul>
 *
 * <p>Units: epoch ms UTC. Not thread-safe: synchronise {@link #add} calls (the scorer does).
 */
public final class Score {
    /** Reads a visit needs to be expected in the tracker. */
    public static final int MIN_READS = 3;
    /** Scenario rows, in print order. */
    public static final List<String> ROWS = List.of("normal", "theft", "clone");

    /** Counters of one row. */
    public static final class Tally {
        long visits;
        long scored;
        long found;
        long sightings;
        long ghosts;

        /** Visits with at least one read. */
        public long visits() {
            return visits;
        }

        /** Visits with at least {@value #MIN_READS} reads. */
        public long scored() {
            return scored;
        }

        /** Scored visits found. */
        public long found() {
            return found;
        }

        /** Sightings compared. */
        public long sightings() {
            return sightings;
        }

        /** Sightings matching no visit. */
        public long ghosts() {
            return ghosts;
        }

        /** Found share of scored visits, percent (100 when there is none). */
        public double foundPercent() {
            return scored == 0 ? 100 : 100.0 * found / scored;
        }

        void add(Tally o) {
            visits += o.visits;
            scored += o.scored;
            found += o.found;
            sightings += o.sightings;
            ghosts += o.ghosts;
        }
    }

    private final long gapMs;
    private final long toleranceMs;
    private final Map<String, Tally> rows = new LinkedHashMap<>();
    private long tags;

    /** A score for a tracker with sighting gap {@code gapMs} and the given tolerance. */
    public Score(long gapMs, long toleranceMs) {
        this.gapMs = gapMs;
        this.toleranceMs = toleranceMs;
        for (String r : ROWS) {
            rows.put(r, new Tally());
        }
    }

    /**
     * Adds one tag: its visits in the truth and its sightings from the tracker.
     *
     * @param stolenAt when the tag's bike was stolen, or null
     * @param cloned whether the tag was cloned
     */
    public synchronized void add(List<Truth.Visit> visits, List<Sighting> sightings, Long stolenAt, boolean cloned) {
        tags++;
        for (Truth.Visit v : visits) {
            Tally t = rows.get(row(v.enter(), stolenAt, cloned));
            t.visits++;
            if (v.reads() < MIN_READS) {
                continue;
            }
            t.scored++;
            for (Sighting s : sightings) {
                if (s.station().equals(v.station()) && overlaps(v, s)) {
                    t.found++;
                    break;
                }
            }
        }
        for (Sighting s : sightings) {
            Tally t = rows.get(row(s.firstSeen(), stolenAt, cloned));
            t.sightings++;
            boolean match = false;
            for (Truth.Visit v : visits) {
                if (v.station().equals(s.station()) && overlaps(v, s)) {
                    match = true;
                    break;
                }
            }
            if (!match) {
                t.ghosts++;
            }
        }
    }

    private boolean overlaps(Truth.Visit v, Sighting s) {
        long from = v.enter() - toleranceMs;
        long to = v.exit() + gapMs + toleranceMs;
        return s.firstSeen() <= to && s.lastSeen() >= from;
    }

    private static String row(long t, Long stolenAt, boolean cloned) {
        if (cloned) {
            return "clone";
        }
        return stolenAt != null && t >= stolenAt ? "theft" : "normal";
    }

    /** The row of one scenario. */
    public synchronized Tally row(String name) {
        return rows.get(name);
    }

    /** Normal and theft rows together (cloned tags are counted apart). */
    public synchronized Tally total() {
        Tally t = new Tally();
        t.add(rows.get("normal"));
        t.add(rows.get("theft"));
        return t;
    }

    /** Tags compared. */
    public synchronized long tags() {
        return tags;
    }
}
