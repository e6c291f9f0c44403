package org.bikeguard.sim.radio;

import java.util.SplittableRandom;

/**
 * How a base station hears a tag's beacon.
 *
 * <ul>
 *   <li>Beacons: every tag transmits every {@value #BEACON_MS} ms &plusmn;
 *       {@value #BEACON_JITTER_MS} ms (uniform jitter, drawn per beacon).</li>
 *   <li>Read probability at distance d from a station of radius R: a logistic fall-off,
 *       {@code p(d) = P_MAX / (1 + exp((d/R - 0.75) / 0.08))} for d &le; R and 0 beyond; so
 *       about 92 % close by (collisions and fading still lose some), 50 % of that at 0.75 R and
 *       4 % at the edge. Each station decides independently (overlapping coverage).</li>
 *   <li>RSSI: log-distance path loss, {@code -38 dBm - 10 * 2.4 * log10(max(d, 1 m))}, plus
 *       Gaussian noise of {@value #RSSI_SIGMA_DB} dB, clamped to the protocol's -127..0 dBm.</li>
 * </ul>
 *
 * <p>Units: metres, milliseconds, dBm. Stateless; thread-safe (randomness comes from the
 * caller's generator).
 */
public final class RadioModel {
    /** Mean beacon interval of a tag, ms. */
    public static final long BEACON_MS = 2_000;
    /** Largest deviation of one beacon interval from the mean, ms. */
    public static final long BEACON_JITTER_MS = 200;
    /** Read probability right at a station. */
    public static final double P_MAX = 0.92;
    /** RSSI at 1 m, dBm. */
    public static final double RSSI_AT_1M = -38;
    /** Path-loss exponent. */
    public static final double PATH_LOSS_EXPONENT = 2.4;
    /** Standard deviation of the RSSI noise, dB. */
    public static final double RSSI_SIGMA_DB = 3.5;
    private static final int TABLE = 1024;
    private static final double[] P_TABLE = new double[TABLE + 1];

    static {
        for (int i = 0; i <= TABLE; i++) {
            P_TABLE[i] = exact((double) i / TABLE);
        }
    }

    private RadioModel() {
    }

    private static double exact(double ratio) {
        return P_MAX / (1 + Math.exp((ratio - 0.75) / 0.08));
    }

    /** Read probability of one beacon at {@code distanceM} from a station of radius {@code radiusM}. */
    public static double readProbability(double distanceM, double radiusM) {
        if (!(distanceM <= radiusM)) {
            return 0;
        }
        return P_TABLE[(int) Math.round(Math.max(0, distanceM) / radiusM * TABLE)];
    }

    /** Mean RSSI at {@code distanceM}, dBm (before noise and clamping). */
    public static double meanRssi(double distanceM) {
        return RSSI_AT_1M - 10 * PATH_LOSS_EXPONENT * Math.log10(Math.max(1, distanceM));
    }

    /** One RSSI sample around {@code meanDbm}, clamped to -127..0 dBm. */
    public static int sampleRssi(double meanDbm, SplittableRandom rnd) {
        long v = Math.round(meanDbm + RSSI_SIGMA_DB * rnd.nextGaussian());
        return (int) Math.max(-127, Math.min(0, v));
    }

    /** The interval to a tag's next beacon, ms: {@link #BEACON_MS} &plusmn; jitter. */
    public static long nextInterval(SplittableRandom rnd) {
        return BEACON_MS - BEACON_JITTER_MS + rnd.nextLong(2 * BEACON_JITTER_MS + 1);
    }
}
