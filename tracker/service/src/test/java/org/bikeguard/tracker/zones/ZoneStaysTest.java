package org.bikeguard.tracker.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneStaysTest {

    private static final long GAP = 30_000;
    private static final long T0 = 1_795_000_000_000L;

    private static Zone zone(ZoneKind kind, int graceS) {
        return new Zone("z-" + kind.wire(), "z", kind, (JsonObject) null, List.of("S"), List.of("S"), graceS, 100);
    }

    /** Reads every 20 s for {@code minutes}; the kinds decided, in order. */
    private static List<String> park(ZoneStays stays, Zone z, long tag, int minutes) {
        List<String> kinds = new ArrayList<>();
        for (long t = T0; t <= T0 + minutes * 60_000L; t += 20_000) {
            stays.onRead(z, tag, "S", t, t).forEach(h -> kinds.add(h.kind().wire));
        }
        return kinds;
    }

    @Test
    void aFireLaneTextsAfterTheGraceAndFinesAfterTwice() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        assertEquals(List.of(), park(stays, z, 14, 14));
        assertEquals(List.of(), park(stays, z, 15, 15), "exactly the grace is not beyond it");
        assertEquals(List.of("text"), park(stays, z, 16, 16));
        assertEquals(List.of("text"), park(stays, z, 30, 30));
        assertEquals(List.of("text", "fine"), park(stays, z, 31, 31));
    }

    @Test
    void aGapLongerThanTheSightingGapStartsANewStay() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        List<String> kinds = new ArrayList<>();
        // 10 minutes, away for 40 s, 10 minutes again: never 15 minutes in one stay
        for (long t = T0; t <= T0 + 600_000; t += 20_000) {
            stays.onRead(z, 1, "S", t, t).forEach(h -> kinds.add(h.kind().wire));
        }
        for (long t = T0 + 640_000; t <= T0 + 1_240_000; t += 20_000) {
            stays.onRead(z, 1, "S", t, t).forEach(h -> kinds.add(h.kind().wire));
        }
        assertEquals(List.of(), kinds);
    }

    @Test
    void readsOutOfOrderStillMakeOneStay() {
        Zone z = zone(ZoneKind.CORRIDOR, 300);
        ZoneStays stays = new ZoneStays(GAP);
        assertEquals(0, stays.onRead(z, 1, "S", T0 + 20_000, T0).size());
        assertEquals(0, stays.onRead(z, 1, "S", T0, T0).size());
        List<String> kinds = new ArrayList<>();
        for (long t = T0 + 40_000; t <= T0 + 301_000; t += 20_000) {
            stays.onRead(z, 1, "S", t, t).forEach(h -> kinds.add(h.kind().wire));
        }
        stays.onRead(z, 1, "S", T0 + 301_000, T0).forEach(h -> kinds.add(h.kind().wire));
        assertEquals(List.of("fine"), kinds);
    }

    @Test
    void aBuildingEntranceAlertsOnceAtTheFirstReadOfEachStay() {
        Zone z = zone(ZoneKind.BUILDING_ENTRANCE, 0);
        ZoneStays stays = new ZoneStays(GAP);
        assertEquals(List.of("entered"), park(stays, z, 7, 2));
        List<ZoneStays.Hit> again = stays.onRead(z, 7, "S", T0 + 10 * 60_000L, T0);
        assertEquals(1, again.size(), "a new stay after leaving");
        assertEquals(T0 + 10 * 60_000L, again.get(0).enterMs());
    }

    @Test
    void idleStaysAreForgotten() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        stays.onRead(z, 1, "S", T0, T0);
        stays.onRead(z, 2, "S", T0 + 50_000, T0 + 50_000);
        assertEquals(1, stays.purge(T0 + 100_000, 60_000));
    }

    @Test
    void aStayIsKeptWhileItsNewestReadIsWithinTheIdleTimeOfTheClock() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        // read 4 minutes ahead of its arrival (a station clock running fast, within what is accepted)
        stays.onRead(z, 1, "S", T0 + 240_000, T0);
        assertEquals(1, stays.purge(T0 + 200_000, 180_000), "its newest read is 40 s ahead of the clock");
        assertEquals(0, stays.purge(T0 + 421_000, 180_000));
    }

    @Test
    void aStayReadBackAgainIsKeptAsLongAsItsRowIsRead() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        ZoneStays.Snapshot row = new ZoneStays.Snapshot(z.id(), 3, T0 - 600_000, T0 - 600_000, T0, "S", 0, 0, 0);
        stays.merge(List.of(row), T0, id -> z);
        // 6 minutes later the same row, unchanged, is read again (another look of the read-back)
        stays.merge(List.of(row), T0 + 360_000, id -> z);
        assertEquals(1, stays.purge(T0 + 360_000, 180_000), "the member heard of it just now");
        List<ZoneStays.Hit> hits = new ArrayList<>();
        for (long t = T0 + 20_000; t <= T0 + 360_000; t += 20_000) {
            hits.addAll(stays.onRead(z, 3, "S", t, T0 + 360_000));
        }
        assertEquals(
                List.of(ZoneStays.Hit.Kind.TEXT),
                hits.stream().map(ZoneStays.Hit::kind).toList());
        assertEquals(T0 - 600_000, hits.get(0).enterMs(), "timed from the stored first read");
        assertEquals(0, stays.purge(T0 + 360_000 + 180_001, 180_000), "nothing heard for the idle time");
    }

    @Test
    void lateReadsOfAForgottenStayAreJoinedToItsRowAndDecidedAtTheReadBack() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        assertEquals(List.of(), park(stays, z, 4, 10));
        long silent = T0 + 10 * 60_000L; // the last read before the station fell silent
        assertEquals(0, stays.purge(silent + 360_000, 180_000), "6 minutes without news: forgotten");
        List<ZoneStays.Snapshot> rows = stays.dirty(silent + 360_000);
        assertEquals(
                List.of(silent), rows.stream().map(ZoneStays.Snapshot::last).toList(), "its row written");
        stays.takeFirstOpened();
        // the station's buffer arrives: 6 more minutes of reads, a new stay here
        List<ZoneStays.Hit> hits = new ArrayList<>();
        for (long t = silent + 20_000; t <= silent + 360_000; t += 20_000) {
            hits.addAll(stays.onRead(z, 4, "S", t, silent + 360_000));
        }
        assertEquals(List.of(), hits, "5 min 40 s on its own");
        assertEquals(silent + 20_000, stays.takeFirstOpened(), "how far back the read-back must reach");
        hits = stays.merge(rows, silent + 361_000, id -> z);
        assertEquals(
                List.of(ZoneStays.Hit.Kind.TEXT),
                hits.stream().map(ZoneStays.Hit::kind).toList());
        assertEquals(T0, hits.get(0).enterMs(), "timed from the first read before the silence");
        assertEquals(silent + 360_000, hits.get(0).atMs());
    }

    @Test
    void aStayReadBackFromAnotherMemberThatRanIntoThisOneLendsItsStart() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        long other = T0 - 10 * 60_000L; // another member read the tag from here until T0 - 20 s
        assertEquals(List.of(), stays.onRead(z, 9, "S", T0, T0), "6 minutes here alone: nothing yet");
        stays.merge(List.of(new ZoneStays.Snapshot(z.id(), 9, other, other, T0 - 20_000, "S", 0, 0, 0)), T0, id -> z);
        List<ZoneStays.Hit> hits = new ArrayList<>();
        for (long t = T0 + 20_000; t <= T0 + 6 * 60_000L; t += 20_000) {
            hits.addAll(stays.onRead(z, 9, "S", t, t));
        }
        assertEquals(1, hits.size(), hits.toString());
        assertEquals(ZoneStays.Hit.Kind.TEXT, hits.get(0).kind());
        assertEquals(other, hits.get(0).enterMs(), "timed from the other member's first read");
        // a stored stay that ended more than a gap before this one began stays apart
        ZoneStays apart = new ZoneStays(GAP);
        apart.onRead(z, 9, "S", T0, T0);
        apart.merge(List.of(new ZoneStays.Snapshot(z.id(), 9, other, other, T0 - 60_000, "S", 0, 0, 0)), T0, id -> z);
        List<ZoneStays.Hit> none = new ArrayList<>();
        for (long t = T0 + 20_000; t <= T0 + 6 * 60_000L; t += 20_000) {
            none.addAll(apart.onRead(z, 9, "S", t, t));
        }
        assertEquals(List.of(), none);
    }

    @Test
    void aStayNotYetWrittenThatANewerStoredOneReplacesIsStillWritten() {
        Zone z = zone(ZoneKind.FIRE_LANE, 900);
        ZoneStays stays = new ZoneStays(GAP);
        stays.onRead(z, 5, "S", T0, T0); // opened here, not written yet
        // another member's stay of the tag began two minutes later and is newer: it replaces this one
        long later = T0 + 120_000;
        stays.merge(
                List.of(new ZoneStays.Snapshot(z.id(), 5, later, later, later + 60_000, "S", 0, 0, 0)), later, id -> z);
        List<ZoneStays.Snapshot> written = stays.dirty(later + 60_000);
        assertEquals(
                List.of(T0), written.stream().map(ZoneStays.Snapshot::opened).toList(), "the replaced stay's row");
        assertEquals(List.of(), stays.dirty(later + 61_000), "written once; the stored one needs no write");
    }
}
