package org.bikeguard.sim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.run.CityOptions;
import org.bikeguard.sim.run.CityRunner;
import org.bikeguard.sim.score.Truth;
import org.bikeguard.sim.score.ViolationReport;
import org.bikeguard.sim.score.ViolationScore;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The small city's weekday rush hour with violations on, against a real tracker: the
 * intersections are imported with the stations (--provision), the hour runs at maximum speed,
 * and the tracker's violations must match the ground truth's with precision of at least 97 % and
 * recall of at least 95 % per kind. The tracker's passage gap is 10 s (the simulated tags beacon
 * every 2 s and nothing reads a rider inside the box). Fixed date, shared ticking clock.
 */
class ViolationsRunIT {
    private TrackerKit tracker;

    @AfterEach
    void stopTracker() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void theTrackersViolationsMatchTheTruthPerKind() throws Exception {
        Clock clock = ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant());
        tracker = TrackerKit.builder()
                .clock(clock)
                .env("BIKEGUARD_VIOLATION_GAP_MS", "10000")
                .start();
        Path truthFile = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "violations-it", ".jsonl");
        CityOptions o = CityOptions.parse(
                "--city",
                "small",
                "--seed",
                "7",
                "--start",
                "2026-11-24T07:00+08:00",
                "--duration",
                "PT1H",
                "--speed",
                "max",
                "--mqtt",
                "127.0.0.1:" + tracker.mqttPort(),
                "--api",
                tracker.baseUrl(),
                "--provision",
                "--provision-bikes",
                "0",
                "--violations",
                "0.2",
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
        assertTrue(out.contains("provisioned 4 intersections"), out);

        Truth truth = Truth.load(truthFile, false);
        TrackerClient api = new TrackerClient(tracker.baseUrl(), "admin", tracker.adminPassword());
        api.login();
        String[] report = {""};
        // passages are decided at their crossing; one that never crosses after three gaps without a read
        Poll.until(Duration.ofSeconds(90), "violations matching the truth", () -> {
            List<ViolationScore.Violation> reported;
            try {
                reported = ViolationReport.fetch(api, truth.start(), truth.end() + 120_000);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            ViolationScore s =
                    new ViolationScore(truth.violations(), reported, 120_000, truth.start(), truth.end() - 120_000);
            StringBuilder sb = new StringBuilder();
            boolean ok = true;
            for (String k : ViolationScore.KINDS) {
                ViolationScore.Tally t = s.kind(k);
                sb.append(String.format(
                        "%s truth %d found %d reported %d matched %d recall %.2f %% precision %.2f %%; ",
                        k, t.truth(), t.found(), t.reported(), t.matched(), t.recallPercent(), t.precisionPercent()));
                ok &= t.truth() >= 20 && t.recallPercent() >= 95 && t.precisionPercent() >= 97;
            }
            report[0] = sb.toString();
            return ok;
        });
        System.out.println("ViolationsRunIT: " + report[0]);
    }
}
