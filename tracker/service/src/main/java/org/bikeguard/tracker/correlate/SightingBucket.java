package org.bikeguard.tracker.correlate;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sightings of one bucket of tags, in a packed primitive hash table: parallel arrays hold one
 * record per sighting, an open-addressing index maps (tag, station) to the head of that pair's
 * chain of records. A chain holds the open sighting (if any) first, then the closed-pending ones in
 * the order they became closed, newest first.
 *
 * <p>Times are epoch ms UTC, RSSI dBm. A record's {@code epoch} says its state: {@link #OPEN},
 * {@link #PENDING} (closed, not yet handed out by a snapshot, may still be amended), or a
 * checkpoint epoch &gt;= 0 (closed and frozen: never amended again, removed by {@link #purge}).
 *
 * <p>Read-application rule. The records of one (tag, station) pair form a list L whose first
 * element F is the pair's current sighting: a new open sighting is inserted at the front, a
 * sighting that closes stays where it is, and a late closed sighting is inserted right after the
 * front. "Matching C" below means: the first unfrozen closed-pending C in L (searched from the
 * position given) with {@code C.first - g <= ts <= C.last + g}. For a read (tag, station, ts)
 * with gap {@code g}:
 *
 * <ol>
 *   <li>L empty: open a new sighting [ts, ts].
 *   <li>F open:
 *       <ul>
 *         <li>{@code ts > F.last + g}: F becomes closed-pending and a new open sighting [ts, ts]
 *             starts;
 *         <li>else if {@code ts >= F.first - g}: merge into F (min first, max last, sum reads, max
 *             RSSI, OR flags);
 *         <li>else (late): merge into the matching C after F; without one, a new closed-pending
 *             sighting [ts, ts] after F.
 *       </ul>
 *   <li>F closed (no open sighting): merge into the matching C (searching from F); when that is F
 *       itself, F opens again (the stay goes on: F was closed by a sweep because its station's
 *       clock ran ahead of this read, or the station fell silent, and is not frozen yet); without a
 *       match, if {@code ts < F.first - g} the read is late and forms a new closed-pending
 *       sighting [ts, ts] after F, else it opens a new sighting [ts, ts].
 * </ol>
 *
 * <p>The "late" branch and the reopening of F make the outcome independent of when sweeps close
 * sightings: a read meets the same fate whether F was closed by a sweep or is still open, and F
 * stays the current sighting while its stay goes on (were it left closed, the next snapshot would
 * freeze it and the stay's later reads would start a second sighting), so a replayed or
 * accelerated stream (sweeps at other moments relative to the reads) ends with the same
 * sightings. Only freezing (snapshot) depends on timing: a frozen sighting is never amended.
 *
 * <p>{@link #sweep} closes open sightings by their station's cut-off; {@link #snapshot} freezes
 * closed-pending ones; {@link #purge} drops frozen ones. Everything is deterministic: the same
 * sequence of calls yields the same state, which is what lets a backup replica re-run the same
 * entry processor.
 *
 * <p>Idempotence: the bucket keeps {@link LaneMarks}, per frame-log lane the highest frame whose
 * reads it holds; {@link ReadChunk#applyTo} skips reads of frames at or below their lane's mark, so
 * a frame replayed after a member's loss or a restart is counted once.
 *
 * <p>Serialized by {@link SightingBucketCodec}.
 *
 * <p>Not thread-safe: Hazelcast runs every entry processor of one key on its partition thread.
 */
public final class SightingBucket implements IdentifiedDataSerializable {
    /** Epoch value of an open sighting. */
    public static final long OPEN = Long.MIN_VALUE;
    /** Epoch value of a closed sighting not yet frozen by a snapshot. */
    public static final long PENDING = -1;

    private static final int NONE = -1;
    static final int MIN_CAPACITY = 8;

    int size;
    long[] tags;
    int[] stations;
    long[] firsts;
    long[] lasts;
    int[] reads;
    byte[] rssis;
    byte[] flagBits;
    int[] next;
    long[] epochs;
    /** Open addressing, record id + 1 of a chain head; 0 = empty. Length is a power of two. */
    private int[] index;

    private int keys;
    int openCount;
    /** Per frame-log lane, the highest frame applied (idempotent replays). */
    LaneMarks marks = new LaneMarks();

    /** An empty bucket. */
    public SightingBucket() {
        this(MIN_CAPACITY);
    }

    /** An empty bucket with room for {@code capacity} records. */
    public SightingBucket(int capacity) {
        allocate(Math.max(MIN_CAPACITY, capacity));
        index = new int[indexCapacityFor(Math.max(MIN_CAPACITY, capacity))];
    }

    void allocate(int capacity) {
        tags = new long[capacity];
        stations = new int[capacity];
        firsts = new long[capacity];
        lasts = new long[capacity];
        reads = new int[capacity];
        rssis = new byte[capacity];
        flagBits = new byte[capacity];
        next = new int[capacity];
        epochs = new long[capacity];
    }

    static int indexCapacityFor(int keys) {
        int cap = Integer.highestOneBit(Math.max(MIN_CAPACITY, keys * 2 - 1)) << 1;
        return Math.max(16, cap);
    }

    /** Number of records (open, closed-pending and frozen). */
    public int size() {
        return size;
    }

    /** Number of open sightings. */
    public int openCount() {
        return openCount;
    }

    /** Applies one read by the rule in the class comment. */
    public void apply(long tag, int station, long ts, int count, int rssi, int flags, long gapMs) {
        int slot = findSlot(tag, station);
        int head = index[slot] - 1;
        if (head < 0) {
            startOpen(slot, head, tag, station, ts, count, rssi, flags);
        } else if (epochs[head] == OPEN) {
            if (ts > lasts[head] + gapMs) {
                epochs[head] = PENDING;
                openCount--;
                startOpen(slot, head, tag, station, ts, count, rssi, flags);
            } else if (ts >= firsts[head] - gapMs) {
                merge(head, ts, count, rssi, flags);
            } else {
                mergeOrAddLate(head, next[head], tag, station, ts, count, rssi, flags, gapMs);
            }
        } else if (ts < firsts[head] - gapMs) {
            mergeOrAddLate(head, head, tag, station, ts, count, rssi, flags, gapMs);
        } else {
            int match = findPending(head, ts, gapMs);
            if (match == head) {
                // the current sighting goes on: it was closed by a sweep (its station's clock ran
                // ahead of this read, or the station fell silent) and is not frozen yet
                epochs[head] = OPEN;
                openCount++;
                merge(head, ts, count, rssi, flags);
            } else if (match >= 0) {
                merge(match, ts, count, rssi, flags);
            } else {
                startOpen(slot, head, tag, station, ts, count, rssi, flags);
            }
        }
    }

    /** Merges into the matching closed-pending record from {@code from}, else adds one after head. */
    private void mergeOrAddLate(
            int head, int from, long tag, int station, long ts, int count, int rssi, int flags, long gapMs) {
        int match = findPending(from, ts, gapMs);
        if (match >= 0) {
            merge(match, ts, count, rssi, flags);
        } else {
            int id = append(tag, station, ts, count, rssi, flags, PENDING);
            next[id] = next[head];
            next[head] = id;
        }
    }

    private void startOpen(int slot, int head, long tag, int station, long ts, int count, int rssi, int flags) {
        int id = append(tag, station, ts, count, rssi, flags, OPEN);
        next[id] = head;
        openCount++;
        if (head < 0) {
            index[slot] = id + 1;
            keys++;
            if (keys * 2 > index.length) {
                rebuildIndex(index.length * 2);
            }
        } else {
            index[slot] = id + 1;
        }
    }

    private int findPending(int from, long ts, long gapMs) {
        for (int r = from; r >= 0; r = next[r]) {
            if (epochs[r] == PENDING && ts >= firsts[r] - gapMs && ts <= lasts[r] + gapMs) {
                return r;
            }
        }
        return NONE;
    }

    private void merge(int r, long ts, int count, int rssi, int flags) {
        if (ts < firsts[r]) {
            firsts[r] = ts;
        }
        if (ts > lasts[r]) {
            lasts[r] = ts;
        }
        long sum = (long) reads[r] + count;
        reads[r] = sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
        if (rssi > rssis[r]) {
            rssis[r] = (byte) rssi;
        }
        flagBits[r] |= (byte) flags;
    }

    private int append(long tag, int station, long ts, int count, int rssi, int flags, long epoch) {
        if (size == tags.length) {
            growRecords(size + (size >> 1) + MIN_CAPACITY);
        }
        int id = size++;
        tags[id] = tag;
        stations[id] = station;
        firsts[id] = ts;
        lasts[id] = ts;
        reads[id] = count;
        rssis[id] = (byte) rssi;
        flagBits[id] = (byte) flags;
        epochs[id] = epoch;
        next[id] = NONE;
        return id;
    }

    private void growRecords(int capacity) {
        tags = Arrays.copyOf(tags, capacity);
        stations = Arrays.copyOf(stations, capacity);
        firsts = Arrays.copyOf(firsts, capacity);
        lasts = Arrays.copyOf(lasts, capacity);
        reads = Arrays.copyOf(reads, capacity);
        rssis = Arrays.copyOf(rssis, capacity);
        flagBits = Arrays.copyOf(flagBits, capacity);
        next = Arrays.copyOf(next, capacity);
        epochs = Arrays.copyOf(epochs, capacity);
    }

    static long keyHash(long tag, int station) {
        long h = tag * 0x9E3779B97F4A7C15L + station;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 29;
        return h;
    }

    /** The slot of (tag, station): the one holding its chain head, or the empty one to use. */
    private int findSlot(long tag, int station) {
        int mask = index.length - 1;
        int slot = (int) keyHash(tag, station) & mask;
        while (true) {
            int v = index[slot];
            if (v == 0) {
                return slot;
            }
            int r = v - 1;
            if (tags[r] == tag && stations[r] == station) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Rebuilds the index from the chain heads (records no other record points to). */
    void rebuildIndex(int capacity) {
        boolean[] pointed = new boolean[size];
        for (int r = 0; r < size; r++) {
            if (next[r] >= 0) {
                pointed[next[r]] = true;
            }
        }
        index = new int[capacity];
        keys = 0;
        int mask = capacity - 1;
        for (int r = 0; r < size; r++) {
            if (!pointed[r]) {
                int slot = (int) keyHash(tags[r], stations[r]) & mask;
                while (index[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                index[slot] = r + 1;
                keys++;
            }
        }
    }

    /**
     * Closes every open sighting at a station {@code s < closeBefore.length} whose lastSeen is
     * before {@code closeBefore[s]} (epoch ms).
     *
     * @return the number closed
     */
    public int sweep(long[] closeBefore) {
        int closed = 0;
        for (int r = 0; r < size; r++) {
            int s = stations[r];
            if (epochs[r] == OPEN && s < closeBefore.length && lasts[r] < closeBefore[s]) {
                epochs[r] = PENDING;
                closed++;
            }
        }
        openCount -= closed;
        return closed;
    }

    /**
     * Freezes every closed-pending record with {@code epoch} (&gt;= 0) and returns every frozen
     * record (this epoch's and earlier unpurged ones) and every open one, encoded with {@link
     * SightingCodec}.
     */
    public SnapshotPart snapshot(long epoch) {
        return snapshot(epoch, Long.MIN_VALUE);
    }

    /**
     * As {@link #snapshot(long)}, but returns only the closed records frozen with an epoch above
     * {@code after} (those of a checkpoint already committed are not handed out again).
     */
    public SnapshotPart snapshot(long epoch, long after) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        for (int r = 0; r < size; r++) {
            if (epochs[r] == PENDING) {
                epochs[r] = epoch;
            }
        }
        return SightingBucketCodec.snapshotPart(this, after);
    }

    /**
     * Removes frozen records whose epoch is &lt;= {@code epoch}, compacting the arrays.
     *
     * @return the number removed
     */
    public int purge(long epoch) {
        int removed = 0;
        for (int r = 0; r < size; r++) {
            if (isPurged(r, epoch)) {
                removed++;
            }
        }
        if (removed == 0) {
            return 0;
        }
        compact(epoch, size - removed);
        return removed;
    }

    private boolean isPurged(int r, long epoch) {
        return epochs[r] >= 0 && epochs[r] <= epoch;
    }

    /** Keeps the surviving records, chain by chain, in chain order. */
    private void compact(long epoch, int survivors) {
        SightingBucket target = new SightingBucket(survivors + (survivors >> 2));
        for (int slot = 0; slot < index.length; slot++) {
            int prev = NONE;
            for (int r = index[slot] - 1; r >= 0; r = next[r]) {
                if (isPurged(r, epoch)) {
                    continue;
                }
                int id = target.copyRecord(this, r);
                if (prev >= 0) {
                    target.next[prev] = id;
                }
                prev = id;
            }
        }
        target.rebuildIndex(indexCapacityFor(Math.max(MIN_CAPACITY, survivors)));
        takeFrom(target);
    }

    private int copyRecord(SightingBucket from, int r) {
        int id = append(
                from.tags[r],
                from.stations[r],
                from.firsts[r],
                from.reads[r],
                from.rssis[r],
                from.flagBits[r],
                from.epochs[r]);
        lasts[id] = from.lasts[r];
        if (epochs[id] == OPEN) {
            openCount++;
        }
        return id;
    }

    private void takeFrom(SightingBucket t) {
        size = t.size;
        tags = t.tags;
        stations = t.stations;
        firsts = t.firsts;
        lasts = t.lasts;
        reads = t.reads;
        rssis = t.rssis;
        flagBits = t.flagBits;
        next = t.next;
        epochs = t.epochs;
        index = t.index;
        keys = t.keys;
        openCount = t.openCount;
    }

    /**
     * Adds an open sighting (used by restore). If the pair already has an open sighting the two are
     * merged.
     */
    public void putOpen(Sighting s) {
        int slot = findSlot(s.tag(), s.station());
        int head = index[slot] - 1;
        int reads32 = (int) Math.min(Integer.MAX_VALUE, s.reads());
        if (head >= 0 && epochs[head] == OPEN) {
            merge(head, s.firstSeen(), reads32, s.peakRssi(), s.flags());
            merge(head, s.lastSeen(), 0, s.peakRssi(), 0);
        } else {
            startOpen(slot, head, s.tag(), s.station(), s.firstSeen(), reads32, s.peakRssi(), s.flags());
            lasts[index[slot] - 1] = s.lastSeen();
        }
    }

    /** Every record of {@code tag}, open or closed, in firstSeen order. */
    public List<Sighting> sightingsOf(long tag) {
        List<Sighting> out = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (tags[r] == tag) {
                out.add(sighting(r));
            }
        }
        out.sort(SightingOrder.INSTANCE);
        return out;
    }

    /**
     * Every record (open or closed, not yet purged) at a station whose dense index is set in
     * {@code stations} and that overlaps {@code [from, to)} (firstSeen &lt; to, lastSeen &gt;= from;
     * epoch ms UTC), in record order.
     */
    public List<Sighting> sightingsAt(java.util.BitSet stations, long from, long to) {
        List<Sighting> out = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (stations.get(this.stations[r]) && firsts[r] < to && lasts[r] >= from) {
                out.add(sighting(r));
            }
        }
        return out;
    }

    /** Every record, in record order (for tests and diagnostics). */
    public List<Sighting> all() {
        List<Sighting> out = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            out.add(sighting(r));
        }
        return out;
    }

    /** The highest frame of {@code lane} applied here, 0 when none. */
    long laneMark(int lane) {
        return marks.mark(lane);
    }

    /** Records that frames of {@code lane} up to {@code frameId} are in. */
    void raiseLaneMark(int lane, long frameId) {
        marks.raise(lane, frameId);
    }

    /** Replaces the lane marks (restore from a checkpoint). */
    void setLaneMarks(LaneMarks restored) {
        marks = restored;
    }

    /** Number of lanes with a mark. */
    int laneCount() {
        return marks.size();
    }

    /** Drops the marks of lanes that will never be replayed again. */
    void forgetLanes(int[] finished) {
        marks.forget(finished);
    }

    private Sighting sighting(int r) {
        return new Sighting(
                tags[r], stations[r], firsts[r], lasts[r], reads[r], rssis[r], flagBits[r] & 0xFF, epochs[r] == OPEN);
    }

    @Override
    public int getFactoryId() {
        return CorrelateSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CorrelateSerialization.TAG_BUCKET;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        SightingBucketCodec.write(this, out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        SightingBucketCodec.read(this, in);
    }
}
