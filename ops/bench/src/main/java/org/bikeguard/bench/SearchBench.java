package org.bikeguard.bench;

import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.config.ConfigLoader;
import org.postgresql.PGConnection;

/**
 * Search-box latency on a large registry: starts a tracker in this JVM (embedded PostgreSQL in a
 * temporary data dir), imports a grid of {@code --stations} stations, writes {@code --bikes} bikes
 * of {@code --bikes}/2 owners straight into the registry tables (SQL {@code generate_series}: tag,
 * plate, frame number, QR code each unique; 2 % with a replaced tag, 1 % with an open theft case),
 * COPYs one day of sightings of {@code --seen} of them, then times {@code GET /api/v1/search?q=}
 * over HTTP (admin token; each call audited) for every kind of text: plate as typed (with a
 * separator), plate prefix, frame number, tag, former tag, owner phone, bare QR code, scanned QR
 * link, nothing found. Prints one table row per kind (p50/p95/p99/max ms) and all together.
 */
public final class SearchBench {

    private static final double LON0 = 112.50;
    private static final double LAT0 = 26.80;
    private static final double STEP = 0.003;
    private static final long TAG0 = 0xB0000000L;

    private SearchBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, "--stations", "--bikes", "--seen", "--queries", "--data-dir");
        int stations = a.intValue("--stations", 4334);
        int bikes = a.intValue("--bikes", 274_000);
        int seen = Math.min(bikes, a.intValue("--seen", 50_000));
        int queries = a.intValue("--queries", 200);
        Path data = Path.of(
                a.value("--data-dir", Files.createTempDirectory("bench-search").toString()));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", data.toString());
        env.put("BIKEGUARD_DATA_DIR", data.toString());
        env.put("BIKEGUARD_KEYS_FILE", data + ".keys");
        env.put("BIKEGUARD_HTTP_PORT", "0");
        env.put("BIKEGUARD_MQTT_PORT", "0");
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_ADMIN_PASSWORD", "bench-admin-password");
        env.put("BIKEGUARD_HZ_PORT", "0");
        env.put("BIKEGUARD_EXTRA_VERTICLES", "");
        TrackerApp app = TrackerApp.start(ConfigLoader.fromMap(env));
        try {
            BenchHttp http = new BenchHttp("http://127.0.0.1:" + app.httpPort()).login("admin", "bench-admin-password");
            importStations(http, stations);
            long t0 = System.nanoTime();
            registry(app, bikes);
            long rows = sightings(app, seen, stations);
            try (Connection c = app.database().dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            System.out.printf(
                    Locale.ROOT,
                    "data: %d stations, %d bikes of %d owners, %d sightings of %d bikes, loaded in %.0f s%n",
                    stations,
                    bikes,
                    bikes / 2,
                    rows,
                    seen,
                    (System.nanoTime() - t0) / 1e9);
            run(http, bikes, seen, queries);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static void importStations(BenchHttp http, int n) {
        int cols = (int) Math.ceil(Math.sqrt(n));
        StringBuilder csv = new StringBuilder("id,name,kind,lon,lat,radiusM,secret\n");
        for (int i = 0; i < n; i++) {
            csv.append(String.format(
                    Locale.ROOT,
                    "HY-%04d,s%d,street,%.6f,%.6f,80,bench-station-secret-%d%n",
                    i + 1,
                    i,
                    LON0 + STEP * (i % cols),
                    LAT0 + STEP * (i / cols),
                    i));
        }
        BenchHttp.Resp r = http.send("POST", "/api/v1/stations/import", "text/csv", csv.toString());
        if (r.status() != 200) {
            throw new IllegalStateException("station import: " + r.status() + " " + r.body());
        }
    }

    static String plate(int i) {
        return String.format(Locale.ROOT, "湘D%06d", i);
    }

    static String frame(int i) {
        return String.format(Locale.ROOT, "LYD%010d", i);
    }

    static String phone(int owner) {
        return String.format(Locale.ROOT, "139%08d", owner);
    }

    static String code(int i) {
        return String.format(Locale.ROOT, "X%011X", i);
    }

    /** Owners (each with a login), bikes, tag bindings, ownerships and a few open cases, in SQL. */
    private static void registry(TrackerApp app, int bikes) throws Exception {
        int owners = Math.max(1, bikes / 2);
        List<String> sql = List.of(
                "INSERT INTO users (username, password_hash, role) SELECT '139' || lpad(g::text, 8, '0'), 'x', 'owner'"
                        + " FROM generate_series(1, " + owners + ") g",
                "INSERT INTO owners (user_id, username, name, id_number_enc, id_number_hash, phone, created_by)"
                        + " SELECT u.id, u.username, '车主' || u.id, '\\x00'::bytea, decode(md5(u.username), 'hex'), u.username, 'bench'"
                        + " FROM users u WHERE u.role = 'owner'",
                "INSERT INTO bikes (owner_id, tag, plate, frame_no, brand, colour, purchase_date, purchase_price_fen,"
                        + " certificate_code, registered_at, registered_by)"
                        + " SELECT o.id, " + TAG0
                        + " + g, '湘D' || lpad(g::text, 6, '0'), 'LYD' || lpad(g::text, 10, '0'),"
                        + " 'Yadea', 'white', date '2025-10-01', 329900, 'X' || upper(lpad(to_hex(g), 11, '0')),"
                        + " now() - interval '60 days', 'bench'"
                        + " FROM generate_series(0, " + (bikes - 1) + ") g"
                        + " JOIN owners o ON o.username = '139' || lpad((g / 2 + 1)::text, 8, '0')",
                "INSERT INTO tag_bindings (tag, bike_id, bound_at) SELECT tag, id, now() - interval '30 days' FROM bikes",
                // 2 %: an earlier tag, replaced 30 days ago
                "INSERT INTO tag_bindings (tag, bike_id, bound_at, unbound_at, end_reason)"
                        + " SELECT tag + 100000000, id, now() - interval '60 days', now() - interval '30 days', 'replaced'"
                        + " FROM bikes WHERE (tag - " + TAG0 + ") % 50 = 49",
                "INSERT INTO ownerships (bike_id, owner_id, from_at) SELECT id, owner_id, now() - interval '60 days' FROM bikes",
                // 1 %: an open theft case
                "INSERT INTO theft_cases (bike_id, owner_id, stolen_at, place, description, reported_at, reported_by)"
                        + " SELECT id, owner_id, now() - interval '2 days', 'bench', '', now() - interval '1 day', 'bench'"
                        + " FROM bikes WHERE (tag - " + TAG0 + ") % 100 = 7",
                "UPDATE bikes SET status = 'stolen' WHERE (tag - " + TAG0 + ") % 100 = 7");
        try (Connection c = app.database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** One day of sightings of the first {@code seen} bikes' tags: 8 stays each along grid neighbours. */
    private static long sightings(TrackerApp app, int seen, int n) throws Exception {
        Random rnd = new Random(42);
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        StringBuilder sb = new StringBuilder(1 << 20);
        long rows = 0;
        try (Connection c = app.database().dataSource().getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int b = 0; b < seen; b++) {
                int s = rnd.nextInt(n);
                long t = day.toEpochMilli() + (long) rnd.nextInt(20 * 3600) * 1000;
                for (int h = 0; h < 8; h++) {
                    long dur = 10_000 + rnd.nextInt(30_000);
                    sb.append(TAG0 + b)
                            .append('\t')
                            .append(String.format(Locale.ROOT, "HY-%04d", s + 1))
                            .append('\t')
                            .append(Instant.ofEpochMilli(t))
                            .append('\t')
                            .append(Instant.ofEpochMilli(t + dur))
                            .append("\t3\t-60\t0\n");
                    rows++;
                    t += dur + 60_000 + rnd.nextInt(60_000);
                    s = Math.floorMod(s + rnd.nextInt(3) - 1, n);
                }
                if (sb.length() > (1 << 20)) {
                    flush(copy, sb);
                }
            }
            flush(copy, sb);
        }
        return rows;
    }

    private static void flush(org.postgresql.copy.CopyManager copy, StringBuilder sb) throws Exception {
        try (Reader r = new java.io.StringReader(sb.toString())) {
            copy.copyIn("COPY sightings (tag, station, first_seen, last_seen, reads, peak_rssi, flags) FROM STDIN", r);
        }
        sb.setLength(0);
    }

    private static void run(BenchHttp http, int bikes, int seen, int queries) {
        Random rnd = new Random(5);
        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("plate as typed", i -> plate(i).substring(0, 2) + "·" + plate(i).substring(2));
        kinds.put("plate prefix", i -> plate(i).substring(0, 6));
        kinds.put("frame number", i -> frame(i).toLowerCase(Locale.ROOT));
        kinds.put("tag (seen)", i -> TagIds.format(TAG0 + (i % seen)));
        kinds.put("former tag", i -> TagIds.format(TAG0 + (i / 50 * 50 + 49) % bikes + 100_000_000L));
        kinds.put("owner phone", i -> phone(i / 2 + 1));
        kinds.put("QR code", i -> code(i));
        kinds.put("QR link", i -> "https://bikeguard.example/api/v1/public/certificates/" + code(i) + "?src=qr");
        kinds.put("nothing found", i -> "湘Z" + i);
        System.out.printf(
                Locale.ROOT,
                "%-16s %6s %9s %9s %9s %9s %8s%n",
                "search",
                "n",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms",
                "found");
        List<Double> all = new ArrayList<>();
        for (var k : kinds.entrySet()) {
            double[] ms = new double[queries];
            long found = 0;
            for (int q = -10; q < queries; q++) {
                String text = k.getValue().apply(rnd.nextInt(bikes));
                long t = System.nanoTime();
                BenchHttp.Resp r = http.send(
                        "GET", "/api/v1/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8), null, null);
                double elapsed = (System.nanoTime() - t) / 1e6;
                if (r.status() != 200) {
                    throw new IllegalStateException("search " + text + ": " + r.status() + " " + r.body());
                }
                if (q >= 0) {
                    ms[q] = elapsed;
                    all.add(elapsed);
                    found += r.json().getInteger("count");
                }
            }
            row(k.getKey(), ms, String.format(Locale.ROOT, "%.1f", (double) found / queries));
        }
        row("all", all.stream().mapToDouble(Double::doubleValue).toArray(), "");
    }

    private static void row(String what, double[] ms, String found) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(
                Locale.ROOT,
                "%-16s %6d %9.1f %9.1f %9.1f %9.1f %8s%n",
                what,
                s.length,
                BenchHttp.percentile(s, 50),
                BenchHttp.percentile(s, 95),
                BenchHttp.percentile(s, 99),
                s[s.length - 1],
                found);
    }
}
