package org.bikeguard.tracker.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bikeguard.common.db.AdvisoryLock;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.db.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit log is append-only and hash-chained (sql/V25__audit_chain.sql), and
 * {@code GET /api/v1/audit/verify} finds a row edited or removed behind the triggers' back.
 */
@Timeout(180)
class AuditChainIT {

    private static TrackerKit tracker;
    private static HttpTestClient admin;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.admin();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static Connection superuser() throws SQLException {
        // the kit's tracker logs in as the embedded server's superuser
        return tracker.database().dataSource().getConnection();
    }

    private static JsonObject verify() {
        HttpTestClient.Response r = admin.get("/api/v1/audit/verify");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Writes {@code n} rows as a member would (through the tracker's AuditLog, on its own pool). */
    private static void write(AuditLog log, String who, int n) {
        for (int i = 0; i < n; i++) {
            log.record(
                    who,
                    "police",
                    "tag.sightings",
                    "E" + i,
                    "HY-" + i,
                    new JsonObject().put("i", i).put("who", who));
        }
    }

    private static long lastId() throws SQLException {
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT max(id) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theLockKeyInTheTriggerIsTheAdvisoryKeyOfTheLocksName() throws IOException {
        assertEquals(AdvisoryLock.key(AuditChain.LOCK_NAME), AuditChain.LOCK_KEY);
        String sql = Files.readString(Path.of("../../sql/V25__audit_chain.sql"));
        assertTrue(sql.contains("pg_advisory_xact_lock(" + AuditChain.LOCK_KEY + ")"), "V25 uses LOCK_KEY");
    }

    /**
     * Two members (each an AuditLog on its own connection pool, as two tracker processes sharing
     * the database), each written by three threads at once (its group commit), append together:
     * one gapless chain that verifies.
     */
    @Test
    void concurrentWritersOnTheirOwnConnectionsKeepOneChainThatVerifies() throws Exception {
        int threadsPerMember = 3;
        int each = 100;
        long before = verify().getLong("rows");
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerMember);
        CyclicBarrier go = new CyclicBarrier(2 * threadsPerMember);
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String member : List.of("member-a", "member-b")) {
                HikariConfig hc = new HikariConfig();
                hc.setJdbcUrl(tracker.database().url());
                hc.setUsername(tracker.database().user());
                hc.setPassword(tracker.database().password());
                hc.setMaximumPoolSize(2);
                HikariDataSource ds = new HikariDataSource(hc);
                pools.add(ds);
                AuditLog log = new AuditLog(ds, tracker.clock());
                for (int t = 0; t < threadsPerMember; t++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        write(log, member, each);
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }
        int total = 2 * threadsPerMember * each;
        JsonObject v = verify();
        assertTrue(v.getBoolean("ok"), v::encode);
        assertTrue(v.getLong("rows") >= before + total, v::encode);
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), min(seq), max(seq), count(DISTINCT seq),"
                        + " count(*) FILTER (WHERE username IN ('member-a', 'member-b')) FROM audit_log")) {
            rs.next();
            assertEquals(1, rs.getLong(2), "the chain starts at 1");
            assertEquals(rs.getLong(1), rs.getLong(3), "gapless");
            assertEquals(rs.getLong(1), rs.getLong(4), "no fork");
            assertEquals(total, rs.getLong(5), "every row written once");
        }
        assertEquals(
                v.getJsonObject("head").getLong("seq"), v.getLong("rows"), "the head is the last row: " + v.encode());
    }

    /** A row PostgreSQL refuses (a NUL in a text) fails its own caller only, whatever batch it shared. */
    @Test
    void aRowThatCannotBeWrittenFailsAloneAndTheOthersAreKept() throws Exception {
        AuditLog log = new AuditLog(tracker.database().dataSource(), tracker.clock());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CyclicBarrier go = new CyclicBarrier(8);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    go.await();
                    try {
                        log.record(n == 3 ? "bad\u0000name" : "officer-nul-" + n, "police", "x", "s", null, null);
                        return true;
                    } catch (IllegalStateException e) {
                        return false;
                    }
                }));
            }
            for (int t = 0; t < 8; t++) {
                assertEquals(t != 3, done.get(t).get(), "writer " + t);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE username LIKE 'officer-nul-%'")) {
            rs.next();
            assertEquals(7, rs.getLong(1));
        }
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    void updateDeleteAndTruncateAreRefusedToTheTracker() throws Exception {
        new AuditLog(tracker.database().dataSource(), tracker.clock())
                .record("officer-x", "police", "tag.sightings", "E1", null, null);
        long id = lastId();
        for (String sql : List.of(
                "UPDATE audit_log SET username = 'nobody' WHERE id = " + id,
                "DELETE FROM audit_log WHERE id = " + id,
                "TRUNCATE audit_log")) {
            try (Connection c = superuser();
                    Statement st = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
                assertEquals("42501", e.getSQLState(), sql);
                assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            }
        }
        assertTrue(verify().getBoolean("ok"));
    }

    /**
     * The database superuser edits a row with the trigger disabled: verify names that row; put
     * back, the chain verifies again. A row removed the same way is found at the next row.
     */
    @Test
    void aRowEditedOrRemovedBehindTheTriggersBackIsReportedByVerify() throws Exception {
        AuditLog log = new AuditLog(tracker.database().dataSource(), tracker.clock());
        write(log, "officer-edit", 3);
        long edited = lastId() - 1;
        assertTrue(verify().getBoolean("ok"));
        try (Connection c = superuser();
                Statement st = c.createStatement()) {
            st.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
            try {
                st.execute("UPDATE audit_log SET username = 'someone-else' WHERE id = " + edited);
                JsonObject broken = verify();
                assertFalse(broken.getBoolean("ok"), broken::encode);
                assertEquals(edited, broken.getLong("brokenId"), broken::encode);
                assertEquals("hash", broken.getString("reason"));
                st.execute("UPDATE audit_log SET username = 'officer-edit' WHERE id = " + edited);
                assertTrue(verify().getBoolean("ok"), "put back, it verifies again");

                st.execute("CREATE TEMP TABLE removed AS SELECT * FROM audit_log WHERE id = " + edited);
                st.execute("DELETE FROM audit_log WHERE id = " + edited);
                JsonObject gap = verify();
                assertFalse(gap.getBoolean("ok"), gap::encode);
                assertEquals(edited + 1, gap.getLong("brokenId"), "the row after the removed one: " + gap.encode());
                assertEquals("gap", gap.getString("reason"));
                st.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain");
                try {
                    st.execute("INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM removed");
                } finally {
                    st.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain");
                }
            } finally {
                st.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
            }
        }
        assertTrue(verify().getBoolean("ok"));
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'audit.verify'"
                        + " AND details->>'ok' = 'false'")) {
            rs.next();
            assertEquals(2, rs.getLong(1), "each check is itself audited, with its answer");
        }
    }

    @Test
    void onlyAdminsVerify() {
        assertEquals(
                403,
                tracker.user("officer-v", "police").get("/api/v1/audit/verify").status());
        assertEquals(401, tracker.http().get("/api/v1/audit/verify").status());
    }

    /** Rows written before V25 are chained by the migration, in id order. */
    @Test
    void theMigrationChainsTheRowsThatExistedBefore() throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("classpath:db/migration")
                .placeholders(Map.of("timescale", "off", "frameLogRetention", "168 hours"))
                .target("21")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO audit_log (username, role, action, subject, case_no, details, at) VALUES"
                    + " ('officer-1', 'police', 'tag.sightings', 'E2000017', 'HY-1', '{\"from\":\"x\",\"n\":1}',"
                    + "  '2026-11-23T04:05:06.123456Z'),"
                    + " ('admin', 'admin', 'owner.reveal', 'owner:7', NULL, '{}', '2026-11-23T04:05:07Z'),"
                    + " ('张三', 'owner', 'x', 'y', NULL, '{\"名\":\"值\"}', '2026-11-23T04:05:08.5Z')");
        }
        try (Database db = Database.connect(url, "postgres", "", TestConfigs.config())) {
            AuditChain.Result r = new AuditChain(db.dataSource()).verify();
            assertTrue(r.ok(), r::toString);
            assertEquals(3, r.rows());
            assertEquals(3, r.headSeq());
            assertNull(r.brokenId());
            new AuditLog(db.dataSource(), tracker.clock()).record("admin", "admin", "after", "z", null, null);
            AuditChain.Result after = new AuditChain(db.dataSource()).verify();
            assertTrue(after.ok(), after::toString);
            assertEquals(4, after.headSeq(), "new rows continue the migrated chain");
        }
    }

    /**
     * The production set-up of docs/operations.md: the audit log belongs to another role
     * (ops/db/audit-owner.sql), so the tracker's role may read and append, and nothing else, even
     * with the triggers out of the picture.
     */
    @Test
    void aTrackerRoleThatDoesNotOwnTheAuditLogMayOnlyReadAndAppend() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String app = "bg_app_" + suffix;
        String auditor = "bg_audit_" + suffix;
        String url;
        try (Database db = TestDatabase.newDatabase(TestConfigs.config())) {
            url = db.url();
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + app + " LOGIN");
            st.execute("CREATE ROLE " + auditor + " NOLOGIN");
            // as if the tracker's role had run the migrations: it owns the audit objects
            st.execute("GRANT ALL ON SCHEMA public TO " + app);
            st.execute("ALTER TABLE audit_log OWNER TO " + app);
            st.execute(script(app, auditor));
        }
        HikariConfig hc = new HikariConfig();
        // the test URL names user=postgres, which would win over the pool's user
        hc.setJdbcUrl(url.replaceAll("[?&]user=[^&]*", ""));
        hc.setUsername(app);
        hc.setPassword("");
        hc.setMaximumPoolSize(2);
        try (HikariDataSource asApp = new HikariDataSource(hc)) {
            new AuditLog(asApp, tracker.clock()).record("officer-r", "police", "tag.sightings", "E9", null, null);
            try (Connection c = asApp.getConnection();
                    Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT current_user")) {
                    rs.next();
                    assertEquals(app, rs.getString(1));
                }
                for (String sql : List.of(
                        "UPDATE audit_log SET username = 'nobody'",
                        "DELETE FROM audit_log",
                        "TRUNCATE audit_log",
                        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
                        "DROP TRIGGER audit_log_no_update ON audit_log")) {
                    SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
                    assertTrue(
                            e.getMessage().contains("permission denied")
                                    || e.getMessage().contains("must be owner"),
                            sql + ": " + e.getMessage());
                }
            }
            AuditChain.Result r = new AuditChain(asApp).verify();
            assertTrue(r.ok(), r::toString);
            assertEquals(1, r.rows());
        }
    }

    /** ops/db/audit-owner.sql with the psql variables filled in (psql's \gexec step done by the test). */
    private static String script(String app, String auditor) throws IOException {
        String s = Files.readString(Path.of("../../ops/db/audit-owner.sql"));
        String body = s.substring(s.indexOf("BEGIN;") + "BEGIN;".length(), s.indexOf("COMMIT;"));
        return body.replace(":\"audit_role\"", "\"" + auditor + "\"").replace(":\"app_role\"", "\"" + app + "\"");
    }
}
