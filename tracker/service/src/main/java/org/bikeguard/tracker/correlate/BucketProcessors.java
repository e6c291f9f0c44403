package org.bikeguard.tracker.correlate;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * The entry processors that run on a bucket's partition. Each mutating one changes the {@link
 * SightingBucket} in place and then sets the same object again so Hazelcast ships it to the backups,
 * which re-run the same (deterministic) processor. Processors are immutable after construction
 * and therefore thread-safe.
 */
final class BucketProcessors {
    private BucketProcessors() {}

    /** Base: identified serialization plus null-bucket handling. */
    abstract static class Base<R> implements EntryProcessor<Integer, SightingBucket, R>, IdentifiedDataSerializable {
        @Override
        public int getFactoryId() {
            return CorrelateSerialization.FACTORY_ID;
        }

        /** The existing bucket, or a new one stored in the entry. */
        static SightingBucket bucket(Map.Entry<Integer, SightingBucket> entry) {
            SightingBucket b = entry.getValue();
            return b != null ? b : new SightingBucket();
        }
    }

    /**
     * A change to an existing bucket that reports how many records it touched; the entry is
     * stored again (and so re-run on the backup) only when something changed. Returns the open count.
     */
    abstract static class Update extends Base<Integer> {
        /** Changes the bucket; returns the number of records changed. */
        abstract int update(SightingBucket bucket);

        @Override
        public Integer process(Map.Entry<Integer, SightingBucket> entry) {
            SightingBucket b = entry.getValue();
            if (b == null) {
                return 0;
            }
            if (update(b) > 0) {
                entry.setValue(b);
            }
            return b.openCount();
        }
    }

    /** Applies a chunk of reads in order; returns the bucket's open count. */
    static final class Apply extends Base<Integer> {
        private ReadChunk reads;
        private long gapMs;

        Apply() {}

        Apply(ReadChunk reads, long gapMs) {
            this.reads = reads;
            this.gapMs = gapMs;
        }

        @Override
        public Integer process(Map.Entry<Integer, SightingBucket> entry) {
            ApplyFaults.maybeFail();
            SightingBucket b = bucket(entry);
            reads.applyTo(b, gapMs);
            entry.setValue(b);
            return b.openCount();
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.APPLY;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(gapMs);
            reads.writeTo(out);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            gapMs = in.readLong();
            reads = ReadChunk.readFrom(in);
        }
    }

    /** Closes open sightings by per-station cut-off; returns the open count. */
    static final class Sweep extends Update {
        private long[] closeBefore;

        Sweep() {}

        Sweep(long[] closeBefore) {
            this.closeBefore = closeBefore;
        }

        @Override
        int update(SightingBucket bucket) {
            return bucket.sweep(closeBefore);
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.SWEEP;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLongArray(closeBefore);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            closeBefore = in.readLongArray();
        }
    }

    /**
     * Freezes closed-pending sightings with the epoch; returns a {@link SnapshotPart} with the
     * frozen ones above {@code after} (not yet in a committed checkpoint) and the open ones.
     */
    static final class Freeze extends Base<SnapshotPart> {
        private long epoch;
        private long after;

        Freeze() {}

        Freeze(long epoch, long after) {
            this.epoch = epoch;
            this.after = after;
        }

        @Override
        public SnapshotPart process(Map.Entry<Integer, SightingBucket> entry) {
            SightingBucket b = entry.getValue();
            if (b == null) {
                return new SightingBucket().snapshot(epoch, after);
            }
            SnapshotPart part = b.snapshot(epoch, after);
            entry.setValue(b);
            return part;
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.FREEZE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(epoch);
            out.writeLong(after);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            epoch = in.readLong();
            after = in.readLong();
        }
    }

    /**
     * Removes frozen sightings with epoch &lt;= the given one and the marks of lanes that are
     * finished (never replayed again); returns the open count.
     */
    static final class Purge extends Update {
        private long epoch;
        private int[] finishedLanes;

        Purge() {}

        Purge(long epoch, int[] finishedLanes) {
            this.epoch = epoch;
            this.finishedLanes = finishedLanes;
        }

        @Override
        int update(SightingBucket bucket) {
            int before = bucket.laneCount();
            bucket.forgetLanes(finishedLanes);
            return bucket.purge(epoch) + before - bucket.laneCount();
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.PURGE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(epoch);
            out.writeIntArray(finishedLanes);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            epoch = in.readLong();
            finishedLanes = in.readIntArray();
        }
    }

    /** Replaces the bucket by the open sightings of a chunk and the given lane marks; returns the open count. */
    static final class Restore extends Base<Integer> {
        private byte[] chunk;
        private byte[] marks;

        Restore() {}

        Restore(byte[] chunk, byte[] marks) {
            this.chunk = chunk;
            this.marks = marks;
        }

        @Override
        public Integer process(Map.Entry<Integer, SightingBucket> entry) {
            SightingBucket b = new SightingBucket(SightingCodec.count(chunk));
            for (Sighting s : SightingCodec.decode(chunk)) {
                b.putOpen(s);
            }
            b.setLaneMarks(LaneMarks.decode(marks));
            entry.setValue(b);
            return b.openCount();
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.RESTORE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeByteArray(chunk);
            out.writeByteArray(marks);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            chunk = in.readByteArray();
            marks = in.readByteArray();
        }
    }

    /** Read-only: the sightings of one tag, encoded; no backup run. */
    static final class Query extends Base<byte[]> {
        private long tag;

        Query() {}

        Query(long tag) {
            this.tag = tag;
        }

        @Override
        public byte[] process(Map.Entry<Integer, SightingBucket> entry) {
            SightingBucket b = entry.getValue();
            return SightingCodec.encode(b == null ? java.util.List.of() : b.sightingsOf(tag));
        }

        @Override
        public EntryProcessor<Integer, SightingBucket, byte[]> getBackupProcessor() {
            return null;
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.QUERY;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(tag);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            tag = in.readLong();
        }
    }

    /** Read-only: the bucket's sightings at a set of stations overlapping a window, encoded. */
    static final class AtStations extends Base<byte[]> {
        private java.util.BitSet stations;
        private long from;
        private long to;

        AtStations() {}

        AtStations(java.util.BitSet stations, long from, long to) {
            this.stations = (java.util.BitSet) stations.clone();
            this.from = from;
            this.to = to;
        }

        @Override
        public byte[] process(Map.Entry<Integer, SightingBucket> entry) {
            SightingBucket b = entry.getValue();
            return SightingCodec.encode(b == null ? java.util.List.of() : b.sightingsAt(stations, from, to));
        }

        @Override
        public EntryProcessor<Integer, SightingBucket, byte[]> getBackupProcessor() {
            return null;
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.AT_STATIONS;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLongArray(stations.toLongArray());
            out.writeLong(from);
            out.writeLong(to);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            stations = java.util.BitSet.valueOf(in.readLongArray());
            from = in.readLong();
            to = in.readLong();
        }
    }
}
