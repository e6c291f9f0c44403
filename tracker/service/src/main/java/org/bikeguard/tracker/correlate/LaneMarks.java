package org.bikeguard.tracker.correlate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a bucket has already applied: per frame-log lane, the highest frame id whose reads are in
 * the bucket. Frames of one lane reach a bucket in id order, so a frame at or below its lane's
 * mark is already in and a replay of it is skipped; that makes applying a frame idempotent. Frame
 * id 0 means "unmarked" (reads that bypass the frame log, as in benchmarks): never skipped, never
 * recorded. A handful of lanes per bucket, so plain arrays. Not thread-safe (lives inside a
 * bucket, on its partition thread).
 */
final class LaneMarks {
    private static final int MAGIC = 0x424C4D31; // "BLM1"

    private int[] lanes = new int[0];
    private long[] marks = new long[0];

    /** The highest frame id of {@code lane} applied, 0 when none. */
    long mark(int lane) {
        for (int i = 0; i < lanes.length; i++) {
            if (lanes[i] == lane) {
                return marks[i];
            }
        }
        return 0;
    }

    /** Raises the mark of {@code lane} to at least {@code frameId}. */
    void raise(int lane, long frameId) {
        for (int i = 0; i < lanes.length; i++) {
            if (lanes[i] == lane) {
                marks[i] = Math.max(marks[i], frameId);
                return;
            }
        }
        lanes = Arrays.copyOf(lanes, lanes.length + 1);
        marks = Arrays.copyOf(marks, marks.length + 1);
        lanes[lanes.length - 1] = lane;
        marks[marks.length - 1] = frameId;
    }

    /** Forgets lanes that will never carry another frame to replay (retired and checkpointed). */
    void forget(int[] finished) {
        int kept = 0;
        for (int i = 0; i < lanes.length; i++) {
            if (!contains(finished, lanes[i])) {
                lanes[kept] = lanes[i];
                marks[kept] = marks[i];
                kept++;
            }
        }
        lanes = Arrays.copyOf(lanes, kept);
        marks = Arrays.copyOf(marks, kept);
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Number of lanes with a mark. */
    int size() {
        return lanes.length;
    }

    /** Compact binary form (for checkpoints): int magic, int count, then (int lane, long mark) each. */
    byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(8 + lanes.length * 12);
        buf.putInt(MAGIC).putInt(lanes.length);
        for (int i = 0; i < lanes.length; i++) {
            buf.putInt(lanes[i]).putLong(marks[i]);
        }
        return buf.array();
    }

    /** The marks encoded by {@link #encode()}; an empty array gives no marks. */
    static LaneMarks decode(byte[] bytes) {
        LaneMarks m = new LaneMarks();
        if (bytes == null || bytes.length == 0) {
            return m;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.getInt() != MAGIC) {
            throw new IllegalArgumentException("not encoded lane marks");
        }
        int n = buf.getInt();
        m.lanes = new int[n];
        m.marks = new long[n];
        for (int i = 0; i < n; i++) {
            m.lanes[i] = buf.getInt();
            m.marks[i] = buf.getLong();
        }
        return m;
    }
}
