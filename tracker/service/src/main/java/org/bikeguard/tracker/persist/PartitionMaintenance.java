package org.bikeguard.tracker.persist;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plain-PostgreSQL time partitions in shape: daily frame-log partitions
 * ({@code frame_log_pYYYYMMDD}, UTC days) and monthly sighting partitions
 * ({@code sightings_pYYYYMM}) created ahead of time, and whole frame-log days older than the
 * retention dropped. With TimescaleDB the hypertables' own chunking and retention policy do this
 * and {@link #run()} does nothing. Blocking; run from a worker thread, e.g. hourly.
 */
public final class PartitionMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final DataSource dataSource;
    private final boolean timescale;
    private final Duration frameLogRetention;
    private final Clock clock;

    public PartitionMaintenance(DataSource dataSource, boolean timescale, Duration frameLogRetention, Clock clock) {
        this.dataSource = dataSource;
        this.timescale = timescale;
        this.frameLogRetention = frameLogRetention;
        this.clock = clock;
    }

    /** Creates the partitions needed soon and drops expired frame-log days; returns the dropped names. */
    public List<String> run() throws SQLException {
        if (timescale) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            for (int d = 0; d <= 2; d++) {
                LocalDate day = today.plusDays(d);
                create(st, "frame_log", "frame_log_p" + DAY.format(day), day, day.plusDays(1));
            }
            LocalDate month = today.withDayOfMonth(1);
            for (int m = 0; m <= 1; m++) {
                LocalDate first = month.plusMonths(m);
                create(st, "sightings", "sightings_p" + MONTH.format(first), first, first.plusMonths(1));
            }
            return dropExpired(st, today);
        }
    }

    private static void create(Statement st, String parent, String name, LocalDate from, LocalDate to) {
        String sql = "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + parent + " FOR VALUES FROM ('" + from
                + " 00:00:00+00') TO ('" + to + " 00:00:00+00')";
        try {
            st.execute(sql);
        } catch (SQLException e) {
            // Rows for that range already sit in the default partition; they stay there.
            LOG.warn("cannot create partition [name: {}, error: {}]", name, e.getMessage());
        }
    }

    private List<String> dropExpired(Statement st, LocalDate today) throws SQLException {
        long cutoffMillis = clock.millis() - frameLogRetention.toMillis();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'frame_log' AND c.relname ~ '^frame_log_p[0-9]{8}$'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String name : names) {
            LocalDate day = LocalDate.parse(name.substring("frame_log_p".length()), DAY);
            long endMillis =
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (endMillis <= cutoffMillis && day.isBefore(today)) {
                st.execute("DROP TABLE " + name);
                dropped.add(name);
                LOG.info("dropped expired frame-log partition [name: {}]", name);
            }
        }
        return dropped;
    }
}
