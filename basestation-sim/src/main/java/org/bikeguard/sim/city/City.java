package org.bikeguard.sim.city;

import java.time.LocalDate;

/**
 * One generated city: roads, districts, places, base stations, signal plans, bikes and the
 * registry, all derived from {@link #seed()} and {@link #spec()} by {@link CityGenerator}. The
 * same seed, spec and registry date give the same city, bit for bit.
 *
 * <p>Units: metres in the city plane ({@link Geo}). Immutable; thread-safe.
 *
 * @param spec sizes
 * @param seed the seed everything derives from
 * @param roads road grid
 * @param districts districts
 * @param places homes, workplaces, schools, markets, installation points, dens
 * @param stations base stations
 * @param signals signal plans of the signalled intersections
 * @param bikes bikes and their owners' habits
 * @param registry owners' and bikes' papers
 * @param asOf the registry date (Asia/Shanghai): every bike was bought before it
 * @param zones the no-go zones (none unless the run parks bikes in them)
 */
public record City(
        CitySpec spec,
        long seed,
        RoadGraph roads,
        Districts districts,
        Places places,
        Stations stations,
        Signals signals,
        Bikes bikes,
        Registry registry,
        LocalDate asOf,
        NoGoZones zones) {
    /** Metres east of the centre of the river's axis (or beyond the city when there is none). */
    public double riverX() {
        int c = roads.riverCol();
        if (c < 0) {
            return spec.sizeM();
        }
        return (roads.x(roads.node(c, 0)) + roads.x(roads.node(c + 1, 0))) / 2;
    }
}
