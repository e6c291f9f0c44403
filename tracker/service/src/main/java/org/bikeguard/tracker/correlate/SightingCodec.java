package org.bikeguard.tracker.correlate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary form of a list of sightings, used for the open state of a checkpoint and for
 * results that cross the network. Layout (big-endian): int magic, int count, then per sighting
 * long tag, int station, long firstSeen, long lastSeen (epoch ms UTC), int reads (saturated at
 * 2^31-1), byte peakRssi (dBm), byte flags, byte open (0/1). Thread-safe (stateless).
 */
public final class SightingCodec {
    /** Bytes per encoded sighting. */
    public static final int RECORD_BYTES = 35;

    private static final int MAGIC = 0x42475331; // "BGS1"
    private static final int HEADER_BYTES = 8;

    private SightingCodec() {}

    /** A buffer with room for {@code count} sightings, header written. */
    static ByteBuffer allocate(int count) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + count * RECORD_BYTES);
        buf.putInt(MAGIC).putInt(count);
        return buf;
    }

    /** Appends one sighting to a buffer from {@link #allocate}. */
    static void put(
            ByteBuffer buf,
            long tag,
            int station,
            long first,
            long last,
            long reads,
            int rssi,
            int flags,
            boolean open) {
        buf.putLong(tag)
                .putInt(station)
                .putLong(first)
                .putLong(last)
                .putInt((int) Math.min(Integer.MAX_VALUE, reads))
                .put((byte) rssi)
                .put((byte) flags)
                .put((byte) (open ? 1 : 0));
    }

    /** Encodes sightings. */
    public static byte[] encode(List<Sighting> sightings) {
        ByteBuffer buf = allocate(sightings.size());
        for (Sighting s : sightings) {
            put(buf, s.tag(), s.station(), s.firstSeen(), s.lastSeen(), s.reads(), s.peakRssi(), s.flags(), s.open());
        }
        return buf.array();
    }

    /** Number of sightings in an encoded chunk. */
    public static int count(byte[] chunk) {
        return header(ByteBuffer.wrap(chunk));
    }

    /** Decodes a chunk made by {@link #encode} or an engine snapshot. */
    public static List<Sighting> decode(byte[] chunk) {
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        int n = header(buf);
        List<Sighting> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Sighting(
                    buf.getLong(),
                    buf.getInt(),
                    buf.getLong(),
                    buf.getLong(),
                    buf.getInt(),
                    buf.get(),
                    buf.get() & 0xFF,
                    buf.get() != 0));
        }
        return out;
    }

    private static int header(ByteBuffer buf) {
        if (buf.remaining() < HEADER_BYTES || buf.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a sighting chunk");
        }
        int n = buf.getInt();
        if (n < 0 || (long) n * RECORD_BYTES != buf.remaining()) {
            throw new IllegalArgumentException(
                    "corrupt sighting chunk: count " + n + ", " + buf.remaining() + " bytes");
        }
        return n;
    }
}
