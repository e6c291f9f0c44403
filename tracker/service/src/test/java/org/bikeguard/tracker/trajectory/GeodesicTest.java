package org.bikeguard.tracker.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeodesicTest {

    private static double dms(int deg, int min, double sec) {
        double v = Math.abs(deg) + min / 60.0 + sec / 3600.0;
        return deg < 0 ? -v : v;
    }

    @Test
    void flindersPeakToBuninyongMatchesVincentysPublishedDistanceToTheMillimetre() {
        // Vincenty (1975), test line: 54 972.271 m
        double d = Geodesic.distanceM(
                dms(144, 25, 29.52440), dms(-37, 57, 3.72030), dms(143, 55, 35.38390), dms(-37, 39, 10.15610));
        assertEquals(54_972.271, d, 0.001);
    }

    @Test
    void oneDegreeOfLongitudeOnTheEquatorIsTheSemiMajorAxisTimesPiOver180() {
        assertEquals(Geodesic.A * Math.PI / 180, Geodesic.distanceM(0, 0, 1, 0), 1e-6);
    }

    @Test
    void equatorToPoleIsTheWgs84QuarterMeridian() {
        assertEquals(10_001_965.729, Geodesic.distanceM(30, 0, 30, 90), 0.001);
    }

    @Test
    void oneDegreeOfLatitudeAtHangzhouIsTheWgs84MeridianArc() {
        // meridian arc 30..31 deg N: integral of a(1-e^2)/(1-e^2 sin^2 phi)^1.5 = 110 860.926 m
        assertEquals(110_860.926, Geodesic.distanceM(120, 30, 120, 31), 0.001);
    }

    @Test
    void distanceIsSymmetricAndZeroForTheSamePoint() {
        double ab = Geodesic.distanceM(120.1551, 30.2741, 120.2100, 30.2500);
        double ba = Geodesic.distanceM(120.2100, 30.2500, 120.1551, 30.2741);
        assertEquals(ab, ba, 1e-6);
        assertEquals(0, Geodesic.distanceM(120.1551, 30.2741, 120.1551, 30.2741));
    }

    @Test
    void nearlyAntipodalPointsFallBackToTheSphereWithinHalfAPercent() {
        // the true geodesic between antipodes on the equator runs over a pole: 20 003 931.458 m
        double d = Geodesic.distanceM(0, 0, 180, 0);
        assertEquals(20_003_931.458, d, 20_003_931.458 * 0.005);
    }
}
