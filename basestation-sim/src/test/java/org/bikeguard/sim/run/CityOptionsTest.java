package org.bikeguard.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.sim.city.CitySpec;
import org.junit.jupiter.api.Test;

class CityOptionsTest {
    private static final long NOW =
            OffsetDateTime.parse("2026-11-23T14:30:00+08:00").toInstant().toEpochMilli();

    @Test
    void theFixedFlagsParse() throws Exception {
        CityOptions o = CityOptions.parse(
                "--city",
                "small",
                "--seed",
                "7",
                "--duration",
                "PT2H",
                "--speed",
                "120",
                "--mqtt",
                "127.0.0.1:1883",
                "--api",
                "http://127.0.0.1:8080",
                "--provision",
                "--thefts",
                "5",
                "--truth",
                "truth.jsonl");
        assertEquals(CitySpec.SMALL, o.spec());
        assertEquals(7, o.seed());
        assertEquals(Duration.ofHours(2), o.duration());
        assertEquals(120, o.speed());
        assertEquals("127.0.0.1", o.host());
        assertEquals(1883, o.port());
        assertEquals("http://127.0.0.1:8080", o.api());
        assertTrue(o.provision());
        assertEquals(5, o.thefts());
        assertEquals("truth.jsonl", o.truth());
        assertTrue(o.aggregated());
        assertNull(CityOptions.parse("--help"));
    }

    @Test
    void violationsAreARatePerPassageAndZoneParkingIsRefusedForNow() throws Exception {
        assertEquals(0, CityOptions.parse().violations());
        CityOptions o = CityOptions.parse("--violations", "0.05", "--intersections", "x.geojson");
        assertEquals(0.05, o.violations());
        assertEquals("x.geojson", o.intersections());
        assertThrows(UsageException.class, () -> CityOptions.parse("--violations", "1.5"));
        assertThrows(UsageException.class, () -> CityOptions.parse("--violations", "-0.1"));
        assertEquals(0, CityOptions.parse("--zone-parking", "0").zoneParking());
        assertEquals(30, CityOptions.parse("--zone-parking", "30").zoneParking());
        assertThrows(
                UsageException.class,
                () -> CityOptions.parse("--zone-parking", "301"),
                "at most a tenth of the small city's 3,000 bikes");
    }

    @Test
    void fastRunsEndNowAndNeverInTheFuture() throws Exception {
        RunWindow w = RunWindow.resolve(CityOptions.parse("--duration", "PT2H", "--speed", "120"), NOW);
        assertEquals(NOW - 7_200_000, w.start());
        assertEquals(NOW, w.end());
        RunWindow live = RunWindow.resolve(CityOptions.parse("--duration", "forever"), NOW);
        assertEquals(NOW, live.start());
        assertEquals(Long.MAX_VALUE, live.end());
        assertThrows(
                UsageException.class,
                () -> RunWindow.resolve(
                        CityOptions.parse(
                                "--start", "2026-11-23T14:00:00+08:00", "--duration", "PT1H", "--speed", "max"),
                        NOW));
        assertThrows(
                UsageException.class,
                () -> RunWindow.resolve(CityOptions.parse("--start", "2026-11-24T07:00:00+08:00"), NOW));
    }

    @Test
    void aTimeOfDayStartIsTheLatestThatFitsInThePast() throws Exception {
        RunWindow today =
                RunWindow.resolve(CityOptions.parse("--start", "07:00", "--duration", "PT1H", "--speed", "max"), NOW);
        assertEquals(
                OffsetDateTime.parse("2026-11-23T07:00:00+08:00").toInstant().toEpochMilli(), today.start());
        RunWindow yesterday =
                RunWindow.resolve(CityOptions.parse("--start", "14:00", "--duration", "PT1H", "--speed", "10"), NOW);
        assertEquals(
                OffsetDateTime.parse("2026-11-22T14:00:00+08:00").toInstant().toEpochMilli(), yesterday.start());
    }

    @Test
    void customSizesAndBadValues() throws Exception {
        CityOptions o = CityOptions.parse(
                "--stations", "1000", "--bikes", "20000", "--size-km", "9", "--raw", "--format", "json");
        assertEquals(1000, o.spec().stations());
        assertEquals(20_000, o.spec().bikes());
        assertEquals(9_000, o.spec().sizeM());
        assertEquals(9, o.spec().intersections());
        assertTrue(!o.aggregated() && o.json() && o.entries() <= 400);
        assertThrows(UsageException.class, () -> CityOptions.parse("--speed", "fast"));
        assertThrows(UsageException.class, () -> CityOptions.parse("--provision"));
        assertThrows(UsageException.class, () -> CityOptions.parse("--raw", "--aggregated"));
        assertThrows(UsageException.class, () -> CityOptions.parse("--bogus"));
        assertThrows(UsageException.class, () -> CityOptions.parse("--stations", "1"));
    }
}
