package org.bikeguard.sim.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void pollsInTimeOrderWithTiesByIdAndReplacesEntries() {
        EventQueue q = new EventQueue(4);
        SplittableRandom rnd = new SplittableRandom(3);
        TreeMap<Long, Integer> expected = new TreeMap<>();
        long[] current = new long[1000];
        for (int i = 0; i < 1000; i++) {
            current[i] = rnd.nextLong(500);
            q.schedule(i, current[i]);
        }
        for (int k = 0; k < 3000; k++) {
            int i = rnd.nextInt(1000);
            current[i] = rnd.nextLong(500);
            q.schedule(i, current[i]);
        }
        q.cancel(17);
        q.cancel(17);
        assertFalse(q.contains(17));
        List<long[]> polled = new ArrayList<>();
        while (!q.isEmpty()) {
            long t = q.peekTime();
            int id = q.poll();
            polled.add(new long[] {t, id});
            assertEquals(current[id], t);
        }
        assertEquals(999, polled.size());
        for (int i = 1; i < polled.size(); i++) {
            long[] a = polled.get(i - 1);
            long[] b = polled.get(i);
            assertTrue(a[0] < b[0] || a[0] == b[0] && a[1] < b[1]);
        }
        assertTrue(expected.isEmpty());
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }
}
