package org.bikeguard.tracker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
}
