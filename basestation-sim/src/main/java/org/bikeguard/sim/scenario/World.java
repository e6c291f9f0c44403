package org.bikeguard.sim.scenario;

import org.bikeguard.sim.city.City;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * What scenarios may do to the simulated city: move bikes outside their owners' plans, tamper
 * with tags, take stations offline. Implemented by the simulation; called on its thread only.
 * Times are epoch ms UTC, positions metres in the city plane.
 */
public interface World {
    /** The city. */
    City city();

    /** The ground truth. */
    TruthWriter truth();

    /** Whether bike {@code b} is on a trip. */
    boolean isMoving(int b);

    /** Arrival time of bike {@code b}'s current trip (only while moving). */
    long arrival(int b);

    /** Position {x, y} of bike {@code b} at {@code t}. */
    double[] position(int b, long t);

    /** Takes bike {@code b} out of its owner's plan. */
    void hold(int b);

    /** Whether bike {@code b} is held by a scenario. */
    boolean isHeld(int b);

    /** Returns bike {@code b} to its owner's plan from {@code t}. */
    void release(int b, long t);

    /** Sends held, parked bike {@code b} to place {@code to} at {@code speed} m/s; the arrival. */
    long travel(int b, int to, long t, double speed);

    /**
     * Sends held, parked bike {@code b} to the spot (x, y) of place {@code to} (not its own
     * parking spot there: a no-go zone), where it stays parked until sent on; the arrival.
     */
    long travelToSpot(int b, int to, double x, double y, long t, double speed);

    /** Place where bike {@code b} is parked, -1 while moving. */
    int placeOf(int b);

    /**
     * Sends held, parked bike {@code b} along with moving bike {@code leader} (the same journey,
     * loaded into the same van); the arrival.
     */
    long travelWith(int b, int leader, long t);

    /** The owner's first planned departure at or after {@code t}. */
    long nextPlannedDeparture(int b, long t);

    /** Sets the tamper flag on bike {@code b}'s tag from {@code t} on. */
    void tamper(int b, long t);

    /** Rips bike {@code b}'s tag off (dumped keeps beaconing where it fell); {x, y} of the spot. */
    double[] removeTag(int b, long t, boolean dump);

    /** Whether bike {@code b} still carries its own working tag. */
    boolean hasTag(int b);

    /** Fits a copy of {@code original}'s tag to bike {@code carrier}. */
    void addClone(int original, int carrier, long t);

    /** Whether bike {@code b} carries a cloned tag. */
    boolean carriesClone(int b);

    /** Station {@code s}'s backhaul goes down (it keeps reading and buffering). */
    void stationOffline(int s);

    /** Station {@code s}'s backhaul is back; it sends what it buffered. */
    void stationOnline(int s);
}
