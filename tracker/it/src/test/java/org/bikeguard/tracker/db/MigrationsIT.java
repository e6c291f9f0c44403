package org.bikeguard.tracker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    @Test
    void plainPostgresPathCreatesTimePartitionedFrameLogAndSightings() throws Exception {
        try (Database db = TestDatabase.newDatabase(TestConfigs.config())) {
            assertFalse(db.timescale(), "these machines have no TimescaleDB");
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                ResultSet rs = st.executeQuery(
                        "SELECT c.relname, p.partstrat FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1");
                assertTrue(rs.next());
                assertEquals("frame_log", rs.getString(1));
                assertEquals("r", rs.getString(2), "range partitioned");
                assertTrue(rs.next());
                assertEquals("sightings", rs.getString(1));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void migratingTwiceIsANoOp() {
        String url = TestDatabase.newDatabaseUrl();
        Database.connect(url, "postgres", "", TestConfigs.config()).close();
        try (Database again = Database.connect(url, "postgres", "", TestConfigs.config())) {
            assertFalse(again.timescale());
        }
    }

    /**
     * Members started at the same moment migrate one empty database at once (each in its own
     * connections, as separate processes would): every one of them succeeds, and the schema is
     * applied once.
     */
    @Test
    void membersMigratingOneEmptyDatabaseAtOnceAllSucceed() throws Exception {
        int members = 4;
        ExecutorService pool = Executors.newFixedThreadPool(members);
        try {
            for (int round = 0; round < 3; round++) {
                String url = TestDatabase.newDatabaseUrl();
                CyclicBarrier go = new CyclicBarrier(members);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < members; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        try (Database db = Database.connect(url, "postgres", "", TestConfigs.config())) {
                            return db.timescale();
                        }
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertFalse(f.get(), "round " + round);
                }
                try (Database db = Database.connect(url, "postgres", "", TestConfigs.config());
                        Connection c = db.dataSource().getConnection();
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(
                                "SELECT count(*), count(DISTINCT version) FROM flyway_schema_history WHERE success")) {
                    rs.next();
                    assertEquals(rs.getLong(2), rs.getLong(1), "each migration applied once");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
