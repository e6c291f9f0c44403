package org.bikeguard.tracker.correlate;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * One bucket's share of a snapshot: its frozen closed sightings and its open ones, each as a
 * {@link SightingCodec} chunk, and its lane marks. Immutable once built (the arrays are not copied: do not modify).
 */
public final class SnapshotPart implements IdentifiedDataSerializable {
    private byte[] closed;
    private byte[] open;
    private int openCount;
    private byte[] marks;

    /** For deserialization. */
    public SnapshotPart() {}

    SnapshotPart(byte[] closed, byte[] open, int openCount, byte[] marks) {
        this.closed = closed;
        this.open = open;
        this.openCount = openCount;
        this.marks = marks;
    }

    /** The bucket's lane marks at the snapshot (opaque; give back to a restore). */
    public byte[] marks() {
        return marks;
    }

    /** Frozen closed sightings, encoded. */
    public byte[] closed() {
        return closed;
    }

    /** Open sightings, encoded. */
    public byte[] open() {
        return open;
    }

    /** Number of open sightings in {@link #open()}. */
    public int openCount() {
        return openCount;
    }

    @Override
    public int getFactoryId() {
        return CorrelateSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CorrelateSerialization.SNAPSHOT_PART;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(closed);
        out.writeByteArray(open);
        out.writeInt(openCount);
        out.writeByteArray(marks);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        closed = in.readByteArray();
        open = in.readByteArray();
        openCount = in.readInt();
        marks = in.readByteArray();
    }
}
