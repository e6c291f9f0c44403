package org.bikeguard.tracker.trajectory;

/**
 * Distances on the WGS-84 ellipsoid by Vincenty's inverse formula (T. Vincenty, "Direct and
 * inverse solutions of geodesics on the ellipsoid with application of nested equations", Survey
 * Review 23(176), 1975).
 *
 * <p>Accuracy: within 0.5 mm of the true ellipsoidal distance wherever the iteration converges,
 * which is everywhere except for nearly antipodal points (separated by more than about 179.4°).
 * There the method falls back to a great-circle distance on a sphere of the mean radius
 * (6,371,008.8 m), which is off by up to about 0.5 %. City-scale trajectories never come near
 * that case. Input angles are degrees (longitude -180..180, latitude -90..90); results are
 * metres. Stateless; thread-safe; allocation-free.
 */
public final class Geodesic {

    /** WGS-84 semi-major axis, metres. */
    public static final double A = 6_378_137.0;
    /** WGS-84 flattening. */
    public static final double F = 1 / 298.257223563;
    /** WGS-84 semi-minor axis, metres. */
    public static final double B = A * (1 - F);
    /** IUGG mean Earth radius, metres (used only by the fallback). */
    public static final double MEAN_RADIUS = 6_371_008.8;

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-12;

    private Geodesic() {}

    /**
     * The geodesic distance in metres between two points given as (longitude, latitude) in
     * degrees.
     */
    public static double distanceM(double lon1, double lat1, double lon2, double lat2) {
        double l = Math.toRadians(lon2 - lon1);
        double u1 = Math.atan((1 - F) * Math.tan(Math.toRadians(lat1)));
        double u2 = Math.atan((1 - F) * Math.tan(Math.toRadians(lat2)));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);

        double lambda = l;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            double t1 = cosU2 * sinLambda;
            double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            double sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
            if (sinSigma == 0) {
                return 0; // coincident points
            }
            double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            double sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            double cos2Alpha = 1 - sinAlpha * sinAlpha;
            // on the equator cos2Alpha is 0 and the term below is undefined; its limit is 0
            double cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            double previous = lambda;
            lambda = l
                    + (1 - c)
                            * F
                            * sinAlpha
                            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda - previous) < TOLERANCE) {
                return finish(cos2Alpha, sinSigma, cosSigma, sigma, cos2SigmaM);
            }
            if (Math.abs(lambda) > Math.PI) {
                break; // diverging: nearly antipodal
            }
        }
        return greatCircleM(lon1, lat1, lon2, lat2);
    }

    private static double finish(double cos2Alpha, double sinSigma, double cosSigma, double sigma, double cos2SigmaM) {
        double uSq = cos2Alpha * (A * A - B * B) / (B * B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double c2 = cos2SigmaM * cos2SigmaM;
        double deltaSigma = bigB
                * sinSigma
                * (cos2SigmaM
                        + bigB
                                / 4
                                * (cosSigma * (-1 + 2 * c2)
                                        - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * c2)));
        return B * bigA * (sigma - deltaSigma);
    }

    /** Haversine distance on the mean-radius sphere, metres (about 0.5 % accurate). */
    static double greatCircleM(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
