package org.bikeguard.sim.city;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bikeguard.sim.city.Places.Kind;
import org.bikeguard.sim.load.TagSpace;

/**
 * Builds a {@link City} from a spec and a seed. Deterministic: one {@link SplittableRandom} per
 * part, split from the seed in a fixed order.
 *
 * <p>Stations: 13 readers per signalled intersection (the centre and three on each approach),
 * one per installation point, 30 % of the rest at the gates of the largest compounds,
 * workplaces, schools and markets ({@code building}), and the remainder along the roads
 * ({@code street}, arterials favoured). Radii: street 60 m, building 35 m, installation 40 m,
 * intersection readers 15-18 m. Clock skew: within ±1.5 s for 97 % of stations, up to ±3 s for
 * the rest.
 *
 * <p>Stateless; thread-safe.
 */
public final class CityGenerator {
    /** Reception radius of street stations, metres. */
    public static final double STREET_RADIUS_M = 60;
    /** Reception radius of building (gate) stations, metres. */
    public static final double BUILDING_RADIUS_M = 35;
    /** Reception radius of installation-point stations, metres. */
    public static final double INSTALLATION_RADIUS_M = 40;

    private CityGenerator() {}

    /**
     * Generates the city.
     *
     * @param stationPrefix prefix of station ids ({@code HY-} gives {@code HY-0001} ...)
     * @param asOf registry date (Asia/Shanghai): purchase dates lie before it
     */
    public static City generate(CitySpec spec, long seed, String stationPrefix, LocalDate asOf) {
        return generate(spec, seed, stationPrefix, asOf, 0);
    }

    /**
     * Generates the city with {@code zones} no-go zones ({@link NoGoZones}; their readers come
     * after every other station, so the rest of the city is the same as without them).
     */
    public static City generate(CitySpec spec, long seed, String stationPrefix, LocalDate asOf, int zones) {
        return generate(spec, seed, stationPrefix, asOf, zones, false);
    }

    /**
     * Generates the city with {@code zones} no-go zones and, with {@code controllers}, a signal
     * controller station per signalled intersection ({@link Stations#controller}; after every
     * other station).
     */
    public static City generate(
            CitySpec spec, long seed, String stationPrefix, LocalDate asOf, int zones, boolean controllers) {
        SplittableRandom root = new SplittableRandom(seed);
        RoadGraph roads = new RoadGraph(spec.sizeM(), root.split());
        int rc = roads.riverCol();
        double riverX = rc < 0 ? spec.sizeM() : (roads.x(roads.node(rc, 0)) + roads.x(roads.node(rc + 1, 0))) / 2;
        Districts districts = new Districts(spec.sizeM(), riverX);
        Places places = places(spec, roads, districts, root.split());
        Signals signals = new Signals(intersectionNodes(spec, roads, root.split()), root.split());
        StationPlanner planner = new StationPlanner(spec, roads, places, signals, stationPrefix, root.split());
        Stations stations = planner.plan(zones, controllers);
        Bikes bikes = bikes(spec, seed, roads, places, root.split());
        Registry registry = new Registry(seed, bikes, places, asOf);
        return new City(
                spec, seed, roads, districts, places, stations, signals, bikes, registry, asOf, planner.zones());
    }

    private static Places places(CitySpec spec, RoadGraph roads, Districts districts, SplittableRandom rnd) {
        Places p = new Places();
        int b = spec.bikes();
        addPlaces(p, Kind.HOME, Math.max(4, b / 120), roads, districts, rnd);
        addPlaces(p, Kind.WORK, Math.max(3, b / 250), roads, districts, rnd);
        addPlaces(p, Kind.SCHOOL, Math.max(1, b / 1_500), roads, districts, rnd);
        addPlaces(p, Kind.MARKET, Math.max(2, b / 600), roads, districts, rnd);
        addPlaces(p, Kind.INSTALLATION, spec.installationPoints(), roads, districts, rnd);
        addPlaces(p, Kind.DEN, spec.dens(), roads, districts, rnd);
        return p;
    }

    private static void addPlaces(
            Places p, Kind kind, int n, RoadGraph roads, Districts districts, SplittableRandom rnd) {
        double half = roads.y(roads.nodes() - 1);
        for (int i = 0; i < n; i++) {
            int node;
            int d;
            while (true) {
                node = rnd.nextInt(roads.nodes());
                d = districts.indexOf(roads.x(node), roads.y(node));
                double w = weight(kind, districts.all().get(d), roads.x(node), roads.y(node), half);
                if (rnd.nextDouble() * 1.6 < w) {
                    break;
                }
            }
            double a = (rnd.nextInt(4) * 90 + 45 + rnd.nextInt(30) - 15) * Math.PI / 180;
            double off = 35 + rnd.nextDouble() * 35;
            double x = roads.x(node) + off * Math.cos(a);
            double y = roads.y(node) + off * Math.sin(a);
            double size = Math.min(20, 1 / Math.pow(1 - rnd.nextDouble(), 1 / 1.6));
            p.add(kind, name(kind, rnd), node, x, y, size, d);
        }
    }

    private static double weight(Kind kind, Districts.District d, double x, double y, double half) {
        double r = Math.max(Math.abs(x), Math.abs(y)) / Math.max(1, half);
        switch (kind) {
            case WORK:
                return d.workWeight();
            case DEN:
                return r > 0.55 ? 1.5 : 0.1;
            case INSTALLATION:
                return 1;
            default:
                return d.homeWeight() * (1.2 - 0.5 * r);
        }
    }

    private static String name(Kind kind, SplittableRandom rnd) {
        switch (kind) {
            case HOME:
                return Names.place(rnd, Names.COMPOUND_SUFFIX);
            case WORK:
                return Names.place(rnd, Names.WORK_SUFFIX);
            case SCHOOL:
                return Names.place(rnd, Names.SCHOOL_SUFFIX);
            case MARKET:
                return Names.place(rnd, Names.MARKET_SUFFIX);
            case INSTALLATION:
                return Names.place(rnd, new String[] {"电动车登记安装点"});
            default:
                return Names.place(rnd, new String[] {"废品收购站", "仓库", "出租屋", "修车铺"});
        }
    }

    /** Arterial crossings, the central ones favoured, away from the city's edge. */
    private static int[] intersectionNodes(CitySpec spec, RoadGraph roads, SplittableRandom rnd) {
        List<double[]> cand = new ArrayList<>();
        for (int r = 1; r < roads.rows() - 1; r++) {
            for (int c = 1; c < roads.cols() - 1; c++) {
                if (roads.isArterialRow(r) && roads.isArterialCol(c)) {
                    int n = roads.node(c, r);
                    double d = Math.hypot(roads.x(n), roads.y(n));
                    cand.add(new double[] {d * (0.5 + rnd.nextDouble()), n});
                }
            }
        }
        cand.sort((a, b) -> Double.compare(a[0], b[0]));
        int k = Math.min(spec.intersections(), cand.size());
        if (k < spec.intersections()) {
            throw new IllegalArgumentException("a " + spec.sizeM() / 1000 + " km city has room for" + " only "
                    + cand.size() + " signalled intersections");
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) cand.get(i)[1];
        }
        Arrays.sort(out);
        return out;
    }

    private static Bikes bikes(CitySpec spec, long seed, RoadGraph roads, Places places, SplittableRandom rnd) {
        int n = spec.bikes();
        int[] homes = places.ofKind(Kind.HOME);
        int[] works = places.ofKind(Kind.WORK);
        int[] schools = places.ofKind(Kind.SCHOOL);
        int[] markets = places.ofKind(Kind.MARKET);
        double[] homeCum = cumulative(places, homes);
        double[] workCum = cumulative(places, works);
        int[][] nearMarkets = nearest(places, homes, markets, 3);
        int[][] nearSchools = nearest(places, homes, schools, 2);
        int[] owner = new int[n];
        int[] home = new int[n];
        int owners = 0;
        boolean prevShared = true;
        for (int b = 0; b < n; b++) {
            if (b > 0 && !prevShared && rnd.nextInt(100) < 9) {
                owner[b] = owner[b - 1];
                home[b] = home[b - 1];
                prevShared = true;
            } else {
                owner[b] = owners++;
                home[b] = pick(homeCum, rnd);
                prevShared = false;
            }
        }
        Bikes bikes = new Bikes(n, owners);
        long tagBase = (mix(seed) & 0xFFFFFFL) << 32;
        for (int b = 0; b < n; b++) {
            int h = homes[home[b]];
            bikes.owner[b] = owner[b];
            bikes.home[b] = h;
            bikes.tag[b] = TagSpace.tagId(tagBase | b);
            int u = rnd.nextInt(100);
            byte profile =
                    u < 62 ? Bikes.COMMUTER : u < 74 ? Bikes.SCHOOL_RUN : u < 92 ? Bikes.ERRANDS : Bikes.NIGHT_SHIFT;
            bikes.profile[b] = profile;
            if (profile == Bikes.SCHOOL_RUN) {
                bikes.work[b] = nearSchools[home[b]][rnd.nextInt(nearSchools[home[b]].length)];
            } else if (profile == Bikes.ERRANDS) {
                bikes.work[b] = h;
            } else {
                bikes.work[b] = workplace(places, works, workCum, h, rnd);
            }
            bikes.market[b] = nearMarkets[home[b]][rnd.nextInt(nearMarkets[home[b]].length)];
            bikes.speed[b] = (float) (4.2 + 2.2 * rnd.nextDouble());
            bikes.risky[b] = rnd.nextInt(100) < 10;
        }
        return bikes;
    }

    /** A workplace about a log-normal commute distance (median 3 km) from home. */
    private static int workplace(Places places, int[] works, double[] cum, int home, SplittableRandom rnd) {
        double target = 3_000 * Math.exp(0.6 * gaussian(rnd));
        int best = works[pick(cum, rnd)];
        double bestErr = Double.MAX_VALUE;
        for (int k = 0; k < 6; k++) {
            int w = works[pick(cum, rnd)];
            double err = Math.abs(Geo.dist(places.x(home), places.y(home), places.x(w), places.y(w)) - target);
            if (err < bestErr) {
                bestErr = err;
                best = w;
            }
        }
        return best;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static double[] cumulative(Places places, int[] idx) {
        double[] cum = new double[idx.length];
        double s = 0;
        for (int i = 0; i < idx.length; i++) {
            s += places.size(idx[i]);
            cum[i] = s;
        }
        return cum;
    }

    /** Index into the cumulative weights {@code cum} drawn proportionally to weight. */
    private static int pick(double[] cum, SplittableRandom rnd) {
        double u = rnd.nextDouble() * cum[cum.length - 1];
        int i = Arrays.binarySearch(cum, u);
        return Math.min(cum.length - 1, i >= 0 ? i + 1 : -i - 1);
    }

    /** For each place in {@code from}, the {@code k} nearest places of {@code to} (place ids). */
    private static int[][] nearest(Places places, int[] from, int[] to, int k) {
        int[][] out = new int[from.length][];
        Integer[] order = new Integer[to.length];
        for (int i = 0; i < from.length; i++) {
            int f = from[i];
            for (int j = 0; j < to.length; j++) {
                order[j] = j;
            }
            Arrays.sort(
                    order,
                    (a, b) -> Double.compare(
                            Geo.dist(places.x(f), places.y(f), places.x(to[a]), places.y(to[a])),
                            Geo.dist(places.x(f), places.y(f), places.x(to[b]), places.y(to[b]))));
            int m = Math.min(k, to.length);
            out[i] = new int[m];
            for (int j = 0; j < m; j++) {
                out[i][j] = to[order[j]];
            }
        }
        return out;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
