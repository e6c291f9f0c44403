package org.bikeguard.tracker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bikeguard.testkit.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alarm ids on a cluster of two members: the oldest hands them out from a reserved block, the other
 * asks it; ids are unique and increase in the order asked, also after the oldest member leaves.
 */
class AlarmIdsIT {

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        for (HazelcastInstance hz : members) {
            hz.getLifecycleService().terminate();
        }
    }

    @Test
    void idsIncreaseInTheOrderAskedOnEitherMemberAndAcrossTheLossOfTheOldest() {
        TestCluster cluster = new TestCluster();
        HazelcastInstance oldest = Hazelcast.newHazelcastInstance(cluster.nextMember());
        members.add(oldest);
        HazelcastInstance other = Hazelcast.newHazelcastInstance(cluster.nextMember());
        members.add(other);
        AlarmIds onOldest = new AlarmIds(oldest);
        AlarmIds onOther = new AlarmIds(other);
        onOther.atLeast(41);

        Set<Long> seen = new HashSet<>();
        long previous = 41;
        for (int i = 0; i < 2 * AlarmIds.BLOCK + 10; i++) {
            long id = (i % 3 == 0 ? onOther : onOldest).next();
            assertTrue(id > previous, "id " + id + " after " + previous);
            assertTrue(seen.add(id));
            previous = id;
        }
        // handed out from the oldest member's blocks, each reserved while the one before is in use: no gaps
        assertEquals(42 + 2 * AlarmIds.BLOCK + 9, previous);

        oldest.getLifecycleService().terminate();
        members.remove(oldest);
        long afterLoss = onOther.next();
        assertTrue(afterLoss > previous, "id " + afterLoss + " after the oldest left, last " + previous);
        assertEquals(afterLoss + 1, onOther.next());
    }

    @Test
    void aMemberThatCannotAskTheOldestReservesAnIdItself() {
        TestCluster cluster = new TestCluster();
        HazelcastInstance oldest = Hazelcast.newHazelcastInstance(cluster.nextMember());
        members.add(oldest);
        HazelcastInstance other = Hazelcast.newHazelcastInstance(cluster.nextMember());
        members.add(other);
        AlarmIds onOldest = new AlarmIds(oldest);
        AlarmIds onOther = new AlarmIds(other);
        long first = onOldest.next();
        // the oldest member stops answering (as while it closes): the other reserves above its block
        // (and above the block it may have reserved ahead)
        onOldest.close();
        long reserved = onOther.next();
        assertTrue(reserved >= first + AlarmIds.BLOCK, "reserved " + reserved + ", oldest's block from " + first);
        // the oldest member's own ids go on from its block, unique still
        assertEquals(first + 1, onOldest.next());
    }
}
