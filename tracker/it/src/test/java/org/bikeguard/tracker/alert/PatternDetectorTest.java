package org.bikeguard.tracker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.Poll;
import org.bikeguard.tracker.station.Station;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clone and silent rules on hand-made frames. */
class PatternDetectorTest {

    private static final Station[] STATIONS = {
        null,
        new Station("S-1", 1, "one", "street", 112.570, 26.890, 80, new byte[32]),
        new Station("S-2", 2, "two", "street", 112.571, 26.890, 80, new byte[32]), // ~100 m east
        new Station("S-3", 3, "three", "street", 112.670, 26.890, 80, new byte[32]), // ~9.9 km east
    };
    private final List<AlarmCandidate> raised = new CopyOnWriteArrayList<>();
    private final PatternDetector detector = new PatternDetector(
            PatternRules.defaults(Duration.ofSeconds(30)),
            i -> i > 0 && i < STATIONS.length ? STATIONS[i] : null,
            raised::add,
            1024);

    @AfterEach
    void stop() {
        detector.close();
    }

    private void read(int station, long tag, long ts) {
        detector.offer(station, Frame.of(STATIONS[station].id(), ts, List.of(new Read(tag, ts, -60, 1, 0))), ts);
    }

    private void drain() {
        Poll.until(Duration.ofSeconds(5), "queue drained", () -> detector.pending() == 0);
        // one more frame through the same queue guarantees the previous ones were applied
        read(1, 0xFFFF, 1);
        Poll.until(Duration.ofSeconds(5), "queue drained", () -> detector.pending() == 0);
    }

    @Test
    void tenKilometresInTwentySecondsIsAClone() {
        long t = 1_700_000_000_000L;
        read(1, 0xA, t);
        read(3, 0xA, t + 20_000);
        Poll.until(Duration.ofSeconds(5), "clone", () -> !raised.isEmpty());
        AlarmCandidate c = raised.get(0);
        assertEquals(AlarmType.CLONE, c.type());
        assertEquals(3, c.stationIdx());
        assertEquals(
                List.of("S-1", "S-3"),
                c.recent().stream().map(Alarm.Recent::station).toList());
    }

    @Test
    void tenKilometresInFifteenMinutesIsPlausibleAndNeighboursOverlap() {
        long t = 1_700_000_000_000L;
        read(1, 0xB, t);
        read(3, 0xB, t + 15 * 60_000); // 40 km/h
        read(1, 0xC, t);
        read(2, 0xC, t); // 100 m apart, radii 80 m each: overlapping coverage
        drain();
        assertEquals(List.of(), raised);
    }

    @Test
    void oneCloneAlarmPerTagWithinTheQuietPeriod() {
        long t = 1_700_000_000_000L;
        read(1, 0xD, t);
        read(3, 0xD, t + 1_000);
        read(1, 0xD, t + 2_000);
        read(3, 0xD, t + 3_000);
        drain();
        assertEquals(1, raised.stream().filter(c -> c.tag() == 0xD).count());
    }

    @Test
    void parkedAtNightThenSilentWhileTheStationHearsOthersIsSilent() {
        // 01:00..03:05 Asia/Shanghai at S-1, then nothing from the tag; S-1 hears another tag at 03:20
        long begin = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
        long end = begin + Duration.ofMinutes(125).toMillis();
        for (long t = begin; t <= end; t += 20_000) {
            read(1, 0xE, t);
        }
        read(1, 0xE0, end + Duration.ofMinutes(15).toMillis());
        Poll.until(Duration.ofSeconds(10), "silent alarm (sweeps every 2 s)", () -> !raised.isEmpty());
        AlarmCandidate c = raised.get(0);
        assertEquals(AlarmType.SILENT, c.type());
        assertEquals(0xE, c.tag());
        assertEquals(end, c.at());
        assertEquals(1, raised.size());
    }

    @Test
    void leavingHomeByDayOrMovingOnToAnotherStationIsNotSilent() {
        long begin = Instant.parse("2026-11-20T01:00:00Z").toEpochMilli(); // 09:00 local
        long end = begin + Duration.ofMinutes(125).toMillis();
        for (long t = begin; t <= end; t += 20_000) {
            read(1, 0xF1, t);
        }
        long night = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
        long nightEnd = night + Duration.ofMinutes(125).toMillis();
        for (long t = night; t <= nightEnd; t += 20_000) {
            read(2, 0xF2, t);
        }
        read(3, 0xF2, nightEnd + 60_000 * 20); // heard elsewhere (20 min later, plausible)
        read(1, 0xF0, nightEnd + Duration.ofMinutes(30).toMillis());
        read(2, 0xF0, nightEnd + Duration.ofMinutes(30).toMillis());
        drain();
        long sweepsAt = System.nanoTime();
        Poll.until(Duration.ofSeconds(6), "two sweeps", () -> System.nanoTime() - sweepsAt > 4_500_000_000L);
        assertTrue(raised.stream().noneMatch(c -> c.type() == AlarmType.SILENT), raised.toString());
    }
}
