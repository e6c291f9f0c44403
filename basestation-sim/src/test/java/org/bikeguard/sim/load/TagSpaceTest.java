package org.bikeguard.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagSpaceTest {
    @Test
    void poolsPartitionTheTagsAndHoldTagsPerStation() {
        TagSpace space = new TagSpace(300_000, 5000);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            long[] pool = space.pool(i);
            assertEquals(60, pool.length);
            for (long t : pool) {
                assertTrue(seen.add(t), "tag in two pools");
            }
        }
        assertEquals(300_000, seen.size());
    }

    @Test
    void unevenSplitsAndFewerTagsThanStations() {
        TagSpace uneven = new TagSpace(1000, 7);
        int total = 0;
        for (int i = 0; i < 7; i++) {
            total += uneven.pool(i).length;
        }
        assertEquals(1000, total);
        TagSpace sparse = new TagSpace(3, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(1, sparse.pool(i).length);
        }
    }

    @Test
    void tagIdsHaveTheEpcPrefixAndTheTopBitSet() {
        long id = TagSpace.tagId(12345);
        assertEquals(0xE2L, id >>> 56);
        assertTrue(id < 0, "unsigned ids above 2^63 are held as negative longs");
    }
}
