package org.bikeguard.tracker.correlate;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads bound for one bucket, in arrival order, in primitive arrays: tag, station, ts (epoch ms
 * UTC), count, rssi (dBm), flags. Not thread-safe; owned by one lane until sent, immutable after.
 */
final class ReadChunk {
    long[] tags;
    int[] stations;
    long[] times;
    int[] counts;
    byte[] rssis;
    byte[] flagBits;
    int size;

    ReadChunk(int capacity) {
        int cap = Math.max(1, capacity);
        tags = new long[cap];
        stations = new int[cap];
        times = new long[cap];
        counts = new int[cap];
        rssis = new byte[cap];
        flagBits = new byte[cap];
    }

    void add(ReadBatch b, int i) {
        if (size == tags.length) {
            grow(size * 2);
        }
        int j = size++;
        tags[j] = b.tag(i);
        stations[j] = b.station(i);
        times[j] = b.ts(i);
        counts[j] = b.count(i);
        rssis[j] = (byte) b.rssi(i);
        flagBits[j] = (byte) b.flags(i);
    }

    private void grow(int cap) {
        tags = Arrays.copyOf(tags, cap);
        stations = Arrays.copyOf(stations, cap);
        times = Arrays.copyOf(times, cap);
        counts = Arrays.copyOf(counts, cap);
        rssis = Arrays.copyOf(rssis, cap);
        flagBits = Arrays.copyOf(flagBits, cap);
    }

    /** Applies every read to the bucket, in order. */
    void applyTo(TagBucket bucket, long gapMs) {
        for (int i = 0; i < size; i++) {
            bucket.apply(tags[i], stations[i], times[i], counts[i], rssis[i], flagBits[i] & 0xFF, gapMs);
        }
    }

    void writeTo(ObjectDataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(tags[i]);
            out.writeInt(stations[i]);
            out.writeLong(times[i]);
            out.writeInt(counts[i]);
            out.writeByte(rssis[i]);
            out.writeByte(flagBits[i]);
        }
    }

    static ReadChunk readFrom(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        ReadChunk c = new ReadChunk(n);
        for (int i = 0; i < n; i++) {
            c.tags[i] = in.readLong();
            c.stations[i] = in.readInt();
            c.times[i] = in.readLong();
            c.counts[i] = in.readInt();
            c.rssis[i] = in.readByte();
            c.flagBits[i] = in.readByte();
        }
        c.size = n;
        return c;
    }
}
