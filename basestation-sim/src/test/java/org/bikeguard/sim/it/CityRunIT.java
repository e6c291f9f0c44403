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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.run.CityOptions;
import org.bikeguard.sim.run.CityRunner;
import org.bikeguard.sim.score.Score;
import org.bikeguard.sim.score.Scorer;
import org.bikeguard.sim.score.Truth;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A short accelerated city against a real tracker (embedded PostgreSQL, Hazelcast, MQTT and
 * HTTP on ephemeral loopback ports, started in this JVM as the tracker's own tests do): the
 * stations are provisioned through the API, a fixed morning runs at maximum speed, and the scorer
 * must find at least 98 % of the visits and no ghost. The scenario never depends on today: each
 * morning is a fixed date, and the tracker and the simulator share a clock ticking from a fixed
 * instant after it ({@link ScenarioDate}), so the same seed gives the same city every day.
 */
class CityRunIT {
    private TrackerKit tracker;

    @AfterEach
    void stopTracker() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /**
     * The mornings: a full weekday hour (Tuesday 24 November 2026, 07:00), and a shorter one in
     * 2027 (Monday 15 March, 06:30, 30 minutes), each followed by the tracker's "now" that day.
     */
    static Stream<Arguments> mornings() {
        return Stream.of(
                Arguments.of(ScenarioDate.WEEKDAY, "2026-11-24T07:00+08:00", "PT1H", 1_000, 3),
                Arguments.of(ScenarioDate.YEAR_2027, "2027-03-15T06:30+08:00", "PT30M", 300, 3));
    }

    @ParameterizedTest(name = "{1} for {2}")
    @MethodSource("mornings")
    void aMorningIsFoundByTheTrackerWithoutGhosts(
            ScenarioDate now, String start, String duration, int minVisits, int thefts) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Clock clock = ScenarioClock.ticking(now.instant());
        tracker = TrackerKit.builder().clock(clock).start();
        Path truthFile = Files.createTempFile(tmp, "city-it", ".jsonl");
        Path exports = Files.createTempDirectory(tmp, "city-it-exports");
        String api = tracker.baseUrl();
        CityOptions o = CityOptions.parse(
                "--stations",
                "120",
                "--bikes",
                "1500",
                "--size-km",
                "4",
                "--seed",
                "11",
                "--start",
                start,
                "--duration",
                duration,
                "--speed",
                "max",
                "--mqtt",
                "127.0.0.1:" + tracker.mqttPort(),
                "--api",
                api,
                "--provision",
                "--provision-bikes",
                "0",
                "--thefts",
                "3",
                "--clones",
                "1",
                "--truth",
                truthFile.toString(),
                "--export",
                exports.toString(),
                "--progress",
                "5s");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = new CityRunner(o, new PrintStream(log, true, StandardCharsets.UTF_8), tracker.adminPassword(), clock)
                .run();
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("120 stations") && out.contains("\"allAcked\":true"), out);
        long entries = result(out, "entries");
        waitUntilApplied(tracker, entries);

        Truth truth = Truth.load(truthFile);
        Score score =
                Scorer.score(truth, new TrackerClient(api, "admin", tracker.adminPassword()), truth.gapMs(), 5_000, 8);
        Score.Tally all = score.total();
        System.out.printf(
                "CityRunIT %s: %d of %d visits found (%.2f %%), %d ghosts, %d sightings%n",
                start, all.found(), all.scored(), all.foundPercent(), all.ghosts(), all.sightings());
        assertEquals(1500, score.tags());
        assertTrue(all.scored() > minVisits, "a morning has many visits: " + all.scored());
        assertTrue(all.foundPercent() >= 98.0, "found " + all.foundPercent() + " %");
        assertEquals(0, all.ghosts(), "ghost sightings");
        assertTrue(score.row("theft").visits() + score.row("normal").visits() == all.visits());
        String text = Files.readString(truthFile);
        assertEquals(thefts, count(text, "\"type\":\"theft\""));
        demoAccountsWork(api, exports);
    }

    /** The city's installation points are saved and the installer named in demo-accounts.txt logs in. */
    private void demoAccountsWork(String api, Path exports) throws Exception {
        TrackerClient admin = new TrackerClient(api, "admin", tracker.adminPassword());
        assertTrue(admin.get("/api/v1/installation-points").toString().contains("\"dailyCapacity\":40"));
        Matcher pw = Pattern.compile("installer password: (\\S+)")
                .matcher(Files.readString(exports.resolve("demo-accounts.txt")));
        assertTrue(pw.find());
        TrackerClient installer = new TrackerClient(api, "installer", pw.group(1));
        installer.login();
        installer.get("/api/v1/requests"); // a staff route: 401/403 would throw
    }

    private static long result(String out, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    /** Acknowledged reads are applied to the sightings a moment later: wait for the applier. */
    private static void waitUntilApplied(TrackerKit tracker, long entries) {
        Pattern p = Pattern.compile("(?m)^bikeguard_correlate_reads_applied_total\\s+([0-9.eE+]+)");
        Poll.until(Duration.ofSeconds(60), "the tracker to apply " + entries + " reads", () -> {
            Matcher m = p.matcher(tracker.http().get("/metrics").body());
            return m.find() && Double.parseDouble(m.group(1)) >= entries;
        });
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
