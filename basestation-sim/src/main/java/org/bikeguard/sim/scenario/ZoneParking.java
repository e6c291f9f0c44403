package org.bikeguard.sim.scenario;

import java.util.SplittableRandom;
import org.bikeguard.sim.city.NoGoZones;

/**
 * Bikes parked in no-go zones ({@code --zone-parking N}): at a planned time a parked bike (not in
 * any other scenario) is ridden to the nearest zone of the city's {@link NoGoZones}, left there
 * for a dwell spread around the fire lanes' 15-minute grace (half 5-14 minutes, half 16-60
 * minutes, never within a minute of the grace) and ridden back to where it came from; its owner's
 * plan resumes from then.
 *
 * <p>Ground truth: the {@code zone_dwell} records are written by the radio layer for every stay
 * of a tag within a zone reader's reach that the reader sent reads of (so a rider passing through
 * a zone is in the truth too, as the tracker sees it). Not thread-safe: the simulation thread only.
 */
final class ZoneParking {
    private static final long MIN = 60_000L;

    private final World world;
    private final Scenarios script;
    private final SplittableRandom rnd;
    private final NoGoZones zones;
    private int parked;

    ZoneParking(World world, Scenarios script, SplittableRandom rnd) {
        this.world = world;
        this.script = script;
        this.rnd = rnd;
        this.zones = world.city().zones();
    }

    /** A dwell, ms: 5-14 min or 16-60 min, each half the time. */
    static long dwell(SplittableRandom rnd) {
        return rnd.nextBoolean() ? 5 * MIN + rnd.nextLong(9 * MIN) : 16 * MIN + rnd.nextLong(44 * MIN);
    }

    /** Parks a bike in a zone at {@code t}, if one that is parked and free can be found. */
    void park(long t) {
        if (zones.count() == 0) {
            return;
        }
        for (int tries = 0; tries < 20; tries++) {
            int b = script.pickBike();
            if (world.isHeld(b) || world.isMoving(b) || !world.hasTag(b) || world.carriesClone(b)) {
                continue;
            }
            int home = world.placeOf(b);
            if (home < 0) {
                continue;
            }
            double[] at = world.position(b, t);
            NoGoZones.Zone z = zones.get(zones.nearest(at[0], at[1]));
            double speed = 3.5 + 2 * rnd.nextDouble();
            long stay = dwell(rnd);
            world.hold(b);
            double jx = rnd.nextDouble() * 2 - 1;
            double jy = rnd.nextDouble() * 2 - 1;
            long arrival = world.travelToSpot(b, z.place(), z.x() + jx, z.y() + jy, t, speed);
            parked++;
            script.at(arrival + stay, when -> {
                world.travel(b, home, when, speed);
                world.release(b, when);
            });
            return;
        }
    }

    /** This script's random stream (for its planning too). */
    SplittableRandom random() {
        return rnd;
    }

    /** Bikes sent to a zone so far. */
    int parked() {
        return parked;
    }
}
