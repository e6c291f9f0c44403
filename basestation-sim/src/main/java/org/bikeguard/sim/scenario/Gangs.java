package org.bikeguard.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.Bikes;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Places;
import org.bikeguard.sim.city.Stations;

/**
 * Thief gangs and the dens they use. A gang strikes at night: it takes a parked bike and 1-4
 * more bikes parked within {@value #PICK_RADIUS_M} m of it, loads them into one van and drives
 * them together to a den, where they stay. {@code --dens N} restricts every theft (gangs' and
 * single thieves') to N of the city's dens, chosen among those a station hears.
 *
 * <p>Ground truth: a {@code theft} per bike (mode {@code gang}), a {@code companion} per gang
 * ({@code tags}, {@code from} = leaving, {@code to} = arriving at the den), a {@code den} per den
 * of {@code --dens} ({@code station} = the nearest station, {@code lon}, {@code lat}). Not
 * thread-safe: the simulation thread only.
 */
final class Gangs {
    static final double PICK_RADIUS_M = 300;
    private static final long MIN = 60_000L;

    private final World world;
    private final Scenarios script;
    private final SplittableRandom rnd;
    private final City city;
    private final int[] dens;
    private int struck;

    Gangs(World world, Scenarios script, SplittableRandom rnd, int[] dens) {
        this.world = world;
        this.script = script;
        this.rnd = rnd;
        this.city = world.city();
        this.dens = dens;
    }

    /** {@code n} of the city's dens, those within a station's radius first, in random order. */
    static int[] choose(World world, SplittableRandom rnd, int n) {
        City city = world.city();
        int[] all = city.places().ofKind(Places.Kind.DEN);
        List<Integer> heard = new ArrayList<>();
        List<Integer> unheard = new ArrayList<>();
        Stations s = city.stations();
        for (int p : all) {
            int near = nearestStation(s, city.places().x(p), city.places().y(p));
            double d = Math.hypot(
                    s.x(near) - city.places().x(p), s.y(near) - city.places().y(p));
            (d <= s.radius(near) ? heard : unheard).add(p);
        }
        shuffle(heard, rnd);
        shuffle(unheard, rnd);
        heard.addAll(unheard);
        return heard.stream().limit(n).mapToInt(Integer::intValue).toArray();
    }

    /** A {@code den} truth line for each den: its nearest station and its place. */
    static void writeDens(World world, int[] dens) {
        City city = world.city();
        for (int p : dens) {
            double x = city.places().x(p);
            double y = city.places().y(p);
            world.truth()
                    .begin("den")
                    .field("station", city.stations().id(nearestStation(city.stations(), x, y)))
                    .field("lon", org.bikeguard.sim.city.Geo.lon(x))
                    .field("lat", org.bikeguard.sim.city.Geo.lat(y))
                    .field("name", city.places().name(p))
                    .end();
        }
    }

    private static int nearestStation(Stations s, double x, double y) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int i = 0; i < s.count(); i++) {
            double d = Math.hypot(s.x(i) - x, s.y(i) - y);
            if (d < bd) {
                bd = d;
                best = i;
            }
        }
        return best;
    }

    private static void shuffle(List<Integer> l, SplittableRandom rnd) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            l.set(j, l.set(i, l.get(j)));
        }
    }

    private boolean free(int b) {
        return !world.isHeld(b) && !world.isMoving(b) && world.hasTag(b) && !world.carriesClone(b);
    }

    /** A gang strikes at {@code t}. */
    void strike(long t) {
        int leader = -1;
        for (int tries = 0; tries < 50 && leader < 0; tries++) {
            int b = script.pickBike();
            if (free(b)) {
                leader = b;
            }
        }
        if (leader < 0) {
            return;
        }
        double[] p0 = world.position(leader, t);
        int size = 2 + rnd.nextInt(4);
        List<Integer> gang = new ArrayList<>(List.of(leader));
        int n = city.bikes().count();
        int first = rnd.nextInt(n);
        for (int k = 0; k < n && gang.size() < size; k++) {
            int b = (first + k) % n;
            if (b == leader || !free(b)) {
                continue;
            }
            double[] p = world.position(b, t);
            if (Math.hypot(p[0] - p0[0], p[1] - p0[1]) <= PICK_RADIUS_M && script.claim(b)) {
                gang.add(b);
            }
        }
        if (gang.size() < 2) {
            return;
        }
        struck++;
        int den = dens[rnd.nextInt(dens.length)];
        double speed = 8 + 3 * rnd.nextDouble();
        List<double[]> from = new ArrayList<>();
        for (int b : gang) {
            from.add(world.position(b, t));
            world.hold(b);
        }
        long arrival = world.travel(leader, den, t, speed);
        StringBuilder tags = new StringBuilder("[");
        for (int i = 0; i < gang.size(); i++) {
            int b = gang.get(i);
            if (b != leader) {
                world.travelWith(b, leader, t);
            }
            String tag = TagIds.format(city.bikes().tag(b));
            tags.append(tags.length() > 1 ? "," : "").append('"').append(tag).append('"');
            long owner = world.nextPlannedDeparture(b, t);
            long reported = Math.max(owner, t + 30 * MIN) + (10 + rnd.nextLong(170)) * MIN;
            world.truth()
                    .begin("theft")
                    .field("tag", tag)
                    .field("bike", Bikes.id(b))
                    .time("stolenAt", t)
                    .time("reportedAt", reported)
                    .raw("from", Scenarios.lonLat(from.get(i)[0], from.get(i)[1]))
                    .raw("stash", Scenarios.placeJson(city.places(), den, "den"))
                    .field("mode", "gang")
                    .end();
        }
        world.truth()
                .begin("companion")
                .raw("tags", tags.append(']').toString())
                .time("from", t)
                .time("to", arrival)
                .end();
    }

    /** Gangs that struck so far. */
    int struck() {
        return struck;
    }
}
