package org.bikeguard.sim.radio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Statistics of the radio model: what a station hears, at what strength, how often. */
class RadioModelTest {
    private static final double RADIUS = 60;

    @Test
    void readProbabilityFallsWithDistanceAndIsZeroBeyondTheRadius() {
        double prev = 1;
        for (double d = 0; d <= RADIUS; d += 1) {
            double p = RadioModel.readProbability(d, RADIUS);
            assertTrue(p <= prev + 1e-12, "not falling at " + d + " m");
            prev = p;
        }
        assertEquals(RadioModel.P_MAX, RadioModel.readProbability(0, RADIUS), 0.001);
        assertEquals(RadioModel.P_MAX / 2, RadioModel.readProbability(0.75 * RADIUS, RADIUS), 0.01);
        assertTrue(RadioModel.readProbability(RADIUS, RADIUS) < 0.05);
        assertEquals(0, RadioModel.readProbability(RADIUS + 0.01, RADIUS));
        assertEquals(0, RadioModel.readProbability(500, RADIUS));
    }

    @Test
    void simulatedReadRatesMatchTheModelAtEveryDistance() {
        SplittableRandom rnd = new SplittableRandom(42);
        int beacons = 200_000;
        for (double d : new double[] {5, 20, 35, 45, 50, 55, 59}) {
            double p = RadioModel.readProbability(d, RADIUS);
            int heard = 0;
            for (int i = 0; i < beacons; i++) {
                if (rnd.nextFloat() < (float) p) {
                    heard++;
                }
            }
            double rate = heard / (double) beacons;
            double sigma = Math.sqrt(p * (1 - p) / beacons);
            assertEquals(p, rate, 5 * sigma + 1e-4, "read rate at " + d + " m");
        }
    }

    @Test
    void rssiFollowsPathLossWithGaussianNoise() {
        SplittableRandom rnd = new SplittableRandom(7);
        double prevMean = 0;
        for (double d : new double[] {2, 10, 30, 60}) {
            double mean = RadioModel.meanRssi(d);
            double sum = 0;
            double sq = 0;
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                int r = RadioModel.sampleRssi(mean, rnd);
                assertTrue(r >= -127 && r <= 0);
                sum += r;
                sq += (r - mean) * (r - mean);
            }
            assertEquals(mean, sum / n, 0.05, "mean RSSI at " + d + " m");
            // Rounding to whole dBm adds 1/12 dB^2 of variance.
            assertEquals(
                    Math.sqrt(RadioModel.RSSI_SIGMA_DB * RadioModel.RSSI_SIGMA_DB + 1.0 / 12),
                    Math.sqrt(sq / n),
                    0.05,
                    "RSSI spread at " + d + " m");
            assertTrue(mean < prevMean, "RSSI must fall with distance");
            prevMean = mean;
        }
        assertEquals(-38 - 24 * Math.log10(60), RadioModel.meanRssi(60), 1e-9);
    }

    @Test
    void beaconIntervalsAreTwoSecondsWithBoundedJitter() {
        SplittableRandom rnd = new SplittableRandom(1);
        long sum = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            long v = RadioModel.nextInterval(rnd);
            assertTrue(v >= 1_800 && v <= 2_200, "interval " + v);
            sum += v;
        }
        assertEquals(2_000, sum / (double) n, 5);
    }

    @Test
    void inverseNormalIsAccurate() {
        assertEquals(0, RadioModel.inverseNormal(0.5), 1e-9);
        assertEquals(1.959964, RadioModel.inverseNormal(0.975), 1e-5);
        assertEquals(-2.326348, RadioModel.inverseNormal(0.01), 1e-5);
    }
}
