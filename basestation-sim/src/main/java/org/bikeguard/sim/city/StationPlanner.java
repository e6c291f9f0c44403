package org.bikeguard.sim.city;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bikeguard.sim.city.Places.Kind;

/**
 * Places the base stations of a city (see {@link CityGenerator} for the rules). Station ids are
 * the prefix and a 1-based number, zero-padded to 4 digits (5 above 9,999 stations), numbered in
 * this order: intersection readers, installation points, building gates, street stations.
 *
 * <p>Not thread-safe; use once.
 */
final class StationPlanner {
    private static final double MIN_STREET_SPACING_M = 50;
    private static final String[] ROLE_NAMES = {"进口", "出口", "远端"};

    private final CitySpec spec;
    private final RoadGraph roads;
    private final Places places;
    private final Signals signals;
    private final String prefix;
    private final SplittableRandom rnd;
    private final Stations out = new Stations();
    private final NoGoZones zones = new NoGoZones();
    private final List<Integer> gated = new ArrayList<>();
    private final int width;

    StationPlanner(
            CitySpec spec, RoadGraph roads, Places places, Signals signals, String prefix, SplittableRandom rnd) {
        this.spec = spec;
        this.roads = roads;
        this.places = places;
        this.signals = signals;
        this.prefix = prefix;
        this.rnd = rnd;
        this.width = spec.stations() > 9_999 ? 5 : 4;
    }

    /** The no-go zones planned by {@link #plan(int)}. */
    NoGoZones zones() {
        return zones;
    }

    Stations plan() {
        return plan(0);
    }

    /**
     * Plans the stations, then (after every other station, so their ids and the random numbers
     * they drew do not change) the readers of {@code zoneCount} no-go zones.
     */
    Stations plan(int zoneCount) {
        return plan(zoneCount, false);
    }

    /**
     * As {@link #plan(int)}, then, with {@code controllers}, one signal controller per signalled
     * intersection (kind {@code intersection}, at its centre, radius 0: it hears no tag).
     */
    Stations plan(int zoneCount, boolean controllers) {
        for (int i = 0; i < signals.count(); i++) {
            intersection(i);
        }
        for (int p : places.ofKind(Kind.INSTALLATION)) {
            add(
                    places.name(p),
                    Stations.INSTALLATION,
                    places.x(p),
                    places.y(p),
                    CityGenerator.INSTALLATION_RADIUS_M,
                    -1);
        }
        int rest = spec.stations() - out.count();
        int building = (int) Math.round(rest * 0.30);
        buildings(building);
        streets(spec.stations() - out.count());
        noGoZones(zoneCount);
        zones.index(out.count());
        if (controllers) {
            for (int i = 0; i < signals.count(); i++) {
                int n = signals.node(i);
                String base = Names.road(roads.row(n), true, false) + "与" + Names.road(roads.col(n), true, true) + "路口";
                add(base + "信号机", Stations.INTERSECTION, roads.x(n), roads.y(n), 0, -1, 0, 10);
                out.setController(i, out.count() - 1);
            }
        }
        out.index(spec.sizeM() + RoadGraph.RIVER_GAP_M);
        return out;
    }

    /**
     * The 13 readers of intersection {@code i}: the centre reader, then per arm (N, E, S, W) the
     * approach (IN), OUT and FAR readers of {@link Junctions}. Their clocks follow the signal controller's
     * (skew a tenth of a street station's).
     */
    private void intersection(int i) {
        int n = signals.node(i);
        int c = roads.col(n);
        int r = roads.row(n);
        String base = Names.road(r, true, false) + "与" + Names.road(c, true, true) + "路口";
        double x = roads.x(n);
        double y = roads.y(n);
        add(base + "中心", Stations.INTERSECTION, x, y, 18, i, 0, 10);
        for (int a = 0; a < Junctions.ARMS.length; a++) {
            for (int k = 0; k < Junctions.READER_AT.length; k++) {
                double along = Junctions.READER_AT[k][0];
                double lateral = Junctions.READER_AT[k][1];
                double px = x + Junctions.ARMS[a][0] * along + Junctions.inboundX(a) * lateral;
                double py = y + Junctions.ARMS[a][1] * along + Junctions.inboundY(a) * lateral;
                add(
                        base + Names.ARMS[a] + ROLE_NAMES[k],
                        Stations.INTERSECTION,
                        px,
                        py,
                        k == 0 ? Junctions.APPROACH_READER_RADIUS_M : Junctions.PLAIN_READER_RADIUS_M,
                        i,
                        1 + a * 3 + k,
                        10);
            }
        }
    }

    /** Gates of the largest places: 60 % compounds, 25 % workplaces, 15 % schools and markets. */
    private void buildings(int n) {
        int homes = (int) Math.round(n * 0.60);
        int works = (int) Math.round(n * 0.25);
        List<Integer> chosen = new ArrayList<>();
        chosen.addAll(largest(places.ofKind(Kind.HOME), homes));
        chosen.addAll(largest(places.ofKind(Kind.WORK), works));
        int[] other = concat(places.ofKind(Kind.SCHOOL), places.ofKind(Kind.MARKET));
        chosen.addAll(largest(other, n - chosen.size()));
        gated.addAll(chosen);
        for (int p : chosen) {
            add(
                    places.name(p) + "大门",
                    Stations.BUILDING,
                    places.x(p),
                    places.y(p),
                    CityGenerator.BUILDING_RADIUS_M,
                    -1);
        }
    }

    /**
     * One reader per zone, beside the gates of the largest gated places (spread over the list),
     * {@link NoGoZones#FROM_GATE_M} m from the gate away from the place's road node.
     */
    private void noGoZones(int n) {
        int k = Math.min(n, gated.size());
        for (int i = 0; i < k; i++) {
            int p = gated.get((int) ((long) i * gated.size() / k));
            int node = places.node(p);
            double dx = places.x(p) - roads.x(node);
            double dy = places.y(p) - roads.y(node);
            double len = Math.max(1e-6, Math.hypot(dx, dy));
            double x = places.x(p) + dx / len * NoGoZones.FROM_GATE_M;
            double y = places.y(p) + dy / len * NoGoZones.FROM_GATE_M;
            String kind = NoGoZones.kindOf(i);
            String what =
                    switch (kind) {
                        case "fire_lane" -> "消防通道";
                        case "building_entrance" -> "楼栋入口";
                        default -> "楼道";
                    };
            String kindOfStation = kind.equals("fire_lane") ? Stations.STREET : Stations.BUILDING;
            add(places.name(p) + what, kindOfStation, x, y, NoGoZones.READER_RADIUS_M, -1);
            zones.add(places.name(p) + what, kind, out.count() - 1, p, x, y);
        }
    }

    private List<Integer> largest(int[] idx, int n) {
        Integer[] order = new Integer[idx.length];
        for (int i = 0; i < idx.length; i++) {
            order[i] = idx[i];
        }
        Arrays.sort(
                order,
                (a, b) -> a.equals(b)
                        ? 0
                        : places.size(b) != places.size(a)
                                ? Double.compare(places.size(b), places.size(a))
                                : Integer.compare(a, b));
        return new ArrayList<>(Arrays.asList(order).subList(0, Math.max(0, Math.min(n, idx.length))));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Along random road edges (arterials three times as likely), at least 50 m apart. */
    private void streets(int n) {
        int placed = 0;
        int tries = 0;
        while (placed < n) {
            int node = rnd.nextInt(roads.nodes());
            int c = roads.col(node);
            int r = roads.row(node);
            boolean east = rnd.nextBoolean();
            int other;
            boolean arterial;
            if (east) {
                if (!roads.hasEastEdge(c, r)) {
                    continue;
                }
                other = roads.node(c + 1, r);
                arterial = roads.isArterialRow(r);
            } else {
                if (r + 1 >= roads.rows()) {
                    continue;
                }
                other = roads.node(c, r + 1);
                arterial = roads.isArterialCol(c);
            }
            if (!arterial && rnd.nextInt(100) >= 35) {
                continue;
            }
            double f = 0.2 + 0.6 * rnd.nextDouble();
            double dx = roads.x(other) - roads.x(node);
            double dy = roads.y(other) - roads.y(node);
            double len = Math.hypot(dx, dy);
            double side = rnd.nextBoolean() ? 6 : -6;
            double x = roads.x(node) + f * dx - dy / len * side;
            double y = roads.y(node) + f * dy + dx / len * side;
            if (tries++ < 50 * n && tooClose(x, y)) {
                continue;
            }
            String road = east ? Names.road(r, arterial, false) : Names.road(c, arterial, true);
            add(road + (placed + 1) + "号", Stations.STREET, x, y, CityGenerator.STREET_RADIUS_M, -1);
            placed++;
        }
    }

    private boolean tooClose(double x, double y) {
        for (int s = 0; s < out.count(); s++) {
            if (Math.abs(out.x(s) - x) < MIN_STREET_SPACING_M
                    && Math.abs(out.y(s) - y) < MIN_STREET_SPACING_M
                    && Geo.dist(x, y, out.x(s), out.y(s)) < MIN_STREET_SPACING_M) {
                return true;
            }
        }
        return false;
    }

    private void add(String name, String kind, double x, double y, double radius, int inter) {
        add(name, kind, x, y, radius, inter, 0, 1);
    }

    private void add(String name, String kind, double x, double y, double radius, int inter, int slot, int skewDiv) {
        String num = Integer.toString(out.count() + 1);
        String id = prefix + "0".repeat(Math.max(0, width - num.length())) + num;
        out.add(id, name, kind, x, y, radius, skew() / skewDiv, inter, slot);
    }

    /** Station clock minus true time, ms: N(0, 300) within ±1.5 s; 3 % off by 1.5..3 s. */
    private int skew() {
        if (rnd.nextInt(100) < 3) {
            int v = 1_500 + rnd.nextInt(1_501);
            return rnd.nextBoolean() ? v : -v;
        }
        double u = 1 - rnd.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
        return (int) Math.max(-1_500, Math.min(1_500, Math.round(g * 300)));
    }
}
