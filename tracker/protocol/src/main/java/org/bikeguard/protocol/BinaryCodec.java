package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_ANTENNA;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_COUNT;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_RSSI;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_STATION;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_TIMESTAMP;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TOO_MANY_ENTRIES;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRAILING_BYTES;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRUNCATED;
import static org.bikeguard.protocol.FrameDecodeException.Reason.UNSUPPORTED_VERSION;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Binary frame format, versions 1 and 2 (all integers big-endian):
 *
 * <pre>
 * magic u8 = 0xB6 | version u8 = 0x01 or 0x02 | L u8 (1..32) | station L bytes ASCII
 * | seq u64 | base_ts i64 (epoch ms, &gt;= 0) | n u16 (&lt;= 1000) | n entries
 * entry v1: tag u64 | ts_delta u32 (ms after base_ts) | rssi i8 | flags u8 | [count varint]
 * entry v2: tag u64 | ts_delta u32 | rssi i8 | antenna u8 (0..15, 0xFF none) | flags u8 | [count varint]
 * flags: bit0 tamper, bit1 low_battery, bits 2-6 reserved (ignored), bit7 count follows
 * count: unsigned LEB128, 1..3 bytes, 1..1000000; absent means 1
 * </pre>
 *
 * The encoder writes version 1 for a frame without antennas (byte for byte what it always wrote) and
 * version 2 when some read carries one.
 *
 * Stateless; thread-safe.
 */
final class BinaryCodec {
    static final int MAGIC = 0xB6;
    static final int VERSION = 1;
    static final int VERSION_ANTENNAS = 2;
    /** The antenna byte of a version-2 entry without an antenna. */
    static final int NO_ANTENNA_BYTE = 0xFF;
    /** Fixed header bytes besides the station id: magic, version, L, seq, base_ts, n. */
    static final int HEADER_FIXED = 3 + 8 + 8 + 2;
    /** Fixed bytes per entry (without the optional count). */
    static final int ENTRY_FIXED = 8 + 4 + 1 + 1;

    static final int FLAG_HAS_COUNT = 0x80;
    private static final int MAX_VARINT_BYTES = 3; // 3 x 7 bits = 2,097,151 >= MAX_COUNT

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private BinaryCodec() {}

    /** Decodes {@code [off, off+len)}; caller has checked bounds, emptiness and size. */
    static Frame decode(byte[] b, int off, int len) throws FrameDecodeException {
        final int end = off + len;
        if (len < 3) {
            if (len == 2 && !known(b[off + 1])) {
                throw unsupported(b[off + 1]);
            }
            throw fail(TRUNCATED, "header needs at least 3 bytes, got " + len);
        }
        if (!known(b[off + 1])) {
            throw unsupported(b[off + 1]);
        }
        boolean v2 = b[off + 1] == VERSION_ANTENNAS;
        int entryFixed = v2 ? ENTRY_FIXED + 1 : ENTRY_FIXED;
        int sl = b[off + 2] & 0xFF;
        if (sl < 1 || sl > Limits.MAX_STATION_ID_LENGTH) {
            throw fail(BAD_STATION, "station id length " + sl);
        }
        int p = off + 3;
        if (end - p < sl + 18) {
            throw fail(TRUNCATED, "header truncated");
        }
        String station = station(b, p, sl);
        p += sl;
        long seq = (long) LONG_BE.get(b, p);
        long base = (long) LONG_BE.get(b, p + 8);
        int n = (short) SHORT_BE.get(b, p + 16) & 0xFFFF;
        p += 18;
        if (base < 0) {
            throw fail(BAD_TIMESTAMP, "negative base timestamp " + base);
        }
        if (n > Limits.MAX_ENTRIES) {
            throw fail(TOO_MANY_ENTRIES, n + " entries");
        }
        if ((long) n * entryFixed > end - p) {
            throw fail(TRUNCATED, n + " entries need at least " + n * entryFixed + " bytes");
        }
        return decodeEntries(b, p, end, station, seq, base, n, v2);
    }

    private static boolean known(byte version) {
        return version == VERSION || version == VERSION_ANTENNAS;
    }

    private static Frame decodeEntries(byte[] b, int p, int end, String station, long seq, long base, int n, boolean v2)
            throws FrameDecodeException {
        int entryFixed = v2 ? ENTRY_FIXED + 1 : ENTRY_FIXED;
        int flagsAt = v2 ? 14 : 13;
        byte[] antennas = v2 ? new byte[n] : null;
        long[] tags = new long[n];
        long[] ts = new long[n];
        byte[] rssi = new byte[n];
        int[] counts = new int[n];
        byte[] flags = new byte[n];
        boolean mayOverflow = base > Long.MAX_VALUE - Limits.MAX_BINARY_TS_SPREAD_MS;
        for (int i = 0; i < n; i++) {
            if (end - p < entryFixed) {
                throw fail(TRUNCATED, "entry " + i + " truncated");
            }
            tags[i] = (long) LONG_BE.get(b, p);
            long t = base + ((int) INT_BE.get(b, p + 8) & 0xFFFF_FFFFL);
            if (mayOverflow && t < 0) {
                throw fail(BAD_TIMESTAMP, "entry " + i + " timestamp overflows");
            }
            ts[i] = t;
            byte r = b[p + 12];
            if (r > 0 || r < Limits.MIN_RSSI) {
                throw fail(BAD_RSSI, "entry " + i + " rssi " + r);
            }
            rssi[i] = r;
            if (v2) {
                int a = b[p + 13] & 0xFF;
                if (a > Limits.MAX_ANTENNA && a != NO_ANTENNA_BYTE) {
                    throw fail(BAD_ANTENNA, "entry " + i + " antenna " + a);
                }
                antennas[i] = (byte) a; // 0xFF is -1, Read.NO_ANTENNA
            }
            int f = b[p + flagsAt];
            flags[i] = (byte) (f & ReadFlags.KNOWN_MASK);
            p += entryFixed;
            if ((f & FLAG_HAS_COUNT) == 0) {
                counts[i] = 1;
            } else {
                p = readCount(b, p, end, counts, i);
            }
        }
        if (p != end) {
            throw fail(TRAILING_BYTES, (end - p) + " bytes after the last entry");
        }
        return new Frame(station, seq, tags, ts, rssi, counts, flags, antennas);
    }

    /** Reads the varint count of entry {@code i} at {@code p}; returns the next position. */
    private static int readCount(byte[] b, int p, int end, int[] counts, int i) throws FrameDecodeException {
        int v = 0;
        for (int k = 0; k < MAX_VARINT_BYTES; k++) {
            if (p >= end) {
                throw fail(TRUNCATED, "entry " + i + " count truncated");
            }
            int x = b[p++];
            v |= (x & 0x7F) << (7 * k);
            if (x >= 0) {
                if (v < Limits.MIN_COUNT || v > Limits.MAX_COUNT) {
                    throw fail(BAD_COUNT, "entry " + i + " count " + v);
                }
                counts[i] = v;
                return p;
            }
        }
        throw fail(BAD_COUNT, "entry " + i + " count varint longer than 3 bytes");
    }

    private static String station(byte[] b, int p, int sl) throws FrameDecodeException {
        for (int k = p; k < p + sl; k++) {
            if (!StationIds.isAllowed(b[k] & 0xFF)) {
                throw fail(BAD_STATION, "station id byte 0x" + Integer.toHexString(b[k] & 0xFF) + " not allowed");
            }
        }
        return new String(b, p, sl, StandardCharsets.ISO_8859_1);
    }

    /**
     * Encodes a frame, as version 2 when some read carries an antenna and version 1 otherwise;
     * {@link IllegalArgumentException} if its reads span more than 2^32-1 ms.
     */
    static byte[] encode(Frame f) {
        int n = f.size();
        long base = minTimestamp(f);
        byte[] station = f.station().getBytes(StandardCharsets.ISO_8859_1);
        boolean v2 = f.hasAntennas();
        int entryFixed = v2 ? ENTRY_FIXED + 1 : ENTRY_FIXED;
        int flagsAt = v2 ? 14 : 13;
        int size = HEADER_FIXED + station.length + n * entryFixed;
        for (int i = 0; i < n; i++) {
            if (f.timestamps()[i] - base > Limits.MAX_BINARY_TS_SPREAD_MS) {
                throw new IllegalArgumentException(
                        "reads span more than " + Limits.MAX_BINARY_TS_SPREAD_MS + " ms; split the frame");
            }
            int c = f.counts()[i];
            size += c == 1 ? 0 : c < (1 << 7) ? 1 : c < (1 << 14) ? 2 : 3;
        }
        byte[] out = new byte[size];
        out[0] = (byte) MAGIC;
        out[1] = (byte) (v2 ? VERSION_ANTENNAS : VERSION);
        out[2] = (byte) station.length;
        System.arraycopy(station, 0, out, 3, station.length);
        int p = 3 + station.length;
        LONG_BE.set(out, p, f.seq());
        LONG_BE.set(out, p + 8, base);
        SHORT_BE.set(out, p + 16, (short) n);
        p += 18;
        for (int i = 0; i < n; i++) {
            LONG_BE.set(out, p, f.tags()[i]);
            INT_BE.set(out, p + 8, (int) (f.timestamps()[i] - base));
            out[p + 12] = f.rssi()[i];
            if (v2) {
                out[p + 13] = f.antennas()[i]; // -1 is 0xFF: no antenna
            }
            int c = f.counts()[i];
            out[p + flagsAt] = (byte) (f.flags()[i] | (c == 1 ? 0 : FLAG_HAS_COUNT));
            p += entryFixed;
            if (c != 1) {
                p = writeVarint(out, p, c);
            }
        }
        return out;
    }

    private static int writeVarint(byte[] out, int p, int v) {
        while (v >= 0x80) {
            out[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    private static long minTimestamp(Frame f) {
        if (f.size() == 0) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        for (long t : f.timestamps()) {
            min = Math.min(min, t);
        }
        return min;
    }

    private static FrameDecodeException unsupported(byte version) {
        return fail(UNSUPPORTED_VERSION, "binary version " + (version & 0xFF));
    }

    private static FrameDecodeException fail(FrameDecodeException.Reason r, String detail) {
        return new FrameDecodeException(r, detail);
    }
}
