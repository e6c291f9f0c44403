package org.bikeguard.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline: how many read rows per second one PostgreSQL connection stores with binary
 * {@code COPY} on this machine, into {@code reads(tag bigint, ts timestamptz, station int,
 * rssi smallint, count int)} indexed on {@code (tag, ts)}. Rows follow the load profile:
 * uniformly random tags out of {@code --tags} (300,000), current timestamps, aggregated
 * counts; committed every {@code --batch} rows (20,000).
 *
 * <p>Starts its own embedded PostgreSQL (zonky; the binaries are extracted to
 * {@code java.io.tmpdir}, so point that at a directory you own) in a fresh temporary data
 * directory that is deleted afterwards, with the tracker's embedded server settings
 * ({@code shared_buffers=256MB, wal_compression=on, max_wal_size=2GB}).
 * {@code synchronous_commit} is {@code on} by default (a commit is durable, as an acknowledged
 * frame must be); zonky's default, which the tracker inherits, is {@code off}.
 *
 * <pre>
 * java -Djava.io.tmpdir=ops/bench/target/tmp -cp ... org.bikeguard.bench.CopyBaseline
 *      [--seconds 30] [--batch 20000] [--tags 300000] [--stations 5000] [--index on|off]
 *      [--synchronous-commit on|off]
 * </pre>
 *
 * Prints progress every {@value #REPORT_S} s and a final {@code RESULT {json}} line.
 * Single-threaded.
 */
public final class CopyBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(CopyBaseline.class);
    private static final int REPORT_S = 5;
    private static final int ROW_BYTES = 2 + (4 + 8) + (4 + 8) + (4 + 4) + (4 + 2) + (4 + 4);
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    /** Microseconds between 1970-01-01 and 2000-01-01 (PostgreSQL's epoch). */
    private static final long PG_EPOCH_OFFSET_US = 946_684_800_000_000L;

    private final int seconds;
    private final int batch;
    private final int tags;
    private final int stations;
    private final SplittableRandom random = new SplittableRandom(42);
    private final ByteBuffer buf;

    private CopyBaseline(int seconds, int batch, int tags, int stations) {
        this.seconds = seconds;
        this.batch = batch;
        this.tags = tags;
        this.stations = stations;
        this.buf = ByteBuffer.allocate(HEADER.length + batch * ROW_BYTES + 2);
    }

    /** Entry point; see the class comment for flags. */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args, "--seconds", "--batch", "--tags", "--stations", "--index", "--synchronous-commit");
        boolean index = !"off".equals(a.value("--index", "on"));
        String sync = a.value("--synchronous-commit", "on");
        CopyBaseline bench = new CopyBaseline(
                a.intValue("--seconds", 30),
                a.intValue("--batch", 20_000),
                a.intValue("--tags", 300_000),
                a.intValue("--stations", 5000));
        Path dir = Files.createTempDirectory("copy-baseline-pg");
        System.out.printf(
                Locale.ROOT,
                "copy-baseline: embedded PostgreSQL in %s" + " (synchronous_commit=%s, index on (tag, ts): %s)%n",
                dir,
                sync,
                index);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("synchronous_commit", sync)
                        // The tracker's embedded settings, so the two are comparable.
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("wal_compression", "on")
                        .setServerConfig("max_wal_size", "2GB")
                        .start();
                Connection c = pg.getPostgresDatabase().getConnection()) {
            bench.createTable(c, index);
            bench.run(c);
        } finally {
            deleteTree(dir);
        }
    }

    private void createTable(Connection c, boolean index) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE reads (tag bigint NOT NULL, ts timestamptz NOT NULL,"
                    + " station int NOT NULL, rssi smallint NOT NULL, count int NOT NULL)");
            if (index) {
                st.execute("CREATE INDEX reads_tag_ts ON reads (tag, ts)");
            }
        }
        c.setAutoCommit(false);
    }

    private void run(Connection c) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        long rows = 0;
        long lastRows = 0;
        long lastReport = t0;
        while (System.nanoTime() < end) {
            fillBatch();
            CopyIn in = copy.copyIn("COPY reads (tag, ts, station, rssi, count) FROM STDIN" + " (FORMAT binary)");
            in.writeToCopy(buf.array(), 0, buf.position());
            in.endCopy();
            c.commit();
            rows += batch;
            long now = System.nanoTime();
            if (now - lastReport >= REPORT_S * 1_000_000_000L) {
                System.out.printf(
                        Locale.ROOT,
                        "copy-baseline: %,.0f rows/s (total %,d)%n",
                        (rows - lastRows) / ((now - lastReport) / 1e9),
                        rows);
                System.out.flush();
                lastRows = rows;
                lastReport = now;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        String sizes = sizes(c);
        System.out.printf(
                Locale.ROOT, "copy-baseline: %,d rows in %.1f s = %,.0f rows/s; %s%n", rows, s, rows / s, sizes);
        System.out.printf(
                Locale.ROOT,
                "RESULT {\"rowsPerSec\":%.1f,\"rows\":%d,\"seconds\":%.3f," + "\"batch\":%d,\"tags\":%d}%n",
                rows / s,
                rows,
                s,
                batch,
                tags);
        System.out.flush();
    }

    /** Fills {@link #buf} with one binary COPY stream of {@link #batch} rows. */
    private void fillBatch() {
        buf.clear();
        buf.put(HEADER);
        long nowUs = System.currentTimeMillis() * 1000 - PG_EPOCH_OFFSET_US;
        for (int i = 0; i < batch; i++) {
            int k = random.nextInt(tags);
            buf.putShort((short) 5);
            buf.putInt(8).putLong(tagId(k));
            buf.putInt(8).putLong(nowUs - random.nextInt(1_000_000));
            buf.putInt(4).putInt((int) ((long) k * stations / tags));
            buf.putInt(2).putShort((short) (-45 - random.nextInt(35)));
            buf.putInt(4).putInt(1 + random.nextInt(20));
        }
        buf.putShort((short) -1);
    }

    /** Same id scramble as the load generator: random-looking 64-bit ids, prefix 0xE2. */
    static long tagId(long k) {
        final long mask56 = (1L << 56) - 1;
        long x = (k * 0x9E3779B97F4A7C15L) & mask56;
        x ^= x >>> 29;
        x = (x * 0xBF58476D1CE4E5B9L) & mask56;
        x ^= x >>> 32;
        return (0xE2L << 56) | x;
    }

    private static String sizes(Connection c) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_table_size('reads')),"
                        + " pg_size_pretty(pg_indexes_size('reads'))")) {
            rs.next();
            return "table " + rs.getString(1) + ", indexes " + rs.getString(2);
        } catch (SQLException e) {
            return "sizes unavailable (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
