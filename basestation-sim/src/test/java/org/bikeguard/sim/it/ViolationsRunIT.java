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
        run(false);
    }

    /**
     * The same hour (at 60x real time) with a controller station per intersection publishing the
     * phases over MQTT, and no fixed-time plan exported (the tracker knows the phases from the
     * messages alone): every kind as well matched, and the phase history
     * holds the controllers' messages.
     */
    @Test
    void withSignalControllersTheTrackerFollowsTheirPhasesAndStillMatchesTheTruth() throws Exception {
        run(true);
    }

    private void run(boolean controllers) throws Exception {
        Clock clock = ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant());
        tracker = TrackerKit.builder()
                .clock(clock)
                .env("BIKEGUARD_VIOLATION_GAP_MS", "10000")
                .start();
        Path truthFile = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "violations-it", ".jsonl");
        List<String> args = new java.util.ArrayList<>(List.of(
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
                "10s"));
        if (controllers) {
            // a controller's messages are acknowledged one by one once stored (4 in flight): at
            // maximum speed (hundreds of times real time) they fall behind the reads, and the
            // tracker would judge passages by a phase that has long changed; 60x keeps them ahead.
            // Frames leave every 100 ms of wall time (6 s of station time), so the readers' frames
            // do not arrive far out of order and split passages.
            args.add("--signal-controllers");
            args.set(args.indexOf("max"), "60");
            args.addAll(List.of("--flush-ms", "100"));
        }
        CityOptions o = CityOptions.parse(args.toArray(String[]::new));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = new CityRunner(o, new PrintStream(log, true, StandardCharsets.UTF_8), tracker.adminPassword(), clock)
                .run();
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("provisioned 4 intersections"), out);

        Truth truth = Truth.load(truthFile, false);
        TrackerClient api = new TrackerClient(tracker.baseUrl(), "admin", tracker.adminPassword());
        api.login();
        if (controllers) {
            com.fasterxml.jackson.databind.JsonNode phases = api.get(
                    "/api/v1/intersections/I01/phases",
                    java.util.Map.of(
                            "from", "2026-11-23T23:00:00Z",
                            "to", "2026-11-24T00:00:00Z"));
            // a 80-120 s cycle has 6 changes: about 180-270 in the hour, plus repeats of long greens
            assertTrue(phases.path("phases").size() >= 150, phases.toString());
            assertTrue(phases.toString().contains("\"N.through\""), phases.toString());
        }
        String[] report = {""};
        // passages are decided at their crossing; one that never crosses after three gaps without a read
        try {
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
                            k,
                            t.truth(),
                            t.found(),
                            t.reported(),
                            t.matched(),
                            t.recallPercent(),
                            t.precisionPercent()));
                    ok &= t.truth() >= 20 && t.recallPercent() >= 95 && t.precisionPercent() >= 97;
                }
                report[0] = sb.toString();
                return ok;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + report[0], e);
        }
        System.out.println("ViolationsRunIT" + (controllers ? " (controllers)" : "") + ": " + report[0]);
    }
}
