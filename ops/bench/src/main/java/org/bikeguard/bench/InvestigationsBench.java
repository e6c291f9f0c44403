package org.bikeguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.engine.CitySimulation;
import org.bikeguard.sim.engine.SimConfig;
import org.bikeguard.sim.run.Exports;
import org.bikeguard.sim.score.Investigations;
import org.bikeguard.sim.score.Truth;
import org.bikeguard.sim.truth.IsoTime;
import org.bikeguard.sim.truth.TruthWriter;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.config.ConfigLoader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Companion and den latency and quality on a simulated city: starts a tracker in this JVM
 * (embedded PostgreSQL in a temporary data dir), imports the city's stations (the Hengyang scheme:
 * 4,334 stations over 16 km, {@code --bikes} bikes, default 274,000) through the API, runs the
 * simulator in this JVM for {@code --days} days ending at the last 12:00 Asia/Shanghai with {@code --gangs} gangs,
 * {@code --dens} dens and {@code --thefts} single thefts, and streams its ground-truth visits
 * straight into {@code sightings} with COPY (no MQTT: what is measured is the queries, not the
 * ingest). The simulator runs in its truth-only mode ({@link CitySimulation#truthOnly}: no
 * frames, parked tags' reads drawn in bulk), so a simulated day of the full city takes minutes;
 * a multi-day run is one continuous simulation: the same bikes and homes, each day its own
 * (weekdays and weekends differ), the thefts and gang strikes spread over the nights between 5 %
 * and 75 % of the run, the dens chosen once for the run and stolen bikes staying in them. The stolen bikes are registered and reported through the API. Then times over HTTP
 * one tag's companions over 7 days ({@code --queries} tags, half gang members, half others) and
 * the dens of the last 30 days, and scores both against the truth ({@link Investigations}).
 * Prints tables.
 */
public final class InvestigationsBench {

    private static final String PASSWORD = "bench-admin-password";

    private InvestigationsBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = new Args(
                argv,
                "--bikes",
                "--days",
                "--gangs",
                "--dens",
                "--thefts",
                "--seed",
                "--queries",
                "--commuters",
                "--week",
                "--data-dir");
        int bikes = a.intValue("--bikes", 274_000);
        int days = a.intValue("--days", 7);
        int gangs = a.intValue("--gangs", 20);
        int dens = a.intValue("--dens", 5);
        int thefts = a.intValue("--thefts", 30);
        int seed = a.intValue("--seed", 7);
        int queries = a.intValue("--queries", 40);
        int commuters = a.intValue("--commuters", 100);
        int week = a.intValue("--week", 0);
        Path data = Path.of(
                a.value("--data-dir", Files.createTempDirectory("bench-inv").toString()));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", data.toString());
        env.put("BIKEGUARD_DATA_DIR", data.toString());
        env.put("BIKEGUARD_KEYS_FILE", data + ".keys");
        env.put("BIKEGUARD_HTTP_PORT", "0");
        env.put("BIKEGUARD_MQTT_PORT", "0");
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_ADMIN_PASSWORD", PASSWORD);
        env.put("BIKEGUARD_HZ_PORT", "0");
        env.put("BIKEGUARD_EXTRA_VERTICLES", "");
        TrackerApp app = TrackerApp.start(ConfigLoader.fromMap(env));
        try {
            String base = "http://127.0.0.1:" + app.httpPort();
            HttpTestClient admin = new HttpTestClient(base, null).login("admin", PASSWORD);
            CitySpec spec = new CitySpec(
                    "hengyang",
                    CitySpec.HENGYANG.sizeM(),
                    CitySpec.HENGYANG.stations(),
                    bikes,
                    CitySpec.HENGYANG.intersections(),
                    CitySpec.HENGYANG.installationPoints(),
                    CitySpec.HENGYANG.dens());
            // the run ends at the last 12:00 Asia/Shanghai at least an hour ago: a one-day run has its
            // night (when thefts and gangs strike) in the middle
            Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(4, ChronoUnit.HOURS);
            if (noon.isAfter(Instant.now().minus(1, ChronoUnit.HOURS))) {
                noon = noon.minus(1, ChronoUnit.DAYS);
            }
            long end = noon.toEpochMilli();
            long start = end - days * 86_400_000L;
            City city = CityGenerator.generate(
                    spec, seed, "HY-", LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC));
            importStations(admin, city);
            Path truthFile = data.resolve("truth-small.jsonl");
            long t0 = System.nanoTime();
            long rows;
            try (Connection c = app.database().dataSource().getConnection();
                    VisitCopy sink = new VisitCopy(c, Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8))) {
                SimConfig cfg = new SimConfig(
                        start, end, true, 5_000, 500, false, 1_000, thefts, 0, 0, false, 30_000, gangs, dens, 0, 0);
                CitySimulation sim = CitySimulation.truthOnly(city, cfg, new TruthWriter(sink));
                sim.init();
                long dayEnd = start + 86_400_000L;
                long dayT0 = System.nanoTime();
                while (!sim.done()) {
                    sim.step();
                    if (sim.now() >= dayEnd || sim.done()) {
                        System.err.printf(
                                Locale.ROOT,
                                "simulated day %d of %d in %.0f s (%,d sightings so far)%n",
                                (dayEnd - start) / 86_400_000L,
                                days,
                                (System.nanoTime() - dayT0) / 1e9,
                                sink.rows);
                        dayEnd += 86_400_000L;
                        dayT0 = System.nanoTime();
                    }
                }
                sim.finish();
                sink.flush();
                rows = sink.rows;
            }
            double loadS = (System.nanoTime() - t0) / 1e9;
            try (Connection c = app.database().dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE sightings");
            }
            Truth truth = Truth.load(truthFile);
            int reported = reportThefts(admin, truth);
            System.out.printf(
                    Locale.ROOT,
                    "data: %,d stations, %,d bikes, %d days, %,d sightings (simulated and COPYed in %.0f s),"
                            + " %d gangs, %d dens, %d stolen bikes reported%n",
                    city.stations().count(),
                    bikes,
                    days,
                    rows,
                    loadS,
                    truth.gangs().size(),
                    truth.dens().size(),
                    reported);
            latency(admin, truth, queries, end);
            if (System.getenv("BENCH_DEBUG") != null) {
                debug(admin, truth, end);
            }
            TrackerClient client = new TrackerClient(base, "admin", PASSWORD);
            client.login();
            double[] sweep = {0, 0.5, 1, 1.5, 2, 3, 4};
            List<Investigations.Result> results = Investigations.score(truth, client, commuters, seed, sweep);
            Investigations.print(results.get(0), truth, System.out);
            Investigations.printSweep(sweep, results, System.out);
            if (week > days) {
                long copied = replicate(app, start, days, week);
                System.out.printf(
                        Locale.ROOT,
                        "data: the %d simulated days copied back in time to fill %d days: %,d sightings in all%n",
                        days,
                        week,
                        copied);
                latency(admin, truth, queries, end);
            }
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static void debug(HttpTestClient admin, Truth truth, long end) {
        IsoTime iso = new IsoTime();
        List<String> all = new ArrayList<>(truth.tags());
        SplittableRandom rnd = new SplittableRandom(3);
        String week = "&from=" + iso.format(end - 7 * 86_400_000L) + "&to=" + iso.format(end);
        int shown = 0;
        for (int i = 0; i < 200 && shown < 4; i++) {
            String tag = all.get(rnd.nextInt(all.size()));
            JsonNode r =
                    admin.get("/api/v1/police/companions?tag=" + tag + week).node();
            if (r.get("companions").size() > 0) {
                shown++;
                System.out.println("DEBUG "
                        + r.toString().substring(0, Math.min(3000, r.toString().length())));
            }
        }
    }

    /**
     * Copies the simulated days' sightings back in time, {@code days} days at a time, until
     * {@code week} days end at the run's end; returns the sightings then stored.
     */
    private static long replicate(TrackerApp app, long start, int days, int week) throws Exception {
        try (Connection c = app.database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (int k = days; k < week; k += days) {
                st.execute("INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi, flags)"
                        + " SELECT tag, station, first_seen - interval '" + k + " days', last_seen - interval '" + k
                        + " days', reads, peak_rssi, flags FROM sightings WHERE first_seen >= to_timestamp(" + start
                        + " / 1000.0)");
            }
            st.execute("VACUUM ANALYZE sightings");
            try (var rs = st.executeQuery("SELECT count(*) FROM sightings")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void importStations(HttpTestClient admin, City city) {
        int n = city.stations().count();
        for (int from = 0; from < n; from += 1000) {
            String csv = Exports.stationsCsv(city, "bench-secrets", from, Math.min(n, from + 1000));
            HttpTestClient.Response r = admin.send("POST", "/api/v1/stations/import", "text/csv", csv);
            if (r.status() != 200) {
                throw new IllegalStateException("station import: " + r.status() + " " + r.body());
            }
        }
    }

    /** Registers every stolen bike (one owner) and reports its theft as admin; returns how many. */
    private static int reportThefts(HttpTestClient admin, Truth truth) {
        HttpTestClient.Response o = admin.json(
                "POST",
                "/api/v1/owners",
                new JsonObject()
                        .put("name", "测试")
                        .put("idNumber", RegistryFixtures.newIdNumber())
                        .put("phone", RegistryFixtures.newPhone())
                        .put("password", RegistryFixtures.OWNER_PASSWORD));
        long owner = o.json().getLong("id");
        IsoTime iso = new IsoTime();
        int n = 0;
        for (var e : truth.thefts().entrySet()) {
            HttpTestClient.Response b =
                    admin.json("POST", "/api/v1/bikes", RegistryFixtures.bikeBody(owner, e.getKey()));
            if (b.status() != 201) {
                continue;
            }
            HttpTestClient.Response t = admin.json(
                    "POST",
                    "/api/v1/thefts",
                    new JsonObject()
                            .put("bikeId", b.json().getLong("id"))
                            .put("stolenAt", iso.format(e.getValue()))
                            .put("place", "sim")
                            .put("description", "bench"));
            n += t.status() == 201 ? 1 : 0;
        }
        return n;
    }

    private static void latency(HttpTestClient admin, Truth truth, int queries, long end) {
        IsoTime iso = new IsoTime();
        List<String> tags = new ArrayList<>();
        for (Truth.Gang g : truth.gangs()) {
            tags.addAll(g.tags());
        }
        List<String> all = new ArrayList<>(truth.tags());
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            picked.add(
                    i % 2 == 0 && !tags.isEmpty()
                            ? tags.get(rnd.nextInt(tags.size()))
                            : all.get(rnd.nextInt(all.size())));
        }
        String week = "&from=" + iso.format(end - 7 * 86_400_000L) + "&to=" + iso.format(end);
        double[] ms = new double[picked.size()];
        int found = 0;
        for (int i = 0; i < picked.size(); i++) {
            long t = System.nanoTime();
            HttpTestClient.Response r = admin.get("/api/v1/police/companions?tag=" + picked.get(i) + week);
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (r.status() != 200) {
                throw new IllegalStateException("companions: " + r.status() + " " + r.body());
            }
            found += r.node().get("companions").size();
        }
        String month = "from=" + iso.format(end - 30 * 86_400_000L) + "&to=" + iso.format(end);
        double[] dms = new double[5];
        int densFound = 0;
        for (int i = 0; i < dms.length; i++) {
            long t = System.nanoTime();
            HttpTestClient.Response r = admin.get("/api/v1/police/dens?" + month);
            dms[i] = (System.nanoTime() - t) / 1e6;
            densFound = r.node().get("dens").size();
        }
        System.out.printf(
                Locale.ROOT, "%-36s %6s %9s %9s %9s %9s%n", "query", "calls", "p50 ms", "p95 ms", "max ms", "rows");
        row("companions of one tag, 7 days", ms, found);
        row("dens, 30 days", dms, densFound);
    }

    private static void row(String name, double[] ms, int rows) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(
                Locale.ROOT,
                "%-36s %6d %9.1f %9.1f %9.1f %9d%n",
                name,
                s.length,
                s[(s.length - 1) / 2],
                s[(int) Math.ceil(s.length * 0.95) - 1],
                s[s.length - 1],
                rows);
    }

    /**
     * The truth stream: {@code visit} lines become sightings rows COPYed in 8 MB batches, every
     * other line goes to the small truth file. Not thread-safe (the simulation thread).
     */
    private static final class VisitCopy extends Writer {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Connection c;
        private final BufferedWriter rest;
        private final StringBuilder line = new StringBuilder();
        private final StringBuilder batch = new StringBuilder(1 << 23);
        private final IsoTime iso = new IsoTime();
        long rows;

        VisitCopy(Connection c, BufferedWriter rest) {
            this.c = c;
            this.rest = rest;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                char ch = buf[i];
                if (ch == '\n') {
                    line(line.toString());
                    line.setLength(0);
                } else {
                    line.append(ch);
                }
            }
        }

        private void line(String l) throws IOException {
            if (!l.startsWith("{\"type\":\"visit\"")) {
                rest.write(l);
                rest.write('\n');
                return;
            }
            JsonNode j = JSON.readTree(l);
            batch.append(TagIds.parse(j.get("tag").asText()))
                    .append('\t')
                    .append(j.get("station").asText())
                    .append('\t')
                    .append(j.get("enter").asText())
                    .append('\t')
                    .append(j.get("exit").asText())
                    .append('\t')
                    .append(j.get("reads").asLong())
                    .append("\t-60\t0\n");
            rows++;
            if (batch.length() > (1 << 23)) {
                copy();
            }
        }

        private void copy() throws IOException {
            if (batch.length() == 0) {
                return;
            }
            try {
                CopyIn in = c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY sightings (tag, station, first_seen, last_seen, reads, peak_rssi, flags)"
                                + " FROM STDIN");
                byte[] b = batch.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(b, 0, b.length);
                in.endCopy();
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
            batch.setLength(0);
        }

        @Override
        public void flush() throws IOException {
            copy();
            rest.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            rest.close();
        }
    }
}
