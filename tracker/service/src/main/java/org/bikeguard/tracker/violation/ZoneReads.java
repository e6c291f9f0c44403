package org.bikeguard.tracker.violation;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;

/**
 * The zone reads of one frame of an intersection's station, sent to the member that owns the
 * intersection (the owner of its id's Hazelcast partition) as a task of the executor
 * {@value #EXECUTOR} (one thread per member: a sender's frames apply in order). On the receiver,
 * {@link #run()} hands them to the detector registered in the member's user context under
 * {@value #RECEIVER}; without one (starting, closing, detection off) they are dropped. About 30 bytes
 * per read on the wire. Immutable once built.
 */
final class ZoneReads implements Runnable, DataSerializable, HazelcastInstanceAware {

    static final String EXECUTOR = "bikeguard.violation-reads";
    static final String RECEIVER = "bikeguard.violation-receiver";

    /** Takes the reads on the receiving member; must not block. */
    interface Receiver {
        void accept(ZoneReads reads);
    }

    String station;
    long receivedAt;
    long[] tags;
    long[] ts;
    int[] rssi;
    int[] counts;
    int[] antennas;
    private transient HazelcastInstance hz;

    /** For deserialization. */
    public ZoneReads() {}

    ZoneReads(String station, long receivedAt, int n) {
        this.station = station;
        this.receivedAt = receivedAt;
        this.tags = new long[n];
        this.ts = new long[n];
        this.rssi = new int[n];
        this.counts = new int[n];
        this.antennas = new int[n];
    }

    int size() {
        return tags.length;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public void run() {
        Object r = hz == null ? null : hz.getUserContext().get(RECEIVER);
        if (r instanceof Receiver receiver) {
            receiver.accept(this);
        }
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(station);
        out.writeLong(receivedAt);
        out.writeInt(tags.length);
        for (int i = 0; i < tags.length; i++) {
            out.writeLong(tags[i]);
            out.writeLong(ts[i]);
            out.writeByte(rssi[i]);
            out.writeInt(counts[i]);
            out.writeByte(antennas[i]);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        station = in.readString();
        receivedAt = in.readLong();
        int n = in.readInt();
        tags = new long[n];
        ts = new long[n];
        rssi = new int[n];
        counts = new int[n];
        antennas = new int[n];
        for (int i = 0; i < n; i++) {
            tags[i] = in.readLong();
            ts[i] = in.readLong();
            rssi[i] = in.readByte();
            counts[i] = in.readInt();
            antennas[i] = in.readByte();
        }
    }
}
