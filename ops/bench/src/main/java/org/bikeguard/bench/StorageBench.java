package org.bikeguard.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.sim.load.FrameGenerator;
import org.bikeguard.sim.load.TagSpace;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingCodec;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.correlate.Snapshot;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.ingest.FrameLogWriter;
import org.bikeguard.tracker.ingest.IngestMetrics;
import org.bikeguard.tracker.ingest.LoggedFrame;
import org.bikeguard.tracker.persist.CheckpointStore;
import org.bikeguard.tracker.persist.FrameLanes;
import org.bikeguard.tracker.persist.PartitionMaintenance;

/**
 * Storage cost on plain PostgreSQL, measured through the tracker's own write paths: bytes on disk
 * per frame-log entry, per frame, per {@code frame_dedup} row, per {@code sightings} row and per
 * open sighting in a checkpoint, and the WAL each writes.
 *
 * <ol>
 *   <li>Starts an embedded PostgreSQL with the tracker's embedded settings in a fresh temporary
 *       directory (deleted afterwards), migrates it with the tracker's migrations ({@link
 *       Database#connect}), creates the time partitions ({@link PartitionMaintenance}) and claims
 *       a lane ({@link FrameLanes}).
 *   <li>Fills {@code frame_dedup} to its steady state, 1,024 rows per station (SQL; a station that
 *       has sent 1,024 frames has filled its slots), so that the stream below updates it in place
 *       as in production.
 *   <li>Frames: {@code --reads / --entries} binary frames of {@code --entries} aggregated entries,
 *       built by the load generator's {@link FrameGenerator} over {@code --stations} stations
 *       ({@code HY-0001} ...) and {@code --tags} tags ({@link TagSpace}), round robin, appended
 *       through {@link FrameLogWriter} (group commit, binary COPY, {@code frame_dedup} upsert, in
 *       one transaction; {@code synchronous_commit=on}).
 *   <li>Closed sightings: {@code --sightings} synthetic closed sightings written by {@link
 *       CheckpointStore} in checkpoints of {@code --per-checkpoint}, with an empty open state.
 *   <li>Open state: {@code --open-checkpoints} checkpoints each carrying {@code --open} open
 *       sightings (one {@link SightingCodec} chunk per bucket, 271 buckets), no closed ones.
 * </ol>
 *
 * Sizes come from {@code pg_table_size} (heap, TOAST, free-space and visibility maps) and {@code
 * pg_indexes_size}, summed over partitions, after {@code VACUUM ANALYZE}; WAL from the difference
 * of {@code pg_current_wal_insert_lsn()} around each phase (the server checkpoints on its own
 * schedule, so full-page images are included as they would be). Prints a table and a {@code RESULT
 * {json}} line. Single-threaded driver; the writer runs its own thread.
 *
 * <pre>
 * java -Djava.io.tmpdir=ops/bench/target/tmp -cp ... org.bikeguard.bench.StorageBench
 *      [--reads 10000000] [--entries 100] [--stations 4334] [--tags 274000]
 *      [--sightings 2000000] [--per-checkpoint 20000] [--open 274000] [--open-checkpoints 5]
 * </pre>
 */
public final class StorageBench {
    private static final int BUCKETS = 271;
    private static final int SLOTS = 1024;
    private static final int WINDOW = 20_000;

    private final int reads;
    private final int entries;
    private final int stations;
    private final int tags;
    private final int sightings;
    private final int perCheckpoint;
    private final int open;
    private final int openCheckpoints;
    private final String[] stationIds;
    private final SplittableRandom random = new SplittableRandom(7);
    private final Map<String, Object> result = new HashMap<>();
    private long epoch;

    private StorageBench(Args a) {
        this.reads = a.intValue("--reads", 10_000_000);
        this.entries = a.intValue("--entries", 100);
        this.stations = a.intValue("--stations", 4334);
        this.tags = a.intValue("--tags", 274_000);
        this.sightings = a.intValue("--sightings", 2_000_000);
        this.perCheckpoint = a.intValue("--per-checkpoint", 20_000);
        this.open = a.intValue("--open", 274_000);
        this.openCheckpoints = a.intValue("--open-checkpoints", 5);
        this.stationIds = new String[stations];
        for (int i = 0; i < stations; i++) {
            stationIds[i] = String.format(Locale.ROOT, "HY-%04d", i + 1);
        }
    }

    /** Entry point; see the class comment for flags. */
    public static void main(String[] args) throws Exception {
        StorageBench bench = new StorageBench(new Args(
                args,
                "--reads",
                "--entries",
                "--stations",
                "--tags",
                "--sightings",
                "--per-checkpoint",
                "--open",
                "--open-checkpoints"));
        Path dir = Files.createTempDirectory("storage-bench-pg");
        System.out.printf(Locale.ROOT, "storage: embedded PostgreSQL in %s%n", dir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                // The tracker's embedded settings (Database.startEmbedded).
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("wal_compression", "on")
                .setServerConfig("max_wal_size", "2GB")
                .start()) {
            Map<String, String> env = Map.of(
                    "HOME", dir.toString(),
                    "BIKEGUARD_DATA_DIR", dir.resolve("unused").toString(),
                    "BIKEGUARD_TIMESCALE", "off");
            TrackerConfig config = ConfigLoader.fromMap(env);
            try (Database db = Database.connect(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", config)) {
                bench.run(db, config);
            }
        } finally {
            StorageSizes.deleteTree(dir);
        }
    }

    private void run(Database db, TrackerConfig config) throws Exception {
        new PartitionMaintenance(db.dataSource(), db.timescale(), config.frameLogRetention(), Clock.systemUTC()).run();
        int lane = new FrameLanes(db.dataSource(), Clock.systemUTC()).claim("storage-bench");
        StorageSizes sizes = new StorageSizes(db.dataSource());
        for (String k : new String[] {"sightingsPerSec", "openCheckpointMs", "openStateBytes"}) {
            result.put(k, 0.0); // phases run with 0 sightings or 0 open leave these at 0
        }
        seedDedup(db);
        long wal0 = sizes.walPosition();
        long frames = writeFrames(db, lane);
        long wal1 = sizes.walPosition();
        result.put("framesWal", wal1 - wal0);
        long emptyWal = checkpoints(db, 0, 0, 10, sizes) / 10;
        result.put("emptyCheckpointWal", emptyWal);
        int closedCheckpoints = Math.max(1, (sightings + perCheckpoint - 1) / perCheckpoint);
        long closedWal = checkpoints(db, sightings, 0, closedCheckpoints, sizes);
        result.put("closedWal", closedWal - closedCheckpoints * emptyWal);
        long openWal = checkpoints(db, 0, open, openCheckpoints, sizes);
        result.put("openWal", openWal / Math.max(1, openCheckpoints) - emptyWal);
        sizes.vacuum("frame_log", "frame_dedup", "sightings", "checkpoint_open_state");
        sizes.report(result, frames, stations, open);
    }

    /** Steady state: every station has used all its slots (seq = slot, never sent again below). */
    private void seedDedup(Database db) throws SQLException {
        try (Connection c = db.openDedicatedConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO frame_dedup (station, slot, seq, frame_id, digest) "
                                + "SELECT s, g, g, 0, (random() * 9e18)::bigint FROM unnest(?::text[]) AS s, generate_series(0, "
                                + (SLOTS - 1) + ") AS g")) {
            ps.setArray(1, c.createArrayOf("text", stationIds));
            ps.executeUpdate();
        }
    }

    /** Appends the frames through the tracker's writer; returns the frames logged. */
    private long writeFrames(Database db, int lane) throws InterruptedException {
        long frames = Math.max(1, reads / entries);
        TagSpace space = new TagSpace(tags, stations);
        long[][] pools = new long[stations][];
        long[] seqs = new long[stations];
        long boot = System.currentTimeMillis() * 1000;
        for (int s = 0; s < stations; s++) {
            pools[s] = space.pool(s);
            seqs[s] = boot;
        }
        FrameGenerator gen = new FrameGenerator(entries, true, 11);
        AtomicLong logged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        long payloadBytes = 0;
        long entriesSent = 0;
        Semaphore window = new Semaphore(WINDOW);
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        long t0 = System.nanoTime();
        // The queue bound: large enough never to refuse (the window above bounds what waits), read
        // as frames or as bytes alike; 4,000 frames per commit at most, as the tracker does.
        int capacity = 1 << 28;
        try (FrameLogWriter writer =
                new FrameLogWriter(db, metrics, capacity, 4_000, lane, batch -> logged.addAndGet(batch.size()))) {
            writer.start();
            for (long f = 0; f < frames; f++) {
                int s = (int) (f % stations);
                long seq = seqs[s]++;
                long now = System.currentTimeMillis();
                Frame frame = gen.next(stationIds[s], seq, pools[s], now);
                byte[] payload = FrameCodec.encodeBinary(frame);
                payloadBytes += payload.length;
                entriesSent += frame.size();
                window.acquire();
                writer.append(new LoggedFrame(0, 0, now, s, payload, frame), stationIds[s], seq)
                        .whenComplete((l, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            } else if (!l.firstCopy()) {
                                resent.incrementAndGet();
                            }
                            window.release();
                        });
                if (f % 20_000 == 0 && f > 0) {
                    progress("frames", f, frames, t0);
                }
            }
            window.acquire(WINDOW);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (failed.get() > 0 || resent.get() > 0) {
            throw new IllegalStateException("frames failed: " + failed + ", taken as resends: " + resent);
        }
        result.put("entries", entriesSent);
        result.put("payloadBytes", payloadBytes);
        result.put("frameSeconds", secs);
        System.out.printf(
                Locale.ROOT,
                "storage: %,d frames (%,d entries, %,d payload bytes) logged in %.1f s = %,.0f entries/s%n",
                logged.get(),
                entriesSent,
                payloadBytes,
                secs,
                entriesSent / secs);
        return logged.get();
    }

    /**
     * Writes {@code n} checkpoints through {@link CheckpointStore}, {@code closed} closed sightings in
     * all (spread evenly), each with {@code openCount} open sightings; returns the WAL they wrote.
     */
    private long checkpoints(Database db, int closed, int openCount, int n, StorageSizes sizes) throws Exception {
        CheckpointStore store = new CheckpointStore(db.dataSource(), i -> stationIds[i]);
        List<byte[]> openState = openState(openCount);
        List<byte[]> marks = new ArrayList<>(BUCKETS);
        for (int b = 0; b < BUCKETS; b++) {
            marks.add(new byte[8 + 3 * 12]); // header and three lanes' (lane, frame id)
        }
        long wal0 = sizes.walPosition();
        long t0 = System.nanoTime();
        long clock = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        int written = 0;
        for (int k = 0; k < n; k++) {
            int batch = (int) ((long) closed * (k + 1) / n) - written;
            List<Sighting> list = closedSightings(batch, clock);
            written += batch;
            clock += 10_000;
            try (CheckpointStore.Txn txn = store.begin()) {
                txn.commit(new Snapshot(++epoch, list, openState, openCount, marks), Map.of(1, epoch), BUCKETS);
            }
            if (closed > 0 && k % 20 == 0 && k > 0) {
                progress("sightings", written, closed, t0);
            }
        }
        long wal = sizes.walPosition() - wal0;
        double secs = (System.nanoTime() - t0) / 1e9;
        if (closed > 0) {
            result.put("sightingsPerSec", closed / secs);
        } else if (openCount > 0) {
            result.put("openCheckpointMs", secs * 1000 / n);
            result.put(
                    "openStateBytes",
                    openState.stream().mapToLong(b -> b.length).sum());
        }
        return wal;
    }

    /** Closed sightings ending before {@code clock}: tags of the city, at a station of the tag's area. */
    private List<Sighting> closedSightings(int n, long clock) {
        List<Sighting> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(tags);
            int station = Math.floorMod((int) ((long) k * stations / tags) + random.nextInt(41) - 20, stations);
            long last = clock - 30_000 - random.nextInt(10_000);
            long first = last - (random.nextInt(4) == 0 ? random.nextInt(3_600_000) : random.nextInt(60_000));
            long readCount = 1 + (last - first) / 5_000 + random.nextInt(20);
            int rssi = -45 - random.nextInt(35);
            int flags = random.nextInt(100) == 0 ? 2 : 0;
            out.add(new Sighting(TagSpace.tagId(k), station, first, last, readCount, rssi, flags, false));
        }
        return out;
    }

    /** {@code count} open sightings of distinct tags, one codec chunk per bucket. */
    private List<byte[]> openState(int count) {
        List<List<Sighting>> perBucket = new ArrayList<>(BUCKETS);
        for (int b = 0; b < BUCKETS; b++) {
            perBucket.add(new ArrayList<>());
        }
        long now = System.currentTimeMillis();
        for (int k = 0; k < count; k++) {
            long tag = TagSpace.tagId(k);
            int station = (int) ((long) k * stations / Math.max(count, tags));
            long last = now - random.nextInt(30_000);
            long first = last - random.nextInt(600_000);
            Sighting s =
                    new Sighting(tag, station, first, last, 1 + random.nextInt(200), -45 - random.nextInt(35), 0, true);
            perBucket.get(SightingEngine.bucketOf(tag, BUCKETS)).add(s);
        }
        List<byte[]> chunks = new ArrayList<>(BUCKETS);
        for (List<Sighting> b : perBucket) {
            chunks.add(SightingCodec.encode(b));
        }
        return chunks;
    }

    private static void progress(String what, long done, long total, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "storage: %s %,d / %,d (%.0f s)%n", what, done, total, secs);
        System.out.flush();
    }
}
