package org.bikeguard.tracker.analysis;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fence-den scoring: where stolen bikes are taken and kept, as hot spots over the station graph.
 *
 * <p>Evidence: for each stolen bike's trail after its theft (the sightings of the tags it carried
 * then), every sighting of at least {@link #DWELL_MS} that overlaps the night (22:00-06:00 in the
 * given zone) ({@code dwell}) and the trail's last sighting ({@code end}). Evidence within
 * {@link #RADIUS_M} of the bike's theft place (the station where it stood when it was stolen,
 * when known) is left out: a trail that ends where it began is a dumped tag, a bike not yet moved
 * or a theft time given too early, not a bike taken somewhere. A station's value {@code x} is the
 * number of distinct theft places among the bikes with evidence there, each place weighing 1 when
 * one of its bikes stayed there (a dwell, an end of at least {@link #DWELL_MS}, or an end still
 * open) and
 * {@link #PASS_WEIGHT} when its bikes were only last seen passing by (left coverage nearby): bikes
 * taken together from one place are one event, not several, and a station that stolen bikes
 * merely pass on their way out counts less than one where they are kept. A bike whose theft place
 * is unknown is its own place. Its Getis-Ord Gi* z-score is taken over all stations, with binary
 * weights for the stations within {@link #RADIUS_M} (itself included):
 * {@code Gi* = (Σ w x − x̄ Σ w) / (S √((n Σ w² − (Σ w)²)/(n − 1)))}. Dens are the stations with
 * evidence whose Gi* is the highest within their radius (one den per hot spot), best first; the
 * counted evidence of the stations within the radius comes with each. Thread-safe (immutable).
 */
public final class Dens {

    /** A night stay this long or longer is a dwell, and a last sighting this long a stay, ms. */
    public static final long DWELL_MS = 30 * 60_000L;
    /** Neighbourhood radius of Gi*, metres. */
    public static final double RADIUS_M = 600;
    /** At most this many dens are returned. */
    public static final int LIMIT = 30;
    /** What a theft place weighs at a station where its bikes were only last seen passing. */
    public static final double PASS_WEIGHT = 0.5;

    /** A station with its position (WGS-84 degrees). */
    public record Place(String id, double lon, double lat) {}

    /**
     * A sighting of the tag a stolen bike carried then, after its theft; times epoch ms UTC;
     * {@code open}: still being extended (the bike is there now).
     */
    public record Sighting(long tag, String station, long firstSeen, long lastSeen, boolean open) {
        /** A closed sighting. */
        public Sighting(long tag, String station, long firstSeen, long lastSeen) {
            this(tag, station, firstSeen, lastSeen, false);
        }
    }

    /**
     * A stolen bike's trail after its theft.
     *
     * @param bike        the bike's key (its theft case)
     * @param theftPlace  the station where it stood when stolen, or {@code null} when unknown
     * @param sightings   its sightings after the theft, oldest first, of whichever tag it carried
     */
    public record Trail(long bike, String theftPlace, List<Sighting> sightings) {
        public Trail {
            sightings = List.copyOf(sightings);
        }
    }

    /**
     * Evidence of a stolen bike at a station: {@code kind} is "end" or "dwell"; {@code tag} the tag
     * the bike carried then; {@code theftPlace} as in {@link Trail}; {@code open}: the sighting is
     * still open (the bike is heard there now).
     */
    public record Evidence(
            long bike, long tag, String station, String kind, long from, long to, String theftPlace, boolean open) {
        /** Evidence from a closed sighting. */
        public Evidence(long bike, long tag, String station, String kind, long from, long to, String theftPlace) {
            this(bike, tag, station, kind, from, to, theftPlace, false);
        }

        /**
         * 1 for a stay (a dwell, an end of at least {@link #DWELL_MS}, or an end still open: the
         * bike is there now), else {@link #PASS_WEIGHT}.
         */
        double weight() {
            return "dwell".equals(kind) || open || to - from >= DWELL_MS ? 1 : PASS_WEIGHT;
        }
    }

    /** A den: station, Gi* z-score, and the evidence within {@link #RADIUS_M}. */
    public record Den(Place place, double score, List<Evidence> evidence) {}

    private final List<Place> places;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Grid grid;

    /** @param places every station of the graph (n of the Gi* statistic) */
    public Dens(Collection<Place> places) {
        this.places = List.copyOf(places);
        for (int i = 0; i < this.places.size(); i++) {
            indexOf.put(this.places.get(i).id(), i);
        }
        this.grid = new Grid(this.places, RADIUS_M);
    }

    /** The evidence of the trails (the theft-place rule is applied by {@link #score}). */
    public static List<Evidence> evidence(Collection<Trail> trails, ZoneId zone) {
        List<Evidence> out = new ArrayList<>();
        for (Trail trail : trails) {
            List<Sighting> t = trail.sightings();
            if (t.isEmpty()) {
                continue;
            }
            for (Sighting s : t) {
                if (s.lastSeen() - s.firstSeen() >= DWELL_MS && atNight(s.firstSeen(), s.lastSeen(), zone)) {
                    out.add(new Evidence(
                            trail.bike(),
                            s.tag(),
                            s.station(),
                            "dwell",
                            s.firstSeen(),
                            s.lastSeen(),
                            trail.theftPlace(),
                            s.open()));
                }
            }
            Sighting last = t.get(t.size() - 1);
            out.add(new Evidence(
                    trail.bike(),
                    last.tag(),
                    last.station(),
                    "end",
                    last.firstSeen(),
                    last.lastSeen(),
                    trail.theftPlace(),
                    last.open()));
        }
        return out;
    }

    /** Whether {@code [from, to]} overlaps a night (22:00-06:00 in {@code zone}). */
    static boolean atNight(long from, long to, ZoneId zone) {
        ZonedDateTime a = Instant.ofEpochMilli(from).atZone(zone);
        if (to - from >= 16 * 3_600_000L) {
            return true;
        }
        for (ZonedDateTime t = a; !t.toInstant().isAfter(Instant.ofEpochMilli(to)); t = t.plusMinutes(30)) {
            LocalTime lt = t.toLocalTime();
            if (lt.getHour() >= 22 || lt.getHour() < 6) {
                return true;
            }
        }
        LocalTime end = Instant.ofEpochMilli(to).atZone(zone).toLocalTime();
        return end.getHour() >= 22 || end.getHour() < 6;
    }

    /** The dens of this evidence, best first (at most {@link #LIMIT}). */
    public List<Den> score(List<Evidence> evidence) {
        int n = places.size();
        double[] x = new double[n];
        Map<Integer, List<Evidence>> at = new HashMap<>();
        // station -> theft place (or the bike itself) -> its best weight there
        Map<Integer, Map<String, Double>> placesAt = new HashMap<>();
        for (Evidence e : evidence) {
            Integer i = indexOf.get(e.station());
            if (i == null || nearTheftPlace(i, e.theftPlace())) {
                continue;
            }
            at.computeIfAbsent(i, k -> new ArrayList<>()).add(e);
            String place = e.theftPlace() != null ? e.theftPlace() : "bike " + e.bike();
            placesAt.computeIfAbsent(i, k -> new HashMap<>()).merge(place, e.weight(), Math::max);
        }
        for (var e : placesAt.entrySet()) {
            x[e.getKey()] = e.getValue().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }
        if (at.isEmpty() || n < 2) {
            return List.of();
        }
        double sum = 0;
        double sq = 0;
        for (double v : x) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double s = Math.sqrt(Math.max(1e-12, sq / n - mean * mean));
        Map<Integer, Double> gi = new HashMap<>();
        for (int i : at.keySet()) {
            List<Integer> nb = grid.within(i);
            double wx = 0;
            for (int j : nb) {
                wx += x[j];
            }
            double w = nb.size();
            double den = s * Math.sqrt(Math.max(1e-12, (n * w - w * w) / (n - 1)));
            gi.put(i, (wx - mean * w) / den);
        }
        List<Integer> order = new ArrayList<>(gi.keySet());
        order.sort(Comparator.<Integer>comparingDouble(gi::get).reversed().thenComparing(i -> places.get(i)
                .id()));
        List<Den> out = new ArrayList<>();
        java.util.Set<Integer> covered = new java.util.HashSet<>();
        for (int i : order) {
            if (covered.contains(i)) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            for (int j : grid.within(i)) {
                covered.add(j);
                ev.addAll(at.getOrDefault(j, List.of()));
            }
            ev.sort(Comparator.comparingLong(Evidence::from));
            out.add(new Den(places.get(i), Math.round(gi.get(i) * 1000) / 1000.0, ev));
            if (out.size() == LIMIT) {
                break;
            }
        }
        return out;
    }

    /** Whether station {@code i} lies within {@link #RADIUS_M} of the theft place (false when unknown). */
    private boolean nearTheftPlace(int i, String theftPlace) {
        Integer j = theftPlace == null ? null : indexOf.get(theftPlace);
        return j != null && grid.within(j).contains(i);
    }

    /** Whether a den at {@code station} has a station with evidence within its radius in {@code earlier}. */
    public boolean seenIn(String station, List<Evidence> earlier) {
        Integer i = indexOf.get(station);
        if (i == null) {
            return false;
        }
        java.util.Set<String> near = new java.util.HashSet<>();
        for (int j : grid.within(i)) {
            near.add(places.get(j).id());
        }
        return earlier.stream().anyMatch(e -> near.contains(e.station()));
    }

    /** Stations within a radius, by a uniform grid over an equirectangular projection. */
    private static final class Grid {
        private static final double M_PER_DEG = 111_320;
        private final List<Place> places;
        private final double radius;
        private final double cosLat;
        private final Map<Long, List<Integer>> cells = new HashMap<>();

        Grid(List<Place> places, double radius) {
            this.places = places;
            this.radius = radius;
            double lat = places.stream().mapToDouble(Place::lat).average().orElse(0);
            this.cosLat = Math.cos(Math.toRadians(lat));
            for (int i = 0; i < places.size(); i++) {
                cells.computeIfAbsent(key(cx(places.get(i)), cy(places.get(i))), k -> new ArrayList<>())
                        .add(i);
            }
        }

        private long cx(Place p) {
            return (long) Math.floor(p.lon() * M_PER_DEG * cosLat / radius);
        }

        private long cy(Place p) {
            return (long) Math.floor(p.lat() * M_PER_DEG / radius);
        }

        private static long key(long x, long y) {
            return (x << 32) ^ (y & 0xffffffffL);
        }

        List<Integer> within(int i) {
            Place p = places.get(i);
            long x0 = cx(p);
            long y0 = cy(p);
            List<Integer> out = new ArrayList<>();
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    for (int j : cells.getOrDefault(key(x0 + dx, y0 + dy), List.of())) {
                        Place q = places.get(j);
                        double ex = (q.lon() - p.lon()) * M_PER_DEG * cosLat;
                        double ey = (q.lat() - p.lat()) * M_PER_DEG;
                        if (ex * ex + ey * ey <= radius * radius) {
                            out.add(j);
                        }
                    }
                }
            }
            return out;
        }
    }
}
