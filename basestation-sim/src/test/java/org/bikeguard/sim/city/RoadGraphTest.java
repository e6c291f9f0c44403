package org.bikeguard.sim.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoadGraphTest {
    private final RoadGraph g = new RoadGraph(16_000, new SplittableRandom(5));

    @Test
    void gridCoversTheCityWithARiverAndBridges() {
        assertTrue(g.cols() > 70 && g.rows() > 70);
        assertTrue(g.riverCol() > 0 && g.riverCol() < g.cols() - 1);
        int bridges = 0;
        for (int r = 0; r < g.rows(); r++) {
            if (g.hasEastEdge(g.riverCol(), r)) {
                bridges++;
                assertTrue(g.isArterialRow(r));
            }
        }
        assertEquals((g.rows() - 1) / RoadGraph.BRIDGE_EVERY + 1, bridges);
        double gap = g.x(g.node(g.riverCol() + 1, 0)) - g.x(g.node(g.riverCol(), 0));
        assertTrue(gap > RoadGraph.RIVER_GAP_M, "river gap " + gap);
    }

    @Test
    void everyRouteStepIsAnExistingEdge() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int k = 0; k < 5_000; k++) {
            int a = rnd.nextInt(g.nodes());
            int b = rnd.nextInt(g.nodes());
            int[] route = g.route(a, b, rnd.nextInt(4));
            assertEquals(a, route[0]);
            assertEquals(b, route[route.length - 1]);
            for (int i = 1; i < route.length; i++) {
                int c0 = g.col(route[i - 1]);
                int r0 = g.row(route[i - 1]);
                int c1 = g.col(route[i]);
                int r1 = g.row(route[i]);
                assertEquals(1, Math.abs(c1 - c0) + Math.abs(r1 - r0), "not neighbours");
                if (r0 == r1) {
                    assertTrue(g.hasEastEdge(Math.min(c0, c1), r0), "no edge across the river");
                }
            }
        }
    }

    @Test
    void nearestNodeIsTheClosest() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int k = 0; k < 500; k++) {
            double x = (rnd.nextDouble() - 0.5) * 15_000;
            double y = (rnd.nextDouble() - 0.5) * 15_000;
            int n = g.nearestNode(x, y);
            double d = Geo.dist(x, y, g.x(n), g.y(n));
            for (int m = 0; m < g.nodes(); m += 7) {
                assertTrue(d <= Geo.dist(x, y, g.x(m), g.y(m)) + 1e-9);
            }
        }
    }
}
