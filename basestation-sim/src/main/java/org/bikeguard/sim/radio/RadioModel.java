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
    private static final int NORMALS = 4096;
    /** Standard normal quantiles at (i + 0.5) / NORMALS: a cheap, exact-enough noise source. */
    private static final double[] NORMAL = new double[NORMALS];

    static {
        for (int i = 0; i <= TABLE; i++) {
            P_TABLE[i] = exact((double) i / TABLE);
        }
        for (int i = 0; i < NORMALS; i++) {
            NORMAL[i] = inverseNormal((i + 0.5) / NORMALS);
        }
    }

    private RadioModel() {}

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

    /**
     * One RSSI sample around {@code meanDbm}, clamped to -127..0 dBm. The noise is drawn from a
     * table of 4,096 normal quantiles (tails beyond 3.5 sigma are cut, which RSSI does not miss).
     */
    public static int sampleRssi(double meanDbm, SplittableRandom rnd) {
        long v = Math.round(meanDbm + RSSI_SIGMA_DB * NORMAL[rnd.nextInt(NORMALS)]);
        return (int) Math.max(-127, Math.min(0, v));
    }

    /** Inverse of the standard normal CDF (Acklam's rational approximation, error below 1e-9). */
    static double inverseNormal(double p) {
        double[] a = {
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383577518672690e+02,
            -3.066479806614716e+01,
            2.506628277459239e+00
        };
        double[] b = {
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01
        };
        double[] c = {
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00
        };
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** The interval to a tag's next beacon, ms: {@link #BEACON_MS} &plusmn; jitter. */
    public static long nextInterval(SplittableRandom rnd) {
        return BEACON_MS - BEACON_JITTER_MS + rnd.nextLong(2 * BEACON_JITTER_MS + 1);
    }
}
