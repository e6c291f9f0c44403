package org.bikeguard.tracker.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.tracker.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Frame-log retention on plain PostgreSQL: whole expired days are dropped, nothing else. */
class PartitionMaintenanceIT {

    private static final Clock NOV_23 = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void createsUpcomingPartitionsAndDropsOnlyWholeExpiredFrameLogDays() throws Exception {
        try (Database db = TestDatabase.newDatabase(TestConfigs.config())) {
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute(
                        "CREATE TABLE frame_log_p20261110 PARTITION OF frame_log FOR VALUES FROM ('2026-11-10 00:00:00+00') TO ('2026-11-11 00:00:00+00')");
                st.execute(
                        "CREATE TABLE frame_log_p20261116 PARTITION OF frame_log FOR VALUES FROM ('2026-11-16 00:00:00+00') TO ('2026-11-17 00:00:00+00')");
                st.execute("INSERT INTO frame_log (received_at, station, seq, payload) VALUES "
                        + "('2026-11-10 12:00:00+00', 'S', 1, '\\x00'), ('2026-11-16 12:00:00+00', 'S', 2, '\\x00')");
            }
            PartitionMaintenance maintenance =
                    new PartitionMaintenance(db.dataSource(), false, Duration.ofDays(7), NOV_23);

            List<String> dropped = maintenance.run();

            assertEquals(List.of("frame_log_p20261110"), dropped, "only the day that ended more than 7 days ago");
            List<String> partitions = partitions(db);
            assertFalse(partitions.contains("frame_log_p20261110"));
            assertTrue(
                    partitions.containsAll(List.of(
                            "frame_log_p20261116",
                            "frame_log_p20261123",
                            "frame_log_p20261124",
                            "frame_log_p20261125",
                            "sightings_p202611",
                            "sightings_p202612")),
                    partitions.toString());
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT seq FROM frame_log ORDER BY seq")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1), "the frame of the retained day is still there");
                assertFalse(rs.next());
            }
            assertEquals(List.of(), maintenance.run(), "running again changes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(ScenarioDate.class)
    void keepsTheRetainedDaysAndTheComingOnesAroundEachFixedDate(ScenarioDate d) throws Exception {
        LocalDate today = LocalDate.ofInstant(d.instant(), ZoneOffset.UTC);
        LocalDate expired = today.minusDays(10);
        LocalDate kept = today.minusDays(4);
        try (Database db = TestDatabase.newDatabase(TestConfigs.config())) {
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                for (LocalDate day : List.of(expired, kept)) {
                    st.execute("CREATE TABLE " + dayPartition(day) + " PARTITION OF frame_log FOR VALUES FROM ('" + day
                            + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                    st.execute("INSERT INTO frame_log (received_at, station, seq, payload) VALUES ('" + day
                            + " 12:00:00+00', 'S', " + day.getDayOfMonth() + ", '\\x00')");
                }
            }
            PartitionMaintenance maintenance = new PartitionMaintenance(
                    db.dataSource(), false, Duration.ofDays(7), Clock.fixed(d.instant(), ZoneOffset.UTC));

            assertEquals(List.of(dayPartition(expired)), maintenance.run(), d.name());
            List<String> partitions = partitions(db);
            assertTrue(
                    partitions.containsAll(List.of(
                            dayPartition(kept),
                            dayPartition(today),
                            dayPartition(today.plusDays(1)),
                            dayPartition(today.plusDays(2)),
                            monthPartition(today),
                            monthPartition(today.plusMonths(1)))),
                    d + ": " + partitions);
            assertFalse(partitions.contains(dayPartition(expired)), d + ": " + partitions);
            assertEquals(List.of(), maintenance.run(), "running again changes nothing");
        }
    }

    private static String dayPartition(LocalDate day) {
        return "frame_log_p" + DateTimeFormatter.BASIC_ISO_DATE.format(day);
    }

    private static String monthPartition(LocalDate day) {
        return "sightings_p" + DateTimeFormatter.ofPattern("yyyyMM").format(day);
    }

    private static List<String> partitions(Database db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
