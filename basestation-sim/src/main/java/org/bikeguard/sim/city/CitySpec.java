package org.bikeguard.sim.city;

import java.util.Locale;

/**
 * The size of a simulated city. The presets follow the Hengyang scheme: {@link #HENGYANG} has
 * 4,334 stations of which 520 are readers at 40 signalled intersections (13 per intersection),
 * 44 installation points and 274,000 bikes over 16 km &times; 16 km; {@link #SMALL} is a
 * 6 km &times; 6 km centre with about 300 stations and 3,000 bikes, for the demo and tests.
 *
 * <p>Immutable; thread-safe.
 *
 * @param name preset name, or {@code custom}
 * @param sizeM side of the square city, metres
 * @param stations all base stations (intersection readers included)
 * @param bikes bikes, each with one tag and one owner
 * @param intersections signalled intersections, {@value #READERS_PER_INTERSECTION} readers each
 * @param installationPoints installation points (one station each)
 * @param dens fences' dens and stashes where stolen bikes are taken
 */
public record CitySpec(
        String name, double sizeM, int stations, int bikes, int intersections, int installationPoints, int dens) {
    /** Readers at each signalled intersection (520 / 40 in Hengyang). */
    public static final int READERS_PER_INTERSECTION = 13;
    /** The demo and test city. */
    public static final CitySpec SMALL = new CitySpec("small", 6_000, 300, 3_000, 4, 3, 4);
    /** The Hengyang-sized city. */
    public static final CitySpec HENGYANG = new CitySpec("hengyang", 16_000, 4_334, 274_000, 40, 44, 39);

    /** Validates the counts; {@link IllegalArgumentException} when they do not fit together. */
    public CitySpec {
        if (!(sizeM >= 1_000 && sizeM <= 60_000)) {
            throw new IllegalArgumentException("city size must be 1..60 km, got " + sizeM + " m");
        }
        if (bikes < 1 || bikes > 5_000_000) {
            throw new IllegalArgumentException("bikes must be 1..5,000,000, got " + bikes);
        }
        if (intersections < 0 || installationPoints < 0 || dens < 1) {
            throw new IllegalArgumentException("intersections, installation points >= 0, dens >= 1");
        }
        int fixed = intersections * READERS_PER_INTERSECTION + installationPoints;
        if (stations < fixed + 1 || stations > 99_999) {
            throw new IllegalArgumentException("stations must be " + (fixed + 1)
                    + "..99999 for " + intersections + " intersections and " + installationPoints
                    + " installation points, got " + stations);
        }
    }

    /** The preset called {@code name} ({@code small}, {@code hengyang}), or {@code null}. */
    public static CitySpec preset(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "small":
                return SMALL;
            case "hengyang":
                return HENGYANG;
            default:
                return null;
        }
    }

    /**
     * A custom city scaled from Hengyang: intersections, installation points and dens in
     * proportion to the stations (intersections at least 1 when there is room for its readers).
     */
    public static CitySpec custom(double sizeM, int stations, int bikes) {
        double f = stations / (double) HENGYANG.stations();
        int inter = (int) Math.round(HENGYANG.intersections() * f);
        if (inter == 0 && stations > 2 * READERS_PER_INTERSECTION) {
            inter = 1;
        }
        int inst = Math.max(1, (int) Math.round(HENGYANG.installationPoints() * f));
        if (stations <= inst + inter * READERS_PER_INTERSECTION) {
            inter = 0;
            inst = stations > 1 ? 1 : 0;
        }
        int dens = Math.max(2, (int) Math.round(HENGYANG.dens() * f));
        return new CitySpec("custom", sizeM, stations, bikes, inter, inst, dens);
    }

    /** Stations at intersections. */
    public int intersectionStations() {
        return intersections * READERS_PER_INTERSECTION;
    }

    /** Command-line-like summary. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s: %.1f km x %.1f km, %d stations (%d at %d"
                        + " intersections, %d installation points), %d bikes, %d dens",
                name,
                sizeM / 1000,
                sizeM / 1000,
                stations,
                intersectionStations(),
                intersections,
                installationPoints,
                bikes,
                dens);
    }
}
