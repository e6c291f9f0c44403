package org.bikeguard.sim.engine;

/**
 * Settings of one city simulation run (the engine's view; parsed from the command line by
 * {@code CityOptions}).
 *
 * <p>Units: epoch ms UTC for instants, ms for durations. Immutable; thread-safe.
 *
 * @param start simulated start, epoch ms
 * @param end simulated end, epoch ms ({@link Long#MAX_VALUE}: endless)
 * @param aggregated reader-aggregated entries (one per tag per interval) instead of raw reads
 * @param intervalMs aggregation interval, ms
 * @param frameEntries most entries per frame
 * @param json JSON frames instead of binary
 * @param flushWallMs longest wall time an entry waits in a station's buffer, ms
 * @param thefts thefts in the run (per day for an endless run)
 * @param clones cloned tags
 * @param tampers tampered tags (besides those of thefts)
 * @param outages whether stations lose their backhaul now and then
 * @param gapMs the tracker's sighting gap, recorded in the ground truth for the scorer
 * @param gangs thief gangs, each moving several stolen bikes together to a den
 * @param dens dens (of the city's) where all stolen bikes are taken, 0 for any of the city's
 * @param violationRate probability of a violation per passage through a signalled intersection, 0..1
 * @param zoneParking bikes that park in a fire lane or a building entrance during the run
 */
public record SimConfig(
        long start,
        long end,
        boolean aggregated,
        long intervalMs,
        int frameEntries,
        boolean json,
        long flushWallMs,
        int thefts,
        int clones,
        int tampers,
        boolean outages,
        long gapMs,
        int gangs,
        int dens,
        double violationRate,
        int zoneParking) {
    /** Validates ranges. */
    public SimConfig {
        if (end <= start) {
            throw new IllegalArgumentException("end must be after start");
        }
        if (intervalMs < 100 || frameEntries < 1 || frameEntries > 1000 || flushWallMs < 1) {
            throw new IllegalArgumentException("bad interval, frame size or flush time");
        }
        if (!(violationRate >= 0 && violationRate <= 1)) {
            throw new IllegalArgumentException("violation rate must be 0..1");
        }
        if (thefts < 0 || clones < 0 || tampers < 0 || gapMs <= 0 || zoneParking < 0 || gangs < 0 || dens < 0) {
            throw new IllegalArgumentException("negative scenario counts or gap");
        }
    }

    /** A run without gangs, violations or zone parking, and with the city's every den. */
    public SimConfig(
            long start,
            long end,
            boolean aggregated,
            long intervalMs,
            int frameEntries,
            boolean json,
            long flushWallMs,
            int thefts,
            int clones,
            int tampers,
            boolean outages,
            long gapMs) {
        this(
                start,
                end,
                aggregated,
                intervalMs,
                frameEntries,
                json,
                flushWallMs,
                thefts,
                clones,
                tampers,
                outages,
                gapMs,
                0,
                0,
                0,
                0);
    }

    /** Whether the run has no end. */
    public boolean endless() {
        return end == Long.MAX_VALUE;
    }
}
