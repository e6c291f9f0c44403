package org.bikeguard.sim.scenario;

import java.util.SplittableRandom;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.Bikes;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Places;

/**
 * One theft, scripted: the thief takes the parked bike (a bike on the road is taken where it
 * next parks), rides it (60 %) or carries it on a tricycle or van (40 %) to a fence's den; the
 * owner notices at their next planned departure and reports 10 minutes to 3 hours later. Some
 * thieves tamper with the tag (15 %) and some rip it off (35 %, then half are dumped where they
 * fall and keep beaconing, half destroyed); 35 % of bikes are recovered 1-8 hours after the
 * report and taken home by the police; half of the others are resold to a buyer in another
 * compound 4-30 hours after reaching the den.
 *
 * <p>Ground truth: {@code theft}, {@code tamper}, {@code tag_removed}, {@code recovered},
 * {@code resold}. Not thread-safe: the simulation thread only.
 */
final class Thefts {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private final World world;
    private final Scenarios script;
    private final SplittableRandom rnd;
    private final City city;
    private final int[] dens;
    private final int[] homes;
    private int started;

    /** @param dens the dens stolen bikes are taken to (place indexes) */
    Thefts(World world, Scenarios script, SplittableRandom rnd, int[] dens) {
        this.world = world;
        this.script = script;
        this.rnd = rnd;
        this.city = world.city();
        this.dens = dens;
        this.homes = city.places().ofKind(Places.Kind.HOME);
    }

    /** Steals bike {@code b} at {@code t} (later if it is on the road). */
    void steal(int b, long t) {
        if (world.isHeld(b) || !world.hasTag(b) || world.carriesClone(b)) {
            b = script.pickBike();
            if (world.isHeld(b) || !world.hasTag(b) || world.carriesClone(b)) {
                return;
            }
        }
        if (world.isMoving(b)) {
            int bike = b;
            script.at(world.arrival(b) + (10 + rnd.nextLong(30)) * MIN, when -> steal(bike, when));
            return;
        }
        started++;
        double[] from = world.position(b, t);
        long owner = world.nextPlannedDeparture(b, t);
        long reported = Math.max(owner, t + 30 * MIN) + (10 + rnd.nextLong(170)) * MIN;
        world.hold(b);
        int den = dens[rnd.nextInt(dens.length)];
        boolean carried = rnd.nextInt(100) < 40;
        double speed = carried ? 8 + 3 * rnd.nextDouble() : 5.5 + 2 * rnd.nextDouble();
        long atDen = world.travel(b, den, t, speed);
        String tag = TagIds.format(city.bikes().tag(b));
        world.truth()
                .begin("theft")
                .field("tag", tag)
                .field("bike", Bikes.id(b))
                .time("stolenAt", t)
                .time("reportedAt", reported)
                .raw("from", Scenarios.lonLat(from[0], from[1]))
                .raw("stash", Scenarios.placeJson(city.places(), den, "den"))
                .field("mode", carried ? "carried" : "ridden")
                .end();
        int bike = b;
        if (rnd.nextInt(100) < 15) {
            script.at(t + (2 + rnd.nextLong(18)) * MIN, when -> {
                world.tamper(bike, when);
                world.truth()
                        .begin("tamper")
                        .field("tag", tag)
                        .field("bike", Bikes.id(bike))
                        .time("at", when)
                        .end();
            });
        }
        if (rnd.nextInt(100) < 35) {
            boolean dump = rnd.nextBoolean();
            script.at(t + (5 + rnd.nextLong(115)) * MIN, when -> removeTag(bike, tag, when, dump));
        }
        boolean[] recovered = {false};
        if (rnd.nextInt(100) < 35) {
            script.at(reported + (60 + rnd.nextLong(420)) * MIN, when -> {
                recovered[0] = true;
                recover(bike, tag, when);
            });
        }
        if (rnd.nextBoolean()) {
            script.at(atDen + (4 * HOUR + rnd.nextLong(26 * HOUR)), when -> {
                if (!recovered[0]) {
                    resell(bike, tag, when);
                }
            });
        }
    }

    private void removeTag(int b, String tag, long t, boolean dump) {
        if (!world.hasTag(b)) {
            return;
        }
        double[] at = world.removeTag(b, t, dump);
        world.truth()
                .begin("tag_removed")
                .field("tag", tag)
                .field("bike", Bikes.id(b))
                .time("at", t)
                .field("lon", org.bikeguard.sim.city.Geo.lon(at[0]))
                .field("lat", org.bikeguard.sim.city.Geo.lat(at[1]))
                .field("disposal", dump ? "dumped" : "destroyed")
                .end();
    }

    private void recover(int b, String tag, long t) {
        if (world.isMoving(b)) {
            script.at(world.arrival(b) + 5 * MIN, when -> recover(b, tag, when));
            return;
        }
        double[] at = world.position(b, t);
        world.truth()
                .begin("recovered")
                .field("tag", tag)
                .field("bike", Bikes.id(b))
                .time("at", t)
                .field("lon", org.bikeguard.sim.city.Geo.lon(at[0]))
                .field("lat", org.bikeguard.sim.city.Geo.lat(at[1]))
                .end();
        long home = world.travel(b, city.bikes().home(b), t, 9);
        script.at(home, when -> world.release(b, when));
    }

    private void resell(int b, String tag, long t) {
        if (world.isMoving(b)) {
            script.at(world.arrival(b) + 10 * MIN, when -> resell(b, tag, when));
            return;
        }
        int buyer = homes[rnd.nextInt(homes.length)];
        world.travel(b, buyer, t, 5 + 1.5 * rnd.nextDouble());
        world.truth()
                .begin("resold")
                .field("tag", tag)
                .field("bike", Bikes.id(b))
                .time("at", t)
                .raw("buyer", Scenarios.placeJson(city.places(), buyer, "home"))
                .end();
    }

    /** Thefts carried out so far. */
    int started() {
        return started;
    }
}
