package org.bikeguard.sim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.run.CityOptions;
import org.bikeguard.sim.run.CityRunner;
import org.bikeguard.sim.run.RunWindow;
import org.bikeguard.sim.score.Score;
import org.bikeguard.sim.score.Scorer;
import org.bikeguard.sim.score.Truth;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.testsupport.TestTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short accelerated city against a real tracker (embedded PostgreSQL, Hazelcast, MQTT and
 * HTTP on ephemeral loopback ports, started in this JVM as the tracker's own tests do): the
 * stations are provisioned through the API, a weekday morning hour runs at maximum speed, and
 * the scorer must find at least 98 % of the visits and no ghost.
 */
class CityRunIT {
    private static final String ADMIN_PASSWORD = TestTracker.ADMIN_PASSWORD;
    private static TrackerApp app;

    @BeforeAll
    static void startTracker() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        app = TestTracker.start(Map.of(
                "BIKEGUARD_DATA_DIR", Files.createTempDirectory(tmp, "city-it-data").toString(),
                "BIKEGUARD_HZ_PORT", "5960"));
    }

    @AfterAll
    static void stopTracker() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** 07:00 Asia/Shanghai of the latest weekday whose 07:00-08:00 lies in the past. */
    private static String lastWeekdayMorning() {
        ZonedDateTime now = ZonedDateTime.now(RunWindow.SHANGHAI);
        LocalDate d = now.toLocalDate();
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY
                || d.atTime(8, 0).atZone(RunWindow.SHANGHAI).isAfter(now)) {
            d = d.minusDays(1);
        }
        return d.atTime(7, 0).atOffset(RunWindow.SHANGHAI).toString();
    }

    @Test
    void aMorningHourIsFoundByTheTrackerWithoutGhosts() throws Exception {
        Path truthFile = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")),
                "city-it", ".jsonl");
        String api = "http://127.0.0.1:" + app.httpPort();
        CityOptions o = CityOptions.parse("--stations", "120", "--bikes", "1500", "--size-km", "4",
                "--seed", "11", "--start", lastWeekdayMorning(), "--duration", "PT1H",
                "--speed", "max", "--mqtt", "127.0.0.1:" + app.mqttPort(), "--api", api,
                "--provision", "--provision-bikes", "0", "--thefts", "3", "--clones", "1",
                "--truth", truthFile.toString(), "--progress", "5s");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = new CityRunner(o, new PrintStream(log, true, StandardCharsets.UTF_8),
                ADMIN_PASSWORD).run();
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("120 stations") && out.contains("\"allAcked\":true"), out);
        long entries = result(out, "entries");
        waitUntilApplied(entries);

        Truth truth = Truth.load(truthFile);
        Score score = Scorer.score(truth, new TrackerClient(api, "admin", ADMIN_PASSWORD),
                truth.gapMs(), 5_000, 8);
        Score.Tally all = score.total();
        System.out.printf("CityRunIT: %d of %d visits found (%.2f %%), %d ghosts, %d sightings%n",
                all.found(), all.scored(), all.foundPercent(), all.ghosts(), all.sightings());
        assertEquals(1500, score.tags());
        assertTrue(all.scored() > 1_000, "a morning hour has many visits: " + all.scored());
        assertTrue(all.foundPercent() >= 98.0, "found " + all.foundPercent() + " %");
        assertEquals(0, all.ghosts(), "ghost sightings");
        assertTrue(score.row("theft").visits() + score.row("normal").visits() == all.visits());
        String text = Files.readString(truthFile);
        assertEquals(3, count(text, "\"type\":\"theft\""));
    }

    private static long result(String out, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    /** Acknowledged reads are applied to the sightings a moment later: wait for the applier. */
    private static void waitUntilApplied(long entries) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern p = Pattern.compile("(?m)^bikeguard_correlate_reads_applied_total\\s+([0-9.eE+]+)");
        long limit = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < limit) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + app.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = p.matcher(metrics);
            if (m.find() && Double.parseDouble(m.group(1)) >= entries) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the tracker did not apply " + entries + " reads within 60 s");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
