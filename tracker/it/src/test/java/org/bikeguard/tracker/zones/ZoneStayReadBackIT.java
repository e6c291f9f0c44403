package org.bikeguard.tracker.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.tracker.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a member reads back from {@code zone_stay} (real PostgreSQL, the tracker's clock fixed at a
 * scenario date): at start, the stays whose newest read or last write lies within the resume window
 * (an hour), not every row ever written.
 */
class ZoneStayReadBackIT {

    private static final Duration GAP = Duration.ofSeconds(30);
    private static final Instant NOW = ScenarioDate.WEEKDAY.instant();

    private Database db;
    private ZoneStayStore store;

    @BeforeEach
    void start() throws SQLException {
        db = TestDatabase.newDatabase(TestConfigs.config());
        store = new ZoneStayStore(db.dataSource(), GAP.toMillis());
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO zone (id, name, kind, stations, grace_s, fine_fen, updated_at, updated_by)"
                    + " VALUES ('fire-b', 'fire lane B', 'fire_lane', '{FB-1}', 900, 5000, now(), 'test')");
        }
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void atStartOnlyStaysReadOrWrittenWithinTheLastHourAreReadBack() throws SQLException {
        stay(1, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2))); // long closed
        stay(2, NOW.minus(Duration.ofMinutes(90)), NOW.minus(Duration.ofMinutes(90))); // closed before the hour
        stay(3, NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(10))); // newest read 10 min ago
        stay(4, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(30))); // old reads written lately
        ZoneWatch watch = new ZoneWatch(
                new ZoneStore(db.dataSource()),
                new ZoneEvents(db.dataSource()),
                store,
                null,
                ScenarioClock.fixed(NOW),
                GAP);
        try {
            assertEquals(2, watch.sync(Zones.RESUME), "tags 3 and 4, not the two closed long before");
            assertEquals(0, watch.sync(), "the next look: nothing written since, nothing read lately");
        } finally {
            watch.close();
        }
    }

    /** A closed stay of {@code tag}: one read at {@code seen}, written at {@code written}. */
    private void stay(long tag, Instant seen, Instant written) throws SQLException {
        long t = seen.toEpochMilli();
        store.write(List.of(new ZoneStays.Snapshot("fire-b", tag, t, t, t, "FB-1", 0, 0, 0)), written);
    }
}
