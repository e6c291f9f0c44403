package org.bikeguard.tracker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.Poll;
import org.bikeguard.tracker.station.Station;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two pattern detectors standing for two members, wired by an in-memory transport: each tag's
 * rules run on its owner only, the other member forwards its reads, and station clocks travel so
 * that the silent rule of a tag's owner sees stations connected elsewhere.
 */
class PatternRoutingTest {

    private static final Station[] STATIONS = {
        null,
        new Station("S-1", 1, "one", "street", 112.570, 26.890, 80, new byte[32]),
        new Station("S-2", 2, "two", "street", 112.571, 26.890, 80, new byte[32]), // ~100 m east
        new Station("S-3", 3, "three", "street", 112.670, 26.890, 80, new byte[32]), // ~9.9 km east
    };
    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);
    /** 16 partitions, even ones owned by A, odd ones by B; each member sees itself in slot 0. */
    private static final int[] OWNER_OF_PARTITION = new int[16];

    static {
        for (int p = 0; p < OWNER_OF_PARTITION.length; p++) {
            OWNER_OF_PARTITION[p] = p % 2;
        }
    }

    private final List<AlarmCandidate> raisedOnA = new CopyOnWriteArrayList<>();
    private final List<AlarmCandidate> raisedOnB = new CopyOnWriteArrayList<>();
    private final Map<UUID, PatternDetector> members = new ConcurrentHashMap<>();
    private final AtomicReference<TagOwners.Routes> routesOfA = new AtomicReference<>(routes(A, B, false));
    private final Forwarder fromA = new Forwarder(this::deliver, 1000, 8);
    private final Forwarder fromB = new Forwarder(this::deliver, 1000, 8);
    private final PatternDetector onA = detector(raisedOnA, routesOfA::get, fromA);
    private final PatternDetector onB = detector(raisedOnB, () -> routes(B, A, true), fromB);

    {
        members.put(A, onA);
        members.put(B, onB);
    }

    @AfterEach
    void stop() {
        onA.close();
        onB.close();
    }

    /** The view from {@code self}: partitions as in {@link #OWNER_OF_PARTITION}, seen from A or B. */
    private static TagOwners.Routes routes(UUID self, UUID other, boolean selfIsB) {
        int[] slots = new int[OWNER_OF_PARTITION.length];
        for (int p = 0; p < slots.length; p++) {
            slots[p] = selfIsB ? 1 - OWNER_OF_PARTITION[p] : OWNER_OF_PARTITION[p];
        }
        return new TagOwners.Routes(new UUID[] {self, other}, slots);
    }

    private static PatternDetector detector(
            List<AlarmCandidate> raised, java.util.function.Supplier<TagOwners.Routes> routes, Forwarder forwarder) {
        return new PatternDetector(
                PatternRules.defaults(Duration.ofSeconds(30)),
                i -> i > 0 && i < STATIONS.length ? STATIONS[i] : null,
                raised::add,
                1024,
                routes,
                forwarder);
    }

    private void deliver(UUID member, PatternBatch batch, Forwarder.Done done) {
        done.done(members.get(member).accept(batch));
    }

    /** A tag whose partition is owned by A ({@code onA}) or B. */
    private static long tagOwnedBy(boolean byA, long from) {
        TagOwners.Routes seenFromA = routes(A, B, false);
        long tag = from;
        while (seenFromA.owns(tag) != byA) {
            tag++;
        }
        return tag;
    }

    private static void read(PatternDetector member, int station, long tag, long ts) {
        member.offer(station, Frame.of(STATIONS[station].id(), ts, List.of(new Read(tag, ts, -60, 1, 0))), ts);
    }

    private List<AlarmCandidate> all() {
        List<AlarmCandidate> all = new java.util.ArrayList<>(raisedOnA);
        all.addAll(raisedOnB);
        return all;
    }

    @Test
    void aCloneAcrossTwoMembersIsRaisedOnceByTheTagsOwner() {
        long t = 1_700_000_000_000L;
        long ownedByA = tagOwnedBy(true, 0xA000);
        long ownedByB = tagOwnedBy(false, 0xB000);
        for (long tag : List.of(ownedByA, ownedByB)) {
            read(onA, 1, tag, t);
            read(onB, 3, tag, t + 20_000); // 10 km in 20 s
        }
        Poll.until(Duration.ofSeconds(5), "two clone alarms", () -> all().size() == 2);
        assertEquals(
                List.of(ownedByA), raisedOnA.stream().map(AlarmCandidate::tag).toList());
        assertEquals(
                List.of(ownedByB), raisedOnB.stream().map(AlarmCandidate::tag).toList());
        for (AlarmCandidate c : all()) {
            assertEquals(AlarmType.CLONE, c.type());
            assertEquals(
                    List.of("S-1", "S-3"),
                    c.recent().stream().map(Alarm.Recent::station).toList());
        }
        assertTrue(fromA.forwardedReads() >= 1 && fromB.forwardedReads() >= 1, "each member forwarded a read");
        assertEquals(0, fromA.failedReads() + fromB.failedReads());
    }

    @Test
    void theOwnersSilentRuleHearsAHomeStationConnectedToTheOtherMember() {
        // parked 01:00..03:05 Asia/Shanghai at S-1, which is connected to A; the tag is owned by B
        long tag = tagOwnedBy(false, 0xC000);
        long begin = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
        long end = begin + Duration.ofMinutes(125).toMillis();
        for (long t = begin; t <= end; t += 20_000) {
            read(onA, 1, tag, t);
        }
        // S-1 (on A) goes on hearing another tag (whoever owns it): only the station clock tells B
        read(onA, 1, tagOwnedBy(true, 0xC100), end + Duration.ofMinutes(15).toMillis());
        Poll.until(Duration.ofSeconds(10), "silent alarm on the owner (sweeps every 2 s)", () -> !raisedOnB.isEmpty());
        AlarmCandidate c = raisedOnB.get(0);
        assertEquals(AlarmType.SILENT, c.type());
        assertEquals(tag, c.tag());
        assertEquals(end, c.at());
        assertEquals(1, raisedOnB.size());
        assertEquals(List.of(), raisedOnA);
    }

    @Test
    void aTagThatMovesToAnotherOwnerIsForgottenByTheOldOne() {
        // A believes it owns everything while the tag is parked at night, then B joins and owns it
        long tag = tagOwnedBy(false, 0xD000);
        routesOfA.set(TagOwners.Routes.lone(A));
        long begin = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
        long end = begin + Duration.ofMinutes(125).toMillis();
        for (long t = begin; t <= end; t += 20_000) {
            read(onA, 1, tag, t);
        }
        Poll.until(Duration.ofSeconds(5), "A took the stay in", () -> onA.pending() == 0);
        routesOfA.set(routes(A, B, false));
        // one more read at home goes to B, which learns the tag from scratch; A hears nothing more
        // of it while its home station goes on hearing others: A would call it silent had it not
        // forgotten it
        read(onA, 1, tag, end + 20_000);
        read(onA, 1, tagOwnedBy(true, 0xD100), end + Duration.ofMinutes(15).toMillis());
        long sweepsAt = System.nanoTime();
        Poll.until(Duration.ofSeconds(6), "two sweeps", () -> System.nanoTime() - sweepsAt > 4_500_000_000L);
        assertEquals(List.of(), all(), "the old owner forgot the tag; the new one has no home for it yet");
    }
}
