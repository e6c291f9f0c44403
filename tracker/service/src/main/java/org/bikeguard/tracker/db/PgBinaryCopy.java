package org.bikeguard.tracker.db;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} stream in memory: the header,
 * rows of typed fields, the trailer. Used for the frame log and for closed sightings, where
 * binary COPY is the fastest way into PostgreSQL. Not thread-safe; reuse one per writer thread
 * with {@link #reset()}.
 */
public final class PgBinaryCopy {

    private static final byte[] HEADER = {
        'P',
        'G',
        'C',
        'O',
        'P',
        'Y',
        '\n',
        (byte) 0xFF,
        '\r',
        '\n',
        0, // signature
        0,
        0,
        0,
        0, // flags
        0,
        0,
        0,
        0 // header extension length
    };
    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (UTC). */
    private static final long PG_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private byte[] buf = new byte[1 << 16];
    private int len;
    private int rows;

    public PgBinaryCopy() {
        reset();
    }

    /** Starts a new stream (header only). */
    public PgBinaryCopy reset() {
        len = 0;
        rows = 0;
        put(HEADER, 0, HEADER.length);
        return this;
    }

    /** Starts a row of {@code fields} fields. */
    public PgBinaryCopy row(int fields) {
        ensure(2);
        buf[len++] = (byte) (fields >>> 8);
        buf[len++] = (byte) fields;
        rows++;
        return this;
    }

    public PgBinaryCopy int8(long v) {
        putInt(8);
        putLong(v);
        return this;
    }

    public PgBinaryCopy int4(int v) {
        putInt(4);
        putInt(v);
        return this;
    }

    public PgBinaryCopy int2(int v) {
        putInt(2);
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** A {@code timestamptz} from epoch milliseconds UTC. */
    public PgBinaryCopy timestampMillis(long epochMillis) {
        return int8(epochMillis * 1000L - PG_EPOCH_OFFSET_MICROS);
    }

    /** A {@code text} field (UTF-8). */
    public PgBinaryCopy text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        put(b, 0, b.length);
        return this;
    }

    /** A {@code bytea} field. */
    public PgBinaryCopy bytea(byte[] b) {
        putInt(b.length);
        put(b, 0, b.length);
        return this;
    }

    /** Ends the stream and returns the number of bytes to send from {@link #buffer()}. */
    public int finish() {
        ensure(2);
        buf[len++] = (byte) 0xFF;
        buf[len++] = (byte) 0xFF;
        return len;
    }

    public byte[] buffer() {
        return buf;
    }

    public int rows() {
        return rows;
    }

    private void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
    }

    private void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
