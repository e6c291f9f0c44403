package org.bikeguard.tracker.correlate;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The binary forms of a {@link SightingBucket}: its Hazelcast serialization (migration, full
 * backup sync: the dense record arrays and the lane marks; the index is rebuilt on arrival) and
 * its share of a snapshot. Stateless, thread-safe; the bucket passed in must not change meanwhile.
 */
final class SightingBucketCodec {
    private SightingBucketCodec() {}

    /** Frozen records above {@code after} and open records, encoded, with the lane marks. */
    static SnapshotPart snapshotPart(SightingBucket b, long after) {
        int handedOut = 0;
        for (int r = 0; r < b.size; r++) {
            if (b.epochs[r] != SightingBucket.OPEN && b.epochs[r] > after) {
                handedOut++;
            }
        }
        ByteBuffer closed = SightingCodec.allocate(handedOut);
        ByteBuffer open = SightingCodec.allocate(b.openCount);
        for (int r = 0; r < b.size; r++) {
            boolean isOpen = b.epochs[r] == SightingBucket.OPEN;
            if (isOpen || b.epochs[r] > after) {
                SightingCodec.put(
                        isOpen ? open : closed,
                        b.tags[r],
                        b.stations[r],
                        b.firsts[r],
                        b.lasts[r],
                        b.reads[r],
                        b.rssis[r],
                        b.flagBits[r],
                        isOpen);
            }
        }
        return new SnapshotPart(closed.array(), open.array(), b.openCount, b.marks.encode());
    }

    static void write(SightingBucket b, ObjectDataOutput out) throws IOException {
        out.writeInt(b.size);
        for (int r = 0; r < b.size; r++) {
            out.writeLong(b.tags[r]);
            out.writeInt(b.stations[r]);
            out.writeLong(b.firsts[r]);
            out.writeLong(b.lasts[r]);
            out.writeInt(b.reads[r]);
            out.writeByte(b.rssis[r]);
            out.writeByte(b.flagBits[r]);
            out.writeInt(b.next[r]);
            out.writeLong(b.epochs[r]);
        }
        out.writeByteArray(b.marks.encode());
    }

    static void read(SightingBucket b, ObjectDataInput in) throws IOException {
        int n = in.readInt();
        b.allocate(Math.max(SightingBucket.MIN_CAPACITY, n + (n >> 2)));
        b.openCount = 0;
        for (int r = 0; r < n; r++) {
            b.tags[r] = in.readLong();
            b.stations[r] = in.readInt();
            b.firsts[r] = in.readLong();
            b.lasts[r] = in.readLong();
            b.reads[r] = in.readInt();
            b.rssis[r] = in.readByte();
            b.flagBits[r] = in.readByte();
            b.next[r] = in.readInt();
            b.epochs[r] = in.readLong();
            if (b.epochs[r] == SightingBucket.OPEN) {
                b.openCount++;
            }
        }
        b.size = n;
        b.marks = LaneMarks.decode(in.readByteArray());
        b.rebuildIndex(SightingBucket.indexCapacityFor(Math.max(SightingBucket.MIN_CAPACITY, n)));
    }
}
