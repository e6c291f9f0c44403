package org.bikeguard.tracker.alert;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What one member forwards to another for the pattern rules, as a task of the Hazelcast executor
 * {@value #EXECUTOR}: the reads of tags the receiver owns (tag, dense station index, event time
 * epoch ms UTC, as parallel arrays) and the newest read time heard per station since the sender's
 * previous batch (so that every member's silent rule knows when each station last heard
 * anything). About 20 bytes per read and 12 per station on the wire.
 *
 * <p>On the receiver, {@link #call()} hands the batch to the receiver registered in the member's
 * user context under {@value #RECEIVER} (the pattern detector) and answers whether it was taken:
 * {@code false} when none is registered (not started yet, or closing) or its queue is full.
 * Immutable once built; not thread-safe while being filled.
 */
final class PatternBatch implements Callable<Boolean>, DataSerializable, HazelcastInstanceAware {

    /** The executor the batches travel on (one thread per member keeps a sender's batches in order). */
    static final String EXECUTOR = "bikeguard.pattern-reads";
    /** User-context key of this member's {@link Receiver}. */
    static final String RECEIVER = "bikeguard.pattern-receiver";

    /** Takes a batch on the receiving member; must not block. */
    interface Receiver {
        /** @return {@code false} when the batch is dropped */
        boolean accept(PatternBatch batch);
    }

    private long[] tags;
    private int[] stations;
    private long[] times;
    private int size;
    private int[] clockStations;
    private long[] clockTimes;
    private transient HazelcastInstance hz;

    /** For deserialization. */
    public PatternBatch() {
        this(0, new int[0], new long[0]);
    }

    /**
     * An empty batch with room for {@code capacity} reads, carrying the given station clocks
     * (arrays shared, not copied: the caller must not change them afterwards).
     */
    PatternBatch(int capacity, int[] clockStations, long[] clockTimes) {
        if (clockStations.length != clockTimes.length) {
            throw new IllegalArgumentException("station clocks of unequal length");
        }
        this.tags = new long[capacity];
        this.stations = new int[capacity];
        this.times = new long[capacity];
        this.clockStations = clockStations;
        this.clockTimes = clockTimes;
    }

    /** Appends a read; the batch grows as needed. */
    void add(long tag, int station, long time) {
        if (size == tags.length) {
            int cap = Math.max(16, size * 2);
            tags = java.util.Arrays.copyOf(tags, cap);
            stations = java.util.Arrays.copyOf(stations, cap);
            times = java.util.Arrays.copyOf(times, cap);
        }
        tags[size] = tag;
        stations[size] = station;
        times[size] = time;
        size++;
    }

    /** The same reads with other station clocks (arrays shared, as in the constructor). */
    PatternBatch withClocks(int[] stationIdx, long[] newest) {
        PatternBatch b = new PatternBatch(0, stationIdx, newest);
        b.tags = tags;
        b.stations = stations;
        b.times = times;
        b.size = size;
        return b;
    }

    int size() {
        return size;
    }

    long tag(int i) {
        return tags[i];
    }

    int station(int i) {
        return stations[i];
    }

    long time(int i) {
        return times[i];
    }

    /** Number of station clocks carried. */
    int clocks() {
        return clockStations.length;
    }

    int clockStation(int i) {
        return clockStations[i];
    }

    long clockTime(int i) {
        return clockTimes[i];
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public Boolean call() {
        Object r = hz == null ? null : hz.getUserContext().get(RECEIVER);
        return r instanceof Receiver receiver && receiver.accept(this);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(tags[i]);
            out.writeInt(stations[i]);
            out.writeLong(times[i]);
        }
        out.writeInt(clockStations.length);
        for (int i = 0; i < clockStations.length; i++) {
            out.writeInt(clockStations[i]);
            out.writeLong(clockTimes[i]);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        size = in.readInt();
        tags = new long[size];
        stations = new int[size];
        times = new long[size];
        for (int i = 0; i < size; i++) {
            tags[i] = in.readLong();
            stations[i] = in.readInt();
            times[i] = in.readLong();
        }
        int n = in.readInt();
        clockStations = new int[n];
        clockTimes = new long[n];
        for (int i = 0; i < n; i++) {
            clockStations[i] = in.readInt();
            clockTimes[i] = in.readLong();
        }
    }
}
