package org.bikeguard.tracker.correlate;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * One bucket's share of a snapshot: its frozen closed sightings and its open ones, each as a
 * {@link SightingCodec} chunk. Immutable once built (the arrays are not copied: do not modify).
 */
public final class SnapshotPart implements IdentifiedDataSerializable {
    private byte[] closed;
    private byte[] open;
    private int openCount;

    /** For deserialization. */
    public SnapshotPart() {}

    SnapshotPart(byte[] closed, byte[] open, int openCount) {
        this.closed = closed;
        this.open = open;
        this.openCount = openCount;
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
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        closed = in.readByteArray();
        open = in.readByteArray();
        openCount = in.readInt();
    }
}
