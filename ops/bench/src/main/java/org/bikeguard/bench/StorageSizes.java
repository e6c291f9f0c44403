package org.bikeguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The measuring side of {@link StorageBench}: WAL positions, on-disk sizes of a table summed over
 * its partitions, and the printed table. Sizes in bytes. Blocking; not thread-safe.
 */
final class StorageSizes {
    private final DataSource ds;

    StorageSizes(DataSource ds) {
        this.ds = ds;
    }

    /** Rows, heap bytes (with TOAST and maps) and index bytes of a table, over all its partitions. */
    record Size(long rows, long heap, long index) {
        long total() {
            return heap + index;
        }
    }

    /** The server's WAL insert position, bytes. */
    long walPosition() throws SQLException {
        return scalar("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint");
    }

    void vacuum(String... tables) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String t : tables) {
                st.execute("VACUUM ANALYZE " + t);
            }
        }
    }

    Size size(String table) throws SQLException {
        long rows = scalar("SELECT count(*) FROM " + table);
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(sum(pg_table_size(relid)), 0)::bigint,"
                        + " coalesce(sum(pg_indexes_size(relid)), 0)::bigint"
                        + " FROM (SELECT relid FROM pg_partition_tree('" + table + "') WHERE isleaf"
                        // a table that is not partitioned is its own only leaf
                        + " UNION SELECT '" + table + "'::regclass"
                        + " WHERE (SELECT relkind FROM pg_class WHERE oid = '" + table + "'::regclass) <> 'p') AS t")) {
            rs.next();
            return new Size(rows, rs.getLong(1), rs.getLong(2));
        }
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Prints the table and the RESULT line from the sizes and the phases' figures in {@code r}. */
    void report(Map<String, Object> r, long frames, int stations, int open) throws SQLException {
        Size log = size("frame_log");
        Size dedup = size("frame_dedup");
        Size sight = size("sightings");
        Size state = size("checkpoint_open_state");
        long stateStored = scalar("SELECT coalesce(sum(pg_column_size(state) + pg_column_size(marks)), 0)::bigint"
                + " FROM checkpoint_open_state");
        long entries = ((Number) r.get("entries")).longValue();
        long payload = ((Number) r.get("payloadBytes")).longValue();
        long framesWal = ((Number) r.get("framesWal")).longValue();
        long closedWal = ((Number) r.get("closedWal")).longValue();
        long openWal = ((Number) r.get("openWal")).longValue();
        double perEntry = log.total() / (double) entries;
        System.out.printf(
                Locale.ROOT,
                "%n| table | rows | heap+TOAST (MB) | indexes (MB) | total (MB) | bytes per unit |%n"
                        + "|---|---|---|---|---|---|%n"
                        + "| frame_log | %,d frames = %,d entries | %.1f | %.1f | %.1f | **%.1f B/entry**"
                        + " (heap %.1f, index %.1f); %.0f B/frame; payload alone %.1f B/entry |%n"
                        + "| frame_dedup (steady state, %,d stations × 1,024) | %,d | %.1f | %.1f | %.1f |"
                        + " %.1f B/row = %.0f B/station (fixed, not per entry; %.2f B/entry over this run) |%n"
                        + "| sightings | %,d | %.1f | %.1f | %.1f | **%.1f B/row** (heap %.1f, index %.1f) |%n"
                        + "| checkpoint_open_state (%,d open sightings, 271 chunks) | %,d | %.1f | %.1f | %.1f |"
                        + " %.1f B/open sighting stored (encoded %.1f) |%n",
                frames,
                entries,
                log.heap() / 1e6,
                log.index() / 1e6,
                log.total() / 1e6,
                perEntry,
                log.heap() / (double) entries,
                log.index() / (double) entries,
                log.total() / (double) frames,
                payload / (double) entries,
                stations,
                dedup.rows(),
                dedup.heap() / 1e6,
                dedup.index() / 1e6,
                dedup.total() / 1e6,
                dedup.total() / (double) Math.max(1, dedup.rows()),
                dedup.total() / (double) stations,
                dedup.total() / (double) entries,
                sight.rows(),
                sight.heap() / 1e6,
                sight.index() / 1e6,
                sight.total() / 1e6,
                sight.total() / (double) Math.max(1, sight.rows()),
                sight.heap() / (double) Math.max(1, sight.rows()),
                sight.index() / (double) Math.max(1, sight.rows()),
                open,
                state.rows(),
                state.heap() / 1e6,
                state.index() / 1e6,
                state.total() / 1e6,
                stateStored / (double) Math.max(1, open),
                ((Number) r.get("openStateBytes")).doubleValue() / (double) Math.max(1, open));
        System.out.printf(
                Locale.ROOT,
                "%n| WAL written | bytes | per unit |%n|---|---|---|%n"
                        + "| frames (COPY + frame_dedup upserts) | %,d | **%.1f B/entry** |%n"
                        + "| closed sightings (empty checkpoint's %,d B taken off) | %,d | **%.1f B/row** |%n"
                        + "| one checkpoint's open state | %,d | %.1f B/open sighting |%n",
                framesWal,
                framesWal / (double) entries,
                ((Number) r.get("emptyCheckpointWal")).longValue(),
                closedWal,
                closedWal / (double) Math.max(1, sight.rows()),
                openWal,
                openWal / (double) Math.max(1, open));
        System.out.printf(
                Locale.ROOT,
                "%nthroughput on the side (one writer, synchronous_commit=on): %,.0f entries/s into the frame log;"
                        + " %,.0f sightings rows/s by checkpoints; %.0f ms per checkpoint of %,d open sightings%n",
                entries / ((Number) r.get("frameSeconds")).doubleValue(),
                ((Number) r.get("sightingsPerSec")).doubleValue(),
                ((Number) r.get("openCheckpointMs")).doubleValue(),
                open);
        Map<String, Object> out = new TreeMap<>(r);
        out.put("frames", frames);
        out.put("frameLogBytes", log.total());
        out.put("frameLogIndexBytes", log.index());
        out.put("frameLogBytesPerEntry", perEntry);
        out.put("dedupRows", dedup.rows());
        out.put("dedupBytes", dedup.total());
        out.put("sightingsRows", sight.rows());
        out.put("sightingsBytes", sight.total());
        out.put("sightingsIndexBytes", sight.index());
        out.put("sightingsBytesPerRow", sight.total() / (double) Math.max(1, sight.rows()));
        out.put("openStateStoredBytes", stateStored);
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v));
        System.out.println("RESULT " + json.append('}'));
        System.out.flush();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
