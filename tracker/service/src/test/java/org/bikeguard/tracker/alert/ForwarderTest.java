package org.bikeguard.tracker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Routing of pattern reads to the tags' owners and their batching, without a cluster. */
class ForwarderTest {

    private static final UUID LOCAL = new UUID(0, 1);
    private static final UUID OTHER = new UUID(0, 2);
    private static final UUID THIRD = new UUID(0, 3);

    /** One send as the transport saw it. */
    private record Sent(UUID member, PatternBatch batch, Forwarder.Done done) {}

    private final List<Sent> sent = new ArrayList<>();

    /** Two members, 8 partitions: even ones here, odd ones on OTHER. */
    private static TagOwners.Routes twoMembers() {
        int[] slots = new int[8];
        for (int p = 0; p < slots.length; p++) {
            slots[p] = p % 2;
        }
        return new TagOwners.Routes(new UUID[] {LOCAL, OTHER}, slots);
    }

    private Forwarder forwarder(int maxReads, int maxInFlight) {
        return new Forwarder((m, b, d) -> sent.add(new Sent(m, b, d)), maxReads, maxInFlight);
    }

    private static long tagIn(TagOwners.Routes r, int slot, int n) {
        long tag = 0;
        for (int found = -1; found < n; ) {
            tag++;
            if (r.slotOf(tag) == slot) {
                found++;
            }
        }
        return tag;
    }

    @Test
    void partitionsAreStableSpreadAndOwnedAsTheTableSays() {
        Set<Integer> seen = new HashSet<>();
        for (long tag = 0; tag < 10_000; tag++) {
            int p = TagOwners.Routes.partitionOf(tag, 271);
            assertTrue(p >= 0 && p < 271);
            assertEquals(p, TagOwners.Routes.partitionOf(tag, 271));
            seen.add(p);
        }
        assertEquals(271, seen.size(), "consecutive tags cover every partition");
        assertTrue(TagOwners.Routes.partitionOf(-1L, 271) >= 0, "negative tags too");
        TagOwners.Routes r = twoMembers();
        int here = 0;
        for (long tag = 0; tag < 10_000; tag++) {
            int slot = r.slotOf(tag);
            assertEquals(TagOwners.Routes.partitionOf(tag, 8) % 2, slot);
            assertEquals(slot == 0, r.owns(tag));
            here += slot == 0 ? 1 : 0;
        }
        assertTrue(here > 4_000 && here < 6_000, "about half the tags here: " + here);
        TagOwners.Routes lone = TagOwners.Routes.lone(LOCAL);
        assertTrue(lone.lone());
        assertTrue(lone.owns(12345));
        assertFalse(r.lone());
    }

    @Test
    void aFlushSendsEachMemberItsReadsAndTheStationClocks() {
        TagOwners.Routes r = new TagOwners.Routes(new UUID[] {LOCAL, OTHER, THIRD}, new int[] {0, 1, 2});
        Forwarder f = forwarder(1000, 4);
        f.retarget(r);
        f.flush();
        assertEquals(List.of(), sent, "nothing waiting, nothing sent");
        f.add(1, 0xA, 7, 1_000);
        f.add(1, 0xB, 7, 1_010);
        f.clock(7, 1_010);
        f.clock(9, 900);
        f.clock(7, 1_005);
        assertEquals(List.of(), sent, "sent only at the flush");
        f.flush();
        assertEquals(2, sent.size());
        PatternBatch toOther = batchTo(OTHER);
        assertEquals(2, toOther.size());
        assertEquals(0xA, toOther.tag(0));
        assertEquals(7, toOther.station(0));
        assertEquals(1_010, toOther.time(1));
        PatternBatch toThird = batchTo(THIRD);
        assertEquals(0, toThird.size(), "no reads for the third member");
        for (PatternBatch b : List.of(toOther, toThird)) {
            assertEquals(2, b.clocks(), "every member hears the station clocks");
            assertEquals(7, b.clockStation(0));
            assertEquals(1_010, b.clockTime(0));
            assertEquals(9, b.clockStation(1));
            assertEquals(900, b.clockTime(1));
        }
        sent.clear();
        f.flush();
        assertEquals(List.of(), sent, "clocks go once, until they advance again");
        assertEquals(2, f.forwardedReads());
        assertEquals(0, f.failedReads());
    }

    @Test
    void aFullOutboxGoesAtOnce() {
        TagOwners.Routes r = twoMembers();
        Forwarder f = forwarder(3, 4);
        f.retarget(r);
        for (int i = 0; i < 7; i++) {
            f.add(1, tagIn(r, 1, i), 1, 1_000 + i);
        }
        assertEquals(2, sent.size(), "two full batches of 3");
        assertEquals(3, sent.get(0).batch().size());
        f.flush();
        assertEquals(3, sent.size());
        assertEquals(1, sent.get(2).batch().size(), "the rest at the flush");
        assertEquals(7, f.forwardedReads());
    }

    @Test
    void failedRefusedAndUnansweredBatchesAreCounted() {
        TagOwners.Routes r = twoMembers();
        Forwarder f = forwarder(100, 2);
        f.retarget(r);
        for (int i = 0; i < 4; i++) {
            f.add(1, 0x10 + i, 1, 1_000);
            f.add(1, 0x20 + i, 1, 1_000);
            f.flush();
        }
        assertEquals(2, sent.size(), "two batches in flight at most");
        assertEquals(4, f.failedReads(), "the other two batches were not sent");
        sent.get(0).done().done(true);
        sent.get(1).done().done(false);
        assertEquals(6, f.failedReads(), "a refused batch is lost");
        f.add(1, 0x30, 1, 1_000);
        f.flush();
        assertEquals(3, sent.size(), "room again once answered");
        assertEquals(3, f.failedBatches());

        Forwarder broken = new Forwarder(
                (m, b, d) -> {
                    throw new IllegalStateException("not a member");
                },
                100,
                2);
        broken.retarget(r);
        broken.add(1, 0x40, 1, 1_000);
        broken.flush();
        assertEquals(1, broken.failedReads());
        assertEquals(1, broken.forwardedReads());
    }

    @Test
    void aNewViewSendsWhatWaitedToTheOldOwnerFirst() {
        TagOwners.Routes r = twoMembers();
        Forwarder f = forwarder(100, 4);
        f.retarget(r);
        f.add(1, 0x50, 1, 1_000);
        f.retarget(new TagOwners.Routes(new UUID[] {LOCAL, THIRD}, new int[] {1}));
        assertEquals(1, sent.size());
        assertEquals(OTHER, sent.get(0).member());
        f.add(1, 0x51, 1, 1_000);
        f.retarget(TagOwners.Routes.lone(LOCAL));
        assertEquals(THIRD, sent.get(1).member());
        f.clock(1, 2_000);
        f.flush();
        assertEquals(2, sent.size(), "a lone member sends nothing");
    }

    @Test
    void aBatchCrossesHazelcastSerializationWhole() {
        PatternBatch b = new PatternBatch(2, new int[] {3, 4}, new long[] {30, 40});
        for (int i = 0; i < 5; i++) {
            b.add(0xE2000000L + i, i, 1_000L * i);
        }
        SerializationService ss = new DefaultSerializationServiceBuilder().build();
        Data data = ss.toData(b);
        assertTrue(data.totalSize() < 200, "compact on the wire: " + data.totalSize());
        PatternBatch back = ss.toObject(data);
        assertEquals(5, back.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(0xE2000000L + i, back.tag(i));
            assertEquals(i, back.station(i));
            assertEquals(1_000L * i, back.time(i));
        }
        assertEquals(2, back.clocks());
        assertEquals(4, back.clockStation(1));
        assertEquals(40, back.clockTime(1));
        assertFalse(back.call(), "no member, no receiver: refused");
    }

    private PatternBatch batchTo(UUID member) {
        return sent.stream()
                .filter(s -> s.member().equals(member))
                .findFirst()
                .orElseThrow()
                .batch();
    }
}
