package org.bikeguard.tracker.correlate;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns reads into sightings, with the per-tag state in Hazelcast.
 *
 * <p>Design: tags are spread over {@link EngineConfig#bucketCount()} buckets ({@link #bucketOf}:
 * murmur3 fmix64 of the tag modulo the count); each bucket is one entry of the IMap {@link
 * #MAP_NAME} (in-memory format OBJECT) holding a {@link SightingBucket}, a packed primitive hash table
 * of that bucket's sightings. A batch is grouped by bucket and each bucket's reads are applied by
 * one entry processor on the bucket's partition, in place; backups re-run the same deterministic
 * processor. Each engine keeps at most one call in flight per bucket and coalesces reads arriving
 * meanwhile into the next call ({@link BucketLane}), so every station's reads reach their bucket in
 * arrival order. The read-application rule is documented on {@link SightingBucket}; closure depends on
 * event time only (read times and the caller's {@link #sweep} cut-offs), so replayed or
 * accelerated streams, any batching and any number of members give the same sightings.
 *
 * <p>Times are epoch ms UTC, RSSI dBm. Thread-safe: apply, sweep and the rest may be called from
 * any thread; operations on one bucket run in call order.
 */
public final class SightingEngine implements AutoCloseable {
    /** Name of the IMap holding the buckets. */
    public static final String MAP_NAME = "bikeguard.sighting-buckets";

    private static final Logger LOG = LoggerFactory.getLogger(SightingEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final EngineConfig config;
    private final IMap<Integer, SightingBucket> map;
    private final BucketLane[] lanes;
    private final ExecutorService callbacks;
    private final ThreadLocal<Grouping> grouping;
    private final AtomicLong applyRetries = new AtomicLong();

    /** Adds the map config and serializers this engine needs; call before creating the member. */
    public static void configure(Config config, EngineConfig engineConfig) {
        CorrelateSerialization.register(config.getSerializationConfig());
        MapConfig map = new MapConfig(MAP_NAME)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(engineConfig.backupCount())
                .setAsyncBackupCount(0)
                .setStatisticsEnabled(false)
                .setPerEntryStatsEnabled(false);
        config.addMapConfig(map);
    }

    /** Creates an engine on a member configured with {@link #configure}. */
    public SightingEngine(HazelcastInstance hz, EngineConfig config) {
        this.config = config;
        this.map = hz.getMap(MAP_NAME);
        int id = ENGINES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.callbacks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bikeguard-sightings-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.lanes = new BucketLane[config.bucketCount()];
        for (int b = 0; b < lanes.length; b++) {
            lanes[b] = new BucketLane(b, map, this::runCallback, config.gapMs(), applyRetries::incrementAndGet);
        }
        this.grouping = ThreadLocal.withInitial(() -> new Grouping(config.bucketCount()));
        LOG.info("sighting engine {} started: {}", id, config);
    }

    /** Runs a Hazelcast completion on the callback pool, or inline once the pool is shut down. */
    private void runCallback(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** The bucket of a tag: murmur3 fmix64 of the tag, modulo the bucket count (unsigned). */
    public static int bucketOf(long tag, int bucketCount) {
        return (int) Long.remainderUnsigned(mix64(tag), bucketCount);
    }

    /** murmur3 fmix64. */
    public static long mix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The configuration in use. */
    public EngineConfig config() {
        return config;
    }

    /**
     * Applies the batch. The engine copies the reads before returning, so the caller may reuse the
     * batch. The stage completes once every read of it has been applied.
     */
    public CompletionStage<Void> apply(ReadBatch batch) {
        int n = batch.size();
        if (n == 0) {
            return CompletableFuture.completedFuture(null);
        }
        Completion done = new Completion();
        Grouping g = grouping.get();
        g.group(batch);
        for (int k = 0; k < g.touched; k++) {
            int b = g.touchedBuckets[k];
            lanes[b].enqueueReads(batch, g.order, g.start[b], g.start[b] + g.counts[b], done);
        }
        g.reset();
        done.release();
        return done.future();
    }

    /** Completes when every apply() (and other call) made before it has completed. */
    public CompletionStage<Void> drain() {
        Completion done = new Completion();
        for (BucketLane lane : lanes) {
            lane.drainInto(done);
        }
        done.release();
        return done.future();
    }

    /**
     * Closes open sightings at station s whose lastSeen &lt; closeBefore[s] (epoch ms;
     * Long.MAX_VALUE closes all of a silent station's; stations &gt;= closeBefore.length are
     * untouched). Closed ones become closed-pending until a snapshot freezes them and a purge
     * removes them. Runs after the applies made before it.
     */
    public CompletionStage<Void> sweep(long[] closeBefore) {
        BucketProcessors.Sweep sweep = new BucketProcessors.Sweep(closeBefore.clone());
        List<CompletableFuture<Integer>> parts = new ArrayList<>(lanes.length);
        for (BucketLane lane : lanes) {
            parts.add(lane.enqueue(sweep));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Freezes every closed-pending sighting with {@code epoch} (&gt;= 0; later reads no longer amend
     * it) and returns all frozen, unpurged closed sightings plus the open ones, one chunk per bucket.
     * The caller drains first so that no apply is in flight.
     */
    public CompletionStage<Snapshot> snapshot(long epoch) {
        return snapshot(epoch, Long.MIN_VALUE);
    }

    /**
     * As {@link #snapshot(long)}, but the closed sightings returned are only those frozen with an
     * epoch above {@code after} (the last committed checkpoint's), so a checkpoint retried after
     * its commit never hands out its sightings again. Each bucket's part carries its lane marks.
     */
    public CompletionStage<Snapshot> snapshot(long epoch, long after) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        BucketProcessors.Freeze freeze = new BucketProcessors.Freeze(epoch, after);
        List<CompletableFuture<SnapshotPart>> parts = new ArrayList<>(lanes.length);
        for (BucketLane lane : lanes) {
            parts.add(lane.enqueue(freeze));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> {
                    List<Sighting> closed = new ArrayList<>();
                    List<byte[]> open = new ArrayList<>(parts.size());
                    List<byte[]> marks = new ArrayList<>(parts.size());
                    long openCount = 0;
                    for (CompletableFuture<SnapshotPart> f : parts) {
                        SnapshotPart p = f.join();
                        closed.addAll(SightingCodec.decode(p.closed()));
                        open.add(p.open());
                        marks.add(p.marks());
                        openCount += p.openCount();
                    }
                    return new Snapshot(epoch, closed, open, openCount, marks);
                });
    }

    /** Removes closed sightings frozen with an epoch &lt;= {@code epoch} (after they are persisted). */
    public CompletionStage<Void> purge(long epoch) {
        return purge(epoch, new int[0]);
    }

    /**
     * Removes closed sightings frozen with an epoch &lt;= {@code epoch} (after they are persisted)
     * and the marks of {@code finishedLanes} (lanes no replay will ever read again).
     */
    public CompletionStage<Void> purge(long epoch, int[] finishedLanes) {
        BucketProcessors.Purge purge = new BucketProcessors.Purge(epoch, finishedLanes.clone());
        List<CompletableFuture<Integer>> parts = new ArrayList<>(lanes.length);
        for (BucketLane lane : lanes) {
            parts.add(lane.enqueue(purge));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Replaces all state by the open sightings in these chunks (from {@link Snapshot#openState()},
     * written with any bucket count), without lane marks.
     */
    public CompletionStage<Void> restore(List<byte[]> openState) {
        List<List<Sighting>> perBucket = new ArrayList<>(lanes.length);
        for (int b = 0; b < lanes.length; b++) {
            perBucket.add(new ArrayList<>());
        }
        for (byte[] chunk : openState) {
            for (Sighting s : SightingCodec.decode(chunk)) {
                perBucket.get(bucketOf(s.tag(), lanes.length)).add(s);
            }
        }
        List<byte[]> chunks = new ArrayList<>(lanes.length);
        List<byte[]> noMarks = new ArrayList<>(lanes.length);
        for (int b = 0; b < lanes.length; b++) {
            chunks.add(SightingCodec.encode(perBucket.get(b)));
            perBucket.set(b, null);
            noMarks.add(new byte[0]);
        }
        return restore(chunks, noMarks);
    }

    /**
     * Replaces every bucket by its chunk of open sightings and its lane marks, both as a snapshot
     * of this bucket count gave them ({@link Snapshot#openState()}, {@link Snapshot#marks()}).
     *
     * @throws IllegalArgumentException when the lists do not have one entry per bucket
     */
    public CompletionStage<Void> restore(List<byte[]> openState, List<byte[]> marks) {
        if (openState.size() != lanes.length || marks.size() != lanes.length) {
            throw new IllegalArgumentException("the checkpoint holds " + openState.size() + " buckets, this engine has "
                    + lanes.length + " (BIKEGUARD_BUCKETS is fixed for the data's life)");
        }
        List<CompletableFuture<Integer>> parts = new ArrayList<>(lanes.length);
        for (int b = 0; b < lanes.length; b++) {
            parts.add(lanes[b].enqueue(new BucketProcessors.Restore(openState.get(b), marks.get(b))));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
    }

    /** Open and closed-pending (including frozen, unpurged) sightings of one tag, by firstSeen. */
    public CompletionStage<List<Sighting>> sightingsOf(long tag) {
        return lanes[bucketOf(tag, lanes.length)]
                .enqueue(new BucketProcessors.Query(tag))
                .thenApply(SightingCodec::decode);
    }

    /**
     * Open and closed-pending (including frozen, unpurged) sightings at the stations whose dense
     * indexes are set in {@code stations} that overlap {@code [from, to)} (epoch ms UTC), from
     * every bucket, in no particular order. Runs after the calls made before it; each bucket is
     * scanned on its partition thread, so keep the calls rare (a police query, not per read).
     */
    public CompletionStage<List<Sighting>> sightingsAt(java.util.BitSet stations, long from, long to) {
        BucketProcessors.AtStations q = new BucketProcessors.AtStations(stations, from, to);
        List<CompletableFuture<byte[]>> parts = new ArrayList<>(lanes.length);
        for (BucketLane lane : lanes) {
            parts.add(lane.enqueue(q));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> {
                    List<Sighting> out = new ArrayList<>();
                    for (CompletableFuture<byte[]> f : parts) {
                        out.addAll(SightingCodec.decode(f.join()));
                    }
                    return out;
                });
    }

    /** Bucket applies that failed and were sent again, since this engine started. */
    public long applyRetries() {
        return applyRetries.get();
    }

    /** Number of open sightings as of each bucket's last completed call (cheap). */
    public long openSightings() {
        long n = 0;
        for (BucketLane lane : lanes) {
            n += lane.openCount();
        }
        return n;
    }

    /**
     * Stops the callback threads (completions still arriving then run on Hazelcast's threads).
     * Does not shut Hazelcast down; the state stays in the cluster.
     */
    @Override
    public void close() {
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(5, TimeUnit.SECONDS)) {
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            callbacks.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Per-thread scratch space for a stable counting sort of a batch by bucket. Not thread-safe. */
    private static final class Grouping {
        final int[] counts;
        final int[] start;
        final int[] touchedBuckets;
        int touched;
        int[] bucketOfRead = new int[128];
        int[] order = new int[128];

        Grouping(int buckets) {
            counts = new int[buckets];
            start = new int[buckets];
            touchedBuckets = new int[buckets];
        }

        void group(ReadBatch batch) {
            int n = batch.size();
            if (order.length < n) {
                order = new int[n];
                bucketOfRead = new int[n];
            }
            for (int i = 0; i < n; i++) {
                int b = bucketOf(batch.tag(i), counts.length);
                bucketOfRead[i] = b;
                if (counts[b]++ == 0) {
                    touchedBuckets[touched++] = b;
                }
            }
            int pos = 0;
            for (int k = 0; k < touched; k++) {
                int b = touchedBuckets[k];
                start[b] = pos;
                pos += counts[b];
            }
            for (int i = 0; i < n; i++) {
                int b = bucketOfRead[i];
                order[start[b]++] = i;
            }
            for (int k = 0; k < touched; k++) {
                int b = touchedBuckets[k];
                start[b] -= counts[b];
            }
        }

        void reset() {
            for (int k = 0; k < touched; k++) {
                counts[touchedBuckets[k]] = 0;
            }
            touched = 0;
        }
    }
}
