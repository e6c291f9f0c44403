package org.bikeguard.tracker.correlate;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * The entry processors that run on a bucket's partition. Each mutating one changes the {@link
 * TagBucket} in place and then sets the same object again so Hazelcast ships it to the backups,
 * which re-run the same (deterministic) processor. Processors are immutable after construction
 * and therefore thread-safe.
 */
final class BucketProcessors {
    private BucketProcessors() {}

    /** Base: identified serialization plus null-bucket handling. */
    abstract static class Base<R> implements EntryProcessor<Integer, TagBucket, R>, IdentifiedDataSerializable {
        @Override
        public int getFactoryId() {
            return CorrelateSerialization.FACTORY_ID;
        }

        /** The existing bucket, or a new one stored in the entry. */
        static TagBucket bucket(Map.Entry<Integer, TagBucket> entry) {
            TagBucket b = entry.getValue();
            return b != null ? b : new TagBucket();
        }
    }

    /**
     * A change to an existing bucket that reports how many records it touched; the entry is
     * stored again (and so re-run on the backup) only when something changed. Returns the open count.
     */
    abstract static class Update extends Base<Integer> {
        /** Changes the bucket; returns the number of records changed. */
        abstract int update(TagBucket bucket);

        @Override
        public Integer process(Map.Entry<Integer, TagBucket> entry) {
            TagBucket b = entry.getValue();
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
        public Integer process(Map.Entry<Integer, TagBucket> entry) {
            TagBucket b = bucket(entry);
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
        int update(TagBucket bucket) {
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

    /** Freezes closed-pending sightings; returns a {@link SnapshotPart}. */
    static final class Freeze extends Base<SnapshotPart> {
        private long epoch;

        Freeze() {}

        Freeze(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public SnapshotPart process(Map.Entry<Integer, TagBucket> entry) {
            TagBucket b = entry.getValue();
            if (b == null) {
                b = new TagBucket();
                return b.snapshot(epoch);
            }
            SnapshotPart part = b.snapshot(epoch);
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
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            epoch = in.readLong();
        }
    }

    /** Removes frozen sightings with epoch &lt;= the given one; returns the open count. */
    static final class Purge extends Update {
        private long epoch;

        Purge() {}

        Purge(long epoch) {
            this.epoch = epoch;
        }

        @Override
        int update(TagBucket bucket) {
            return bucket.purge(epoch);
        }

        @Override
        public int getClassId() {
            return CorrelateSerialization.PURGE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(epoch);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            epoch = in.readLong();
        }
    }

    /** Replaces the bucket by the open sightings of a chunk; returns the open count. */
    static final class Restore extends Base<Integer> {
        private byte[] chunk;

        Restore() {}

        Restore(byte[] chunk) {
            this.chunk = chunk;
        }

        @Override
        public Integer process(Map.Entry<Integer, TagBucket> entry) {
            TagBucket b = new TagBucket(SightingCodec.count(chunk));
            for (Sighting s : SightingCodec.decode(chunk)) {
                b.putOpen(s);
            }
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
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            chunk = in.readByteArray();
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
        public byte[] process(Map.Entry<Integer, TagBucket> entry) {
            TagBucket b = entry.getValue();
            return SightingCodec.encode(b == null ? java.util.List.of() : b.sightingsOf(tag));
        }

        @Override
        public EntryProcessor<Integer, TagBucket, byte[]> getBackupProcessor() {
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
}
