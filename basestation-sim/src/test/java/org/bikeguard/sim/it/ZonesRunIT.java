package org.bikeguard.sim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.run.CityOptions;
import org.bikeguard.sim.run.CityRunner;
import org.bikeguard.sim.score.Truth;
import org.bikeguard.sim.score.ZoneReport;
import org.bikeguard.sim.score.ZoneScore;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two hours of the small city with {@code --zone-parking 300} (about 25 bikes parked in no-go
 * zones for 5-14 or 16-60 minutes) against a real tracker: the zones are provisioned with the
 * stations, the run goes at maximum speed, and the tracker's stays must match the truth's
 * {@code zone_dwell} records with recall and precision of at least 95 %, and its entry alerts,
 * fire-lane texts and fines (a dwell beyond 15 minutes texts, one under does not) the events the
 * dwells call for, likewise. Fixed date, shared ticking clock.
 */
class ZonesRunIT {
    private TrackerKit tracker;

    @AfterEach
    void stopTracker() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void theTrackersZoneStaysAndRuleEventsMatchTheTruth() throws Exception {
        Clock clock = ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant());
        tracker = TrackerKit.builder().clock(clock).start();
        Path truthFile = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "zones-it", ".jsonl");
        CityOptions o = CityOptions.parse(
                "--city",
                "small",
                "--seed",
                "7",
                "--start",
                "2026-11-24T07:00+08:00",
                "--duration",
                "PT2H",
                "--speed",
                "max",
                "--mqtt",
                "127.0.0.1:" + tracker.mqttPort(),
                "--api",
                tracker.baseUrl(),
                "--provision",
                "--provision-bikes",
                "0",
                "--zone-parking",
                "300",
                "--no-outages",
                "--truth",
                truthFile.toString(),
                "--progress",
                "10s");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = new CityRunner(o, new PrintStream(log, true, StandardCharsets.UTF_8), tracker.adminPassword(), clock)
                .run();
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("provisioned 40 no-go zones"), out);

        Truth truth = Truth.load(truthFile, false);
        long parked = truth.zoneDwells().stream()
                .filter(d -> d.exit() - d.enter() >= 5 * 60_000L)
                .count();
        assertTrue(parked >= 15, "bikes parked in zones: " + parked);
        Set<String> zones = new LinkedHashSet<>();
        truth.zoneDwells().forEach(d -> zones.add(d.zone()));
        TrackerClient api = new TrackerClient(tracker.baseUrl(), "admin", tracker.adminPassword());
        api.login();
        String[] report = {""};
        // a stay's newest read is written once it has gone quiet for a gap (30 s of wall time)
        try {
            Poll.until(Duration.ofSeconds(90), "zone stays and events matching the truth", () -> {
                List<ZoneScore.Stay> stays = new ArrayList<>();
                List<ZoneScore.Event> events = new ArrayList<>();
                try {
                    for (String z : zones) {
                        stays.addAll(ZoneScore.fetchStays(api, z, truth.start(), truth.end()));
                        events.addAll(ZoneScore.fetchEvents(api, z, truth.start(), truth.end()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                ZoneScore.Tally d = ZoneScore.dwells(truth.zoneDwells(), stays);
                StringBuilder sb = new StringBuilder(String.format(
                        "dwells truth %d reported %d matched %d recall %.2f %% precision %.2f %%; ",
                        d.truth(), d.reported(), d.matched(), d.recallPercent(), d.precisionPercent()));
                boolean ok = d.recallPercent() >= 95 && d.precisionPercent() >= 95;
                Map<String, ZoneScore.Tally> byKind = ZoneScore.events(truth.zoneDwells(), events, truth.end());
                for (Map.Entry<String, ZoneScore.Tally> e : byKind.entrySet()) {
                    ZoneScore.Tally t = e.getValue();
                    sb.append(String.format(
                            "%s expected %d reported %d matched %d recall %.2f %% precision %.2f %%; ",
                            e.getKey(), t.truth(), t.reported(), t.matched(), t.recallPercent(), t.precisionPercent()));
                    ok &= t.recallPercent() >= 95 && t.precisionPercent() >= 95;
                }
                ok &= byKind.containsKey("text") && byKind.get("text").truth() >= 3;
                report[0] = sb.toString();
                return ok;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + report[0], e);
        }
        System.out.println("ZonesRunIT: " + report[0]);
        // what ops/sim score prints for the same run
        ByteArrayOutputStream scored = new ByteArrayOutputStream();
        new ZoneReport(truth, api, new PrintStream(scored, true, StandardCharsets.UTF_8)).run();
        String score = scored.toString(StandardCharsets.UTF_8);
        System.out.println(score);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "RESULT_ZONE_DWELLS \\{\"truth\":(\\d+),\"reported\":(\\d+),\"matched\":(\\d+)}")
                .matcher(score);
        assertTrue(m.find(), score);
        long n = Long.parseLong(m.group(1));
        assertEquals(truth.zoneDwells().size(), n, score);
        assertTrue(Long.parseLong(m.group(3)) >= 0.95 * n, score);
        assertTrue(Long.parseLong(m.group(3)) >= 0.95 * Long.parseLong(m.group(2)), score);
        assertTrue(score.contains("RESULT_ZONES {"), score);
    }
}
