package org.bikeguard.tracker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bikeguard.tracker.station.Station;
import org.junit.jupiter.api.Test;

/** The small pieces of the alarm path: the primitive set, the per-sighting rules, the wire form. */
class AlertUnitsTest {

    @Test
    void longSetHoldsExactlyItsValuesIncludingZeroAndNegatives() {
        Random r = new Random(7);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            values.add(r.nextLong());
        }
        values.add(0L);
        values.add(-1L);
        LongSet s = LongSet.of(values);
        assertEquals(Set.copyOf(values).size(), s.size());
        values.forEach(v -> assertTrue(s.contains(v)));
        for (int i = 0; i < 5000; i++) {
            long v = r.nextLong();
            assertEquals(values.contains(v), s.contains(v));
        }
        assertFalse(LongSet.EMPTY.contains(0));
        assertFalse(LongSet.of(List.of(5L)).contains(0));
    }

    @Test
    void trailsStartANewSightingOnlyAfterTheGapAtTheSameStation() {
        Trails t = new Trails(30_000);
        assertTrue(t.onRead(1, 7, 1_000_000));
        assertFalse(t.onRead(1, 7, 1_020_000), "within the gap");
        assertFalse(t.onRead(1, 7, 990_000), "slightly out of order");
        assertTrue(t.onRead(1, 8, 1_030_000), "another station");
        assertFalse(t.onRead(1, 7, 1_045_000), "back within the gap of the first stay");
        assertTrue(t.onRead(1, 7, 1_200_000), "after the gap");
        assertTrue(t.onRead(2, 7, 1_200_000), "another tag");
        Station s7 = new Station("S-7", 7, "s", "street", 1, 2, 10, new byte[32]);
        Station s8 = new Station("S-8", 8, "s", "street", 3, 4, 10, new byte[32]);
        List<Alarm.Recent> recent = t.recent(1, i -> i == 7 ? s7 : i == 8 ? s8 : null);
        assertEquals(
                List.of("S-7", "S-8", "S-7"),
                recent.stream().map(Alarm.Recent::station).toList());
        assertEquals(990_000, recent.get(0).firstSeen());
        assertEquals(1_045_000, recent.get(0).lastSeen());
        t.retain(tag -> tag == 2);
        assertEquals(List.of(), t.recent(1, i -> s7));
    }

    @Test
    void tamperMarkSaysNewOncePerSighting() {
        Map<String, Long> map = new HashMap<>();
        assertTrue(mark(map, 1, 1, 100_000));
        assertFalse(mark(map, 1, 1, 120_000));
        assertFalse(mark(map, 1, 1, 140_000));
        assertFalse(mark(map, 1, 1, 90_000), "slightly out of order");
        assertTrue(mark(map, 1, 2, 140_000), "another station");
        assertTrue(mark(map, 2, 1, 140_000), "another tag");
        assertTrue(mark(map, 1, 1, 200_000), "after the gap");
        assertEquals(200_000L, map.get(TamperSightings.key(1, 1)));
    }

    /** Applies the entry processor as the key's partition would. */
    private static boolean mark(Map<String, Long> map, long tag, int station, long ts) {
        String key = TamperSightings.key(tag, station);
        Map.Entry<String, Long> e = new java.util.AbstractMap.SimpleEntry<>(key, map.get(key)) {
            @Override
            public Long setValue(Long v) {
                map.put(key, v);
                return super.setValue(v);
            }
        };
        return new TamperSightings.Mark(ts, 30_000).process(e);
    }

    @Test
    void alarmJsonRoundTripsAndUsesTheContractNames() {
        Alarm a = new Alarm(
                12,
                AlarmType.STOLEN,
                3L,
                "HY-3",
                0xE2000017L,
                "衡阳A1",
                "HY-0001",
                112.57,
                26.89,
                1_732_333_333_123L,
                1_732_333_333_200L,
                List.of(new Alarm.Recent("HY-0002", 112.58, 26.9, 1_732_333_000_000L, 1_732_333_100_000L)),
                List.of(new Alarm.Next("HY-0003", 112.59, 26.91, 0.5)));
        var j = a.toJson();
        assertEquals("stolen", j.getString("type"));
        assertEquals("E2000017", j.getString("tag"));
        assertEquals("2024-11-23T03:42:13.123Z", j.getString("at"));
        assertTrue(
                j.containsKey("caseId") && j.containsKey("plate") && j.containsKey("station") && j.containsKey("lon"));
        assertEquals(a, Alarm.fromJson(j));
        var none = new Alarm(1, AlarmType.TAMPER, null, null, 1, null, "S", 0, 0, 0, 0, List.of(), List.of()).toJson();
        assertTrue(none.containsKey("caseId"));
        assertEquals(null, none.getValue("caseId"));
    }

    @Test
    void watchListEntriesEncodeAndDecode() {
        var e = new WatchList.Entry(5, 9L, "HY-9", "衡阳B");
        assertEquals(e, WatchList.decode(5, WatchList.encode(e)));
        var bare = new WatchList.Entry(5, null, null, null);
        assertEquals(bare, WatchList.decode(5, WatchList.encode(bare)));
    }

    @Test
    void nightIsElevenToFiveInShanghai() {
        PatternRules r = PatternRules.defaults(java.time.Duration.ofSeconds(30));
        assertTrue(r.isNight(java.time.Instant.parse("2026-11-20T15:00:00Z").toEpochMilli())); // 23:00
        assertTrue(r.isNight(java.time.Instant.parse("2026-11-20T20:59:00Z").toEpochMilli())); // 04:59
        assertFalse(r.isNight(java.time.Instant.parse("2026-11-20T21:00:00Z").toEpochMilli())); // 05:00
        assertFalse(r.isNight(java.time.Instant.parse("2026-11-20T14:59:00Z").toEpochMilli())); // 22:59
    }
}
