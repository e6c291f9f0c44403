package org.bikeguard.tracker.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.tracker.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StationRegistryIT {

    private static final String SECRET = "station-secret-0001";
    /** The station-secret key every member has (in the product: from the key file). */
    private static final byte[] KEY =
            "station-secret-key-of-the-tests!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Database db;
    private HazelcastInstance hz;
    private StationRegistry registry;

    @BeforeEach
    void start() {
        db = TestDatabase.newDatabase(TestConfigs.config());
        hz = HazelcastTestSupport.newMember(HazelcastTestSupport.clusterName());
        registry = StationRegistry.load(hz, db.dataSource(), KEY);
    }

    @AfterEach
    void stop() {
        registry.close();
        hz.shutdown();
        db.close();
    }

    private static StationInput input(String id, String name, String secret) {
        return new StationInput(id, name, "street", 120.1551, 30.2741, 60, secret);
    }

    private int rows(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void reconcileRestoresAStationWhoseReplicationEventNeverArrived() throws Exception {
        Station saved = registry.save(input("HY-0007", "Jiefang", SECRET)).station();
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            // another member's write whose replicated-map event this member missed
            st.executeUpdate("UPDATE stations SET name = 'Jiefang Road' WHERE id = 'HY-0007'");
        }
        assertEquals("Jiefang", registry.byId("HY-0007").name());
        assertEquals(1, registry.reconcile());
        assertEquals("Jiefang Road", registry.byId("HY-0007").name());
        assertEquals("Jiefang Road", registry.byIndex(saved.idx()).name());
        assertEquals(0, registry.reconcile(), "nothing left to correct");
    }

    @Test
    void newStationIsStoredAndVisibleByIdAndByIndexAtOnce() {
        StationRegistry.Saved saved = registry.save(input("HY-0001", "Renmin", SECRET));
        assertTrue(saved.created());
        Station s = saved.station();
        assertTrue(s.idx() >= 1);
        assertEquals(s, registry.byId("HY-0001"));
        assertEquals(s, registry.byIndex(s.idx()));
        assertEquals(1, registry.size());
        assertNull(registry.byId("HY-9999"));
        assertNull(registry.byIndex(9999));
        assertNull(registry.byIndex(-1));
    }

    @Test
    void newStationWithoutSecretIsRejected() {
        StationValidationException e =
                assertThrows(StationValidationException.class, () -> registry.upsert(input("HY-0001", "Renmin", null)));
        assertEquals("station HY-0001 is new and needs a secret", e.getMessage());
        assertEquals(0, registry.size());
    }

    @Test
    void authenticateAcceptsOnlyTheStationsOwnSecret() {
        registry.upsert(input("HY-0001", "Renmin", SECRET));
        registry.upsert(input("HY-0002", "Jiefang", "another-secret-0002"));
        assertTrue(registry.authenticate("HY-0001", SECRET));
        assertFalse(registry.authenticate("HY-0001", "another-secret-0002"));
        assertFalse(registry.authenticate("HY-0001", SECRET + "x"));
        assertFalse(registry.authenticate("HY-0003", SECRET));
        assertFalse(registry.authenticate("HY-0001", null));
    }

    @Test
    void updateWithoutSecretKeepsTheOldSecretAndTheIndex() {
        Station first = registry.upsert(input("HY-0001", "Renmin", SECRET));
        StationRegistry.Saved again = registry.save(input("HY-0001", "Renmin north", null));
        assertFalse(again.created());
        assertEquals(first.idx(), again.station().idx());
        assertEquals("Renmin north", registry.byId("HY-0001").name());
        assertTrue(registry.authenticate("HY-0001", SECRET));
        registry.upsert(input("HY-0001", "Renmin north", "rotated-secret-0001"));
        assertFalse(registry.authenticate("HY-0001", SECRET));
        assertTrue(registry.authenticate("HY-0001", "rotated-secret-0001"));
    }

    @Test
    void updatesDoNotBurnIndexValuesSoIndexesStayDense() {
        Station a = registry.upsert(input("A", "a", SECRET));
        for (int i = 0; i < 5; i++) {
            registry.upsert(input("A", "a" + i, null));
        }
        Station b = registry.upsert(input("B", "b", SECRET));
        assertEquals(a.idx() + 1, b.idx());
    }

    @Test
    void importAllWritesEverythingInOneTransaction() throws Exception {
        registry.upsert(input("A", "old", SECRET));
        int n = registry.importAll(List.of(input("A", "new", null), input("B", "b", SECRET), input("C", "c", SECRET)));
        assertEquals(3, n);
        assertEquals(3, rows("SELECT count(*) FROM stations"));
        assertEquals("new", registry.byId("A").name());
        assertTrue(registry.authenticate("A", SECRET));
    }

    @Test
    void importWithOneBadItemWritesNothingAndNamesTheItem() throws Exception {
        List<StationInput> inputs = List.of(input("A", "a", SECRET), input("B", "b", null), input("C", "c", SECRET));
        StationImportException e =
                assertThrows(StationImportException.class, () -> registry.importAll(inputs, i -> "line " + (i + 2)));
        assertEquals("line 3", e.location());
        assertEquals(0, rows("SELECT count(*) FROM stations"));
        assertEquals(0, registry.size());
    }

    @Test
    void aSecondMemberSeesStationsAndUpdatesThroughTheReplicatedMap() {
        registry.upsert(input("HY-0001", "Renmin", SECRET));
        HazelcastInstance hz2 = HazelcastTestSupport.newMember(hz.getConfig().getClusterName());
        try (StationRegistry other = StationRegistry.load(hz2, db.dataSource(), KEY)) {
            assertEquals(2, hz.getCluster().getMembers().size());
            assertNotNull(other.byId("HY-0001"));
            Station added = registry.upsert(input("HY-0002", "Jiefang", "another-secret-0002"));
            registry.upsert(input("HY-0001", "Renmin north", null));
            Poll.until(
                    Duration.ofSeconds(20),
                    "the update on member 2",
                    () -> other.byIndex(added.idx()) != null
                            && "Renmin north".equals(other.byId("HY-0001").name()));
            assertTrue(other.authenticate("HY-0002", "another-secret-0002"));
        } finally {
            hz2.shutdown();
        }
    }

    @Test
    void aFreshClusterReloadsStationsAndIndexesFromTheDatabase() {
        Station s = registry.upsert(input("HY-0001", "Renmin", SECRET));
        HazelcastInstance fresh = HazelcastTestSupport.newMember(HazelcastTestSupport.clusterName());
        try (StationRegistry reloaded = StationRegistry.load(fresh, db.dataSource(), KEY)) {
            assertEquals(s, reloaded.byIndex(s.idx()));
            assertTrue(reloaded.authenticate("HY-0001", SECRET), "same station-secret key");
        } finally {
            fresh.shutdown();
        }
    }
}
