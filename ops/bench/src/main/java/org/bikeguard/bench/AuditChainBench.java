package org.bikeguard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bikeguard.tracker.audit.AuditChain;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.db.Database;

/**
 * The cost of the audit log's hash chain (sql/V25__audit_chain.sql). On an embedded PostgreSQL
 * with the tracker's embedded settings ({@code fsync=on}, {@code synchronous_commit=on}), for 1,
 * 2, 4, 8 and 16 writers, each on its own connection (as police reads on several workers and
 * several tracker processes write), each writing audit rows one committed insert at a time for
 * {@code --seconds}:
 * <ul>
 *   <li>{@code plain}: the same insert into a table shaped like the audit log before V25 (no
 *       trigger, no lock);</li>
 *   <li>{@code chained}: {@link AuditLog#record}, whose insert trigger takes the chain's advisory
 *       lock, reads the last hash and hashes the row, holding the lock until the commit; the
 *       {@code AuditLog} group-commits what its callers queue meanwhile;</li>
 *   <li>{@code 2 members}: the same writers split over two {@code AuditLog}s on two pools, as two
 *       tracker processes sharing the database (their batches queue on the chain's lock).</li>
 * </ul>
 * Prints rows/s and the latency of one {@code record} call (p50, p99, ms) for both, then the speed
 * of {@link AuditChain#verify} over everything written. Prints a table and a {@code RESULT {json}}
 * line.
 *
 * <pre>
 * java -Djava.io.tmpdir=ops/bench/target/tmp -cp ... org.bikeguard.bench.AuditChainBench
 *      [--seconds 5] [--writers 1,2,4,8,16]
 * </pre>
 */
public final class AuditChainBench {

    private static final String PLAIN_TABLE = "CREATE TABLE audit_plain ("
            + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),"
            + " username text NOT NULL, role text NOT NULL, action text NOT NULL, subject text NOT NULL,"
            + " case_no text, details jsonb NOT NULL DEFAULT '{}'::jsonb)";
    private static final String PLAIN_INSERT = "INSERT INTO audit_plain (username, role, action, subject, case_no,"
            + " details, at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)";

    /** What one writer does once. */
    private interface Write {
        void once(int writer, long i) throws Exception;
    }

    private record Run(double rowsPerSec, double p50Ms, double p99Ms, long rows) {}

    private final int seconds;
    private final int[] writers;

    private AuditChainBench(Args a) {
        this.seconds = a.intValue("--seconds", 5);
        this.writers = Arrays.stream(a.value("--writers", "1,2,4,8,16").split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    /** Entry point; see the class comment for flags. */
    public static void main(String[] args) throws Exception {
        AuditChainBench bench = new AuditChainBench(new Args(args, "--seconds", "--writers"));
        Path dir = Files.createTempDirectory("audit-bench-pg");
        System.out.printf(Locale.ROOT, "audit: embedded PostgreSQL in %s%n", dir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                // The tracker's embedded settings (Database.startEmbedded): a commit waits for the disk.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("wal_compression", "on")
                .setServerConfig("max_wal_size", "2GB")
                .setServerConfig("max_connections", "80")
                .start()) {
            TrackerConfig config = ConfigLoader.fromMap(Map.of(
                    "HOME", dir.toString(),
                    "BIKEGUARD_DATA_DIR", dir.resolve("unused").toString(),
                    "BIKEGUARD_TIMESCALE", "off"));
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (Database db = Database.connect(url, "postgres", "", config)) {
                bench.run(db);
            }
        } finally {
            StorageSizes.deleteTree(dir);
        }
    }

    private void run(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(PLAIN_TABLE);
        }
        Clock clock = Clock.systemUTC();
        JsonObject result = new JsonObject();
        System.out.printf(
                Locale.ROOT,
                "%-8s | %12s %9s %9s | %12s %9s %9s | %12s %9s %9s%n",
                "writers",
                "plain row/s",
                "p50 ms",
                "p99 ms",
                "chain row/s",
                "p50 ms",
                "p99 ms",
                "2 mbr row/s",
                "p50 ms",
                "p99 ms");
        for (int w : writers) {
            try (HikariDataSource ds = pool(db, w);
                    HikariDataSource other = pool(db, Math.max(1, w / 2))) {
                AuditLog log = new AuditLog(ds, clock);
                AuditLog[] members = {log, new AuditLog(other, clock)};
                Run plain = measure(w, (writer, i) -> plainInsert(ds, clock, writer, i));
                Run chained = measure(w, (writer, i) -> record(log, writer, i));
                Run two = w < 2 ? null : measure(w, (writer, i) -> record(members[writer % 2], writer, i));
                System.out.printf(
                        Locale.ROOT,
                        "%-8d | %12.0f %9.2f %9.2f | %12.0f %9.2f %9.2f | %12s %9s %9s%n",
                        w,
                        plain.rowsPerSec(),
                        plain.p50Ms(),
                        plain.p99Ms(),
                        chained.rowsPerSec(),
                        chained.p50Ms(),
                        chained.p99Ms(),
                        two == null ? "-" : String.format(Locale.ROOT, "%.0f", two.rowsPerSec()),
                        two == null ? "-" : String.format(Locale.ROOT, "%.2f", two.p50Ms()),
                        two == null ? "-" : String.format(Locale.ROOT, "%.2f", two.p99Ms()));
                result.put("plainRowsPerSec" + w, Math.round(plain.rowsPerSec()))
                        .put("chainedRowsPerSec" + w, Math.round(chained.rowsPerSec()))
                        .put("plainP99Ms" + w, plain.p99Ms())
                        .put("chainedP99Ms" + w, chained.p99Ms());
                if (two != null) {
                    result.put("twoMembersRowsPerSec" + w, Math.round(two.rowsPerSec()))
                            .put("twoMembersP99Ms" + w, two.p99Ms());
                }
            }
        }
        long t0 = System.nanoTime();
        AuditChain.Result v = new AuditChain(db.dataSource()).verify();
        double verifySec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "verify: %s, %d rows in %.2f s (%.0f rows/s)%n",
                v.ok() ? "ok" : "BROKEN at " + v.brokenId(),
                v.rows(),
                verifySec,
                v.rows() / verifySec);
        result.put("verifyOk", v.ok())
                .put("verifyRows", v.rows())
                .put("verifyRowsPerSec", Math.round(v.rows() / verifySec));
        System.out.println("RESULT " + result.encode());
        if (!v.ok()) {
            System.exit(1);
        }
    }

    private static void record(AuditLog log, int writer, long i) {
        log.record(
                "officer-" + writer,
                "police",
                "tag.sightings",
                Long.toHexString(0xE2000000L + i),
                "HY-2026-" + writer,
                new JsonObject().put("from", "2026-11-23T00:00:00.000Z").put("to", "2026-11-24T00:00:00.000Z"));
    }

    private static HikariDataSource pool(Database db, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.url());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        return new HikariDataSource(hc);
    }

    private static void plainInsert(HikariDataSource ds, Clock clock, int writer, long i) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(PLAIN_INSERT)) {
            st.setString(1, "officer-" + writer);
            st.setString(2, "police");
            st.setString(3, "tag.sightings");
            st.setString(4, Long.toHexString(0xE2000000L + i));
            st.setString(5, "HY-2026-" + writer);
            st.setString(
                    6,
                    new JsonObject()
                            .put("from", "2026-11-23T00:00:00.000Z")
                            .put("to", "2026-11-24T00:00:00.000Z")
                            .encode());
            st.setTimestamp(7, Timestamp.from(clock.instant()));
            st.executeUpdate();
        }
    }

    /** {@code n} writers call {@code write} in a loop for {@link #seconds}; rows/s and latency percentiles. */
    private Run measure(int n, Write write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier go = new CyclicBarrier(n);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int w = 0; w < n; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    go.await();
                    long[] lat = new long[1 << 16];
                    int k = 0;
                    for (long i = 0; System.nanoTime() < end; i++) {
                        long s = System.nanoTime();
                        write.once(writer, i);
                        if (k == lat.length) {
                            lat = Arrays.copyOf(lat, k * 2);
                        }
                        lat[k++] = System.nanoTime() - s;
                    }
                    return Arrays.copyOf(lat, k);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Run(
                    merged.length / elapsed,
                    merged[(int) (merged.length * 0.50)] / 1e6,
                    merged[Math.min(merged.length - 1, (int) (merged.length * 0.99))] / 1e6,
                    merged.length);
        } finally {
            pool.shutdownNow();
        }
    }
}
