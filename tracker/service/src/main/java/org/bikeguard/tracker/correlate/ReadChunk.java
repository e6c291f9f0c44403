package org.bikeguard.tracker.correlate;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads bound for one bucket, in arrival order, in primitive arrays: tag, station, ts (epoch ms
 * UTC), count, rssi (dBm), flags, and the frame-log lane and frame id they came from. Not thread-safe; owned by one lane until sent, immutable after.
 */
final class ReadChunk {
    long[] tags;
    int[] stations;
    long[] times;
    int[] counts;
    byte[] rssis;
    byte[] flagBits;
    int[] lanes;
    long[] frameIds;
    int size;

    ReadChunk(int capacity) {
        int cap = Math.max(1, capacity);
        tags = new long[cap];
        stations = new int[cap];
        times = new long[cap];
        counts = new int[cap];
        rssis = new byte[cap];
        flagBits = new byte[cap];
        lanes = new int[cap];
        frameIds = new long[cap];
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
        lanes[j] = b.lane(i);
        frameIds[j] = b.frameId(i);
    }

    private void grow(int cap) {
        tags = Arrays.copyOf(tags, cap);
        stations = Arrays.copyOf(stations, cap);
        times = Arrays.copyOf(times, cap);
        counts = Arrays.copyOf(counts, cap);
        rssis = Arrays.copyOf(rssis, cap);
        flagBits = Arrays.copyOf(flagBits, cap);
        lanes = Arrays.copyOf(lanes, cap);
        frameIds = Arrays.copyOf(frameIds, cap);
    }

    /**
     * Applies the reads to the bucket, in order, skipping those of frames the bucket already holds
     * (at or below their lane's mark as it was before this call), then raises the marks.
     *
     * @return the number of reads skipped as already applied
     */
    int applyTo(SightingBucket bucket, long gapMs) {
        int skipped = 0;
        for (int i = 0; i < size; i++) {
            if (frameIds[i] != 0 && frameIds[i] <= bucket.laneMark(lanes[i])) {
                skipped++;
                continue;
            }
            bucket.apply(tags[i], stations[i], times[i], counts[i], rssis[i], flagBits[i] & 0xFF, gapMs);
        }
        for (int i = 0; i < size; i++) {
            if (frameIds[i] != 0) {
                bucket.raiseLaneMark(lanes[i], frameIds[i]);
            }
        }
        return skipped;
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
            out.writeInt(lanes[i]);
            out.writeLong(frameIds[i]);
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
            c.lanes[i] = in.readInt();
            c.frameIds[i] = in.readLong();
        }
        c.size = n;
        return c;
    }
}
