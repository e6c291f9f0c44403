package org.bikeguard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.config.ConfigLoader;
import org.postgresql.PGConnection;

/**
 * Police query latency on a simulated city day: starts a tracker in this JVM (embedded
 * PostgreSQL in a temporary data dir), imports a grid of {@code --stations} stations (~300 m
 * apart) through the API, COPYs one day of sightings of {@code --bikes} bikes (trips of 5-20
 * consecutive neighbouring stations, 60-90 s apart) plus 30 days of sightings for 20 tags, then
 * times through the HTTP API: "who passed these 10 stations in this hour" ({@code --queries}
 * random station clusters and hours) and one tag's 30-day trajectory ({@code --trajectories}
 * calls). Prints p50/p99/max in ms.
 */
public final class PoliceQueryBench {

    private static final double LON0 = 112.50;
    private static final double LAT0 = 26.80;
    private static final double STEP = 0.003;

    private PoliceQueryBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, "--stations", "--bikes", "--queries", "--trajectories", "--data-dir");
        int stations = a.intValue("--stations", 4334);
        int bikes = a.intValue("--bikes", 50_000);
        int queries = a.intValue("--queries", 50);
        int trajectories = a.intValue("--trajectories", 200);
        Path data = Path.of(
                a.value("--data-dir", Files.createTempDirectory("bench-police").toString()));
        int cols = (int) Math.ceil(Math.sqrt(stations));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", data.toString());
        env.put("BIKEGUARD_DATA_DIR", data.toString());
        // the key file lies outside the data directory (TrackerConfig refuses it inside)
        env.put("BIKEGUARD_KEYS_FILE", data + ".keys");
        env.put("BIKEGUARD_HTTP_PORT", "0");
        env.put("BIKEGUARD_MQTT_PORT", "0");
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_ADMIN_PASSWORD", "bench-admin-password");
        env.put("BIKEGUARD_HZ_PORT", "0"); // an ephemeral port: runs never collide
        env.put("BIKEGUARD_EXTRA_VERTICLES", "");
        TrackerApp app = TrackerApp.start(ConfigLoader.fromMap(env));
        try {
            BenchHttp http = new BenchHttp("http://127.0.0.1:" + app.httpPort()).login("admin", "bench-admin-password");
            importStations(http, stations, cols);
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
            long t0 = System.nanoTime();
            long rows = copyDay(app, day, bikes, stations, cols);
            long rows30 = copy30Days(app, day, stations, cols);
            try (Connection c = app.database().dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("ANALYZE sightings");
            }
            System.out.printf(
                    Locale.ROOT,
                    "data: %d stations, %d sightings of %d bikes in one day (%s), %d sightings over 30 days"
                            + " for 20 tags, loaded in %.0f s%n",
                    stations,
                    rows,
                    bikes,
                    day,
                    rows30,
                    (System.nanoTime() - t0) / 1e9);
            whoPassed(http, day, queries, stations, cols);
            trajectory(http, day, trajectories);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static String id(int i) {
        return String.format("HY-%04d", i + 1);
    }

    private static void importStations(BenchHttp http, int n, int cols) {
        StringBuilder csv = new StringBuilder("id,name,kind,lon,lat,radiusM,secret\n");
        for (int i = 0; i < n; i++) {
            csv.append(id(i))
                    .append(",s")
                    .append(i)
                    .append(",street,")
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", LON0 + STEP * (i % cols), LAT0 + STEP * (i / cols)))
                    .append(",80,bench-station-secret-")
                    .append(i)
                    .append('\n');
        }
        BenchHttp.Resp r = http.send("POST", "/api/v1/stations/import", "text/csv", csv.toString());
        if (r.status() != 200) {
            throw new IllegalStateException("station import: " + r.status() + " " + r.body());
        }
    }

    /** A random walk from station s over grid neighbours. */
    private static int step(Random rnd, int s, int n, int cols) {
        for (int k = 0; k < 8; k++) {
            int dx = rnd.nextInt(3) - 1;
            int dy = rnd.nextInt(3) - 1;
            int x = s % cols + dx;
            int y = s / cols + dy;
            int t = y * cols + x;
            if ((dx != 0 || dy != 0) && x >= 0 && x < cols && y >= 0 && t < n) {
                return t;
            }
        }
        return s;
    }

    private static long copyDay(TrackerApp app, Instant day, int bikes, int n, int cols) throws Exception {
        Random rnd = new Random(42);
        StringBuilder sb = new StringBuilder(1 << 20);
        long rows = 0;
        try (Connection c = app.database().dataSource().getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int b = 0; b < bikes; b++) {
                long tag = 0xE2000000L + b;
                int s = rnd.nextInt(n);
                int trips = 2 + rnd.nextInt(5);
                for (int trip = 0; trip < trips; trip++) {
                    long t = day.toEpochMilli() + (long) rnd.nextInt(23 * 3600) * 1000;
                    int hops = 5 + rnd.nextInt(16);
                    for (int h = 0; h < hops; h++) {
                        long dur = 10_000 + rnd.nextInt(30_000);
                        row(sb, tag, id(s), t, t + dur);
                        rows++;
                        t += dur + 60_000 + rnd.nextInt(30_000);
                        s = step(rnd, s, n, cols);
                    }
                }
                if (sb.length() > (1 << 20)) {
                    flush(copy, sb);
                }
            }
            flush(copy, sb);
        }
        return rows;
    }

    private static long copy30Days(TrackerApp app, Instant day, int n, int cols) throws Exception {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder();
        long rows = 0;
        try (Connection c = app.database().dataSource().getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int k = 0; k < 20; k++) {
                long tag = 0xF3000000L + k;
                int s = rnd.nextInt(n);
                for (int d = 29; d >= 0; d--) {
                    long t = day.minus(Duration.ofDays(d)).toEpochMilli() + 7 * 3600_000L;
                    for (int h = 0; h < 40; h++) {
                        long dur = 10_000 + rnd.nextInt(30_000);
                        row(sb, tag, id(s), t, t + dur);
                        rows++;
                        t += dur + 60_000 + rnd.nextInt(600_000);
                        s = step(rnd, s, n, cols);
                    }
                }
            }
            flush(copy, sb);
        }
        return rows;
    }

    private static void row(StringBuilder sb, long tag, String station, long first, long last) {
        sb.append(tag)
                .append('\t')
                .append(station)
                .append('\t')
                .append(Instant.ofEpochMilli(first))
                .append('\t')
                .append(Instant.ofEpochMilli(last))
                .append("\t3\t-60\t0\n");
    }

    private static void flush(org.postgresql.copy.CopyManager copy, StringBuilder sb) throws Exception {
        try (Reader r = new java.io.StringReader(sb.toString())) {
            copy.copyIn("COPY sightings (tag, station, first_seen, last_seen, reads, peak_rssi, flags) FROM STDIN", r);
        }
        sb.setLength(0);
    }

    private static void whoPassed(BenchHttp http, Instant day, int queries, int n, int cols) {
        Random rnd = new Random(3);
        double[] ms = new double[queries];
        long tags = 0;
        for (int q = -5; q < queries; q++) {
            int center = cols + 1 + rnd.nextInt(n - 3 * cols);
            JsonArray ids = new JsonArray();
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    ids.add(id(center + dy * cols + dx));
                }
            }
            ids.add(id(center + 2));
            Instant from = day.plus(Duration.ofHours(rnd.nextInt(23)));
            String body = new JsonObject()
                    .put("stations", ids)
                    .put("from", from.toString())
                    .put("to", from.plus(Duration.ofHours(1)).toString())
                    .put("caseNo", "BENCH")
                    .encode();
            long t = System.nanoTime();
            BenchHttp.Resp r = http.send("POST", "/api/v1/police/passed", "application/json", body);
            double elapsed = (System.nanoTime() - t) / 1e6;
            if (r.status() != 200) {
                throw new IllegalStateException("passed: " + r.status() + " " + r.body());
            }
            if (q >= 0) {
                ms[q] = elapsed;
                tags += r.json().getInteger("count");
            }
        }
        report(
                "who passed 10 stations in one hour (HTTP, audited)",
                ms,
                String.format(Locale.ROOT, "mean %.0f tags per answer", (double) tags / queries));
    }

    private static void trajectory(BenchHttp http, Instant day, int calls) {
        double[] ms = new double[calls];
        String from = day.minus(Duration.ofDays(29)).toString();
        String to = day.plus(Duration.ofDays(1)).toString();
        int vertices = 0;
        for (int i = -20; i < calls; i++) {
            long tag = 0xF3000000L + Math.floorMod(i, 20);
            long t = System.nanoTime();
            BenchHttp.Resp r = http.send(
                    "GET",
                    "/api/v1/tags/" + TagIds.format(tag) + "/trajectory?from=" + from + "&to=" + to + "&caseNo=BENCH",
                    null,
                    null);
            double elapsed = (System.nanoTime() - t) / 1e6;
            if (r.status() != 200) {
                throw new IllegalStateException("trajectory: " + r.status() + " " + r.body());
            }
            if (i >= 0) {
                ms[i] = elapsed;
                vertices = r.json()
                        .getJsonObject("geometry")
                        .getJsonArray("coordinates")
                        .size();
            }
        }
        report("one tag's 30-day trajectory (HTTP, audited)", ms, vertices + " vertices each");
    }

    private static void report(String what, double[] ms, String note) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(
                Locale.ROOT,
                "%s: n %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s%n",
                what,
                s.length,
                BenchHttp.percentile(s, 50),
                BenchHttp.percentile(s, 99),
                s[s.length - 1],
                note);
    }
}
