package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_ANTENNA;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_COUNT;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_RSSI;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_SEQ;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_STATION;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_TAG;
import static org.bikeguard.protocol.FrameDecodeException.Reason.BAD_TIMESTAMP;
import static org.bikeguard.protocol.FrameDecodeException.Reason.MALFORMED_JSON;
import static org.bikeguard.protocol.FrameDecodeException.Reason.MISSING_FIELD;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TOO_MANY_ENTRIES;
import static org.bikeguard.protocol.FrameDecodeException.Reason.TRAILING_BYTES;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/** Reads one JSON frame from a streaming parser. Single use; not thread-safe. */
final class JsonFrameReader {
    private static final int TAG = 1;
    private static final int TS = 2;
    private static final int RSSI = 4;
    private static final int COUNT = 8;
    private static final int FLAGS = 16;
    private static final int ANTENNA = 32;

    private final JsonParser p;
    private String station;
    private boolean hasSeq;
    private long seq;
    private boolean hasReads;
    private int n;
    private long[] tags = new long[0];
    private long[] ts = new long[0];
    private byte[] rssi = new byte[0];
    private int[] counts = new int[0];
    private byte[] flags = new byte[0];
    /** Allocated at the first read with an antenna (frames of stations without antennas never have one). */
    private byte[] antennas;

    JsonFrameReader(JsonParser p) {
        this.p = p;
    }

    Frame frame() throws IOException, FrameDecodeException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fail(MALFORMED_JSON, "frame must be a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "station" -> station(v);
                case "seq" -> seq(v);
                case "reads" -> reads(v);
                default -> p.skipChildren();
            }
        }
        if (station == null || !hasSeq || !hasReads) {
            throw fail(MISSING_FIELD, station == null ? "station" : !hasSeq ? "seq" : "reads");
        }
        if (p.nextToken() != null) {
            throw fail(TRAILING_BYTES, "content after the frame object");
        }
        if (n != tags.length) {
            grow(n);
        }
        return new Frame(station, seq, tags, ts, rssi, counts, flags, antennas);
    }

    private void station(JsonToken v) throws IOException, FrameDecodeException {
        duplicate(station != null, "station");
        if (v != JsonToken.VALUE_STRING) {
            throw fail(BAD_STATION, "station must be a string");
        }
        String s = p.getText();
        if (!StationIds.isValid(s)) {
            throw fail(BAD_STATION, "invalid station id " + StationIds.describe(s));
        }
        station = s;
    }

    private void seq(JsonToken v) throws IOException, FrameDecodeException {
        duplicate(hasSeq, "seq");
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw fail(BAD_SEQ, "seq must be an integer");
        }
        if (p.getNumberType() == NumberType.BIG_INTEGER) {
            BigInteger big = p.getBigIntegerValue();
            if (big.signum() < 0 || big.bitLength() > 64) {
                throw fail(BAD_SEQ, "seq out of unsigned 64-bit range");
            }
            seq = big.longValue();
        } else {
            seq = p.getLongValue();
            if (seq < 0) {
                throw fail(BAD_SEQ, "seq must not be negative");
            }
        }
        hasSeq = true;
    }

    private void reads(JsonToken v) throws IOException, FrameDecodeException {
        duplicate(hasReads, "reads");
        if (v != JsonToken.START_ARRAY) {
            throw fail(MALFORMED_JSON, "reads must be an array");
        }
        hasReads = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw fail(MALFORMED_JSON, "each read must be an object");
            }
            if (n == Limits.MAX_ENTRIES) {
                throw fail(TOO_MANY_ENTRIES, "more than " + Limits.MAX_ENTRIES + " reads");
            }
            if (n == tags.length) {
                grow(Math.min(Limits.MAX_ENTRIES, Math.max(16, n * 2)));
            }
            read();
            n++;
        }
    }

    /** Reads the object at the current START_OBJECT into entry {@code n}. */
    private void read() throws IOException, FrameDecodeException {
        int seen = 0;
        counts[n] = 1;
        flags[n] = 0;
        if (antennas != null) {
            antennas[n] = Read.NO_ANTENNA;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int field =
                    switch (name) {
                        case "tag" -> {
                            tags[n] = tag(v);
                            yield TAG;
                        }
                        case "ts" -> {
                            ts[n] = timestamp(v);
                            yield TS;
                        }
                        case "rssi" -> {
                            rssi[n] = (byte) intIn(v, Limits.MIN_RSSI, Limits.MAX_RSSI, BAD_RSSI);
                            yield RSSI;
                        }
                        case "count" -> {
                            counts[n] = intIn(v, Limits.MIN_COUNT, Limits.MAX_COUNT, BAD_COUNT);
                            yield COUNT;
                        }
                        case "flags" -> {
                            flags[n] = (byte) flagSet(v);
                            yield FLAGS;
                        }
                        case "antenna" -> {
                            antenna(intIn(v, Limits.MIN_ANTENNA, Limits.MAX_ANTENNA, BAD_ANTENNA));
                            yield ANTENNA;
                        }
                        default -> {
                            p.skipChildren();
                            yield 0;
                        }
                    };
            duplicate((seen & field) != 0, name);
            seen |= field;
        }
        if ((seen & (TAG | TS | RSSI)) != (TAG | TS | RSSI)) {
            String missing = (seen & TAG) == 0 ? "tag" : (seen & TS) == 0 ? "ts" : "rssi";
            throw fail(MISSING_FIELD, "read " + n + " lacks " + missing);
        }
    }

    private long tag(JsonToken v) throws IOException, FrameDecodeException {
        if (v != JsonToken.VALUE_STRING) {
            throw fail(BAD_TAG, "read " + n + ": tag must be a hex string");
        }
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (!TagIds.isValid(buf, off, len)) {
            throw fail(BAD_TAG, "read " + n + ": tag must be 1-16 hex digits");
        }
        return TagIds.parse(buf, off, len);
    }

    private long timestamp(JsonToken v) throws IOException, FrameDecodeException {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == NumberType.BIG_INTEGER) {
            throw fail(BAD_TIMESTAMP, "read " + n + ": ts must be an integer (epoch ms)");
        }
        long t = p.getLongValue();
        if (t < 0) {
            throw fail(BAD_TIMESTAMP, "read " + n + ": ts must not be negative");
        }
        return t;
    }

    private int intIn(JsonToken v, int min, int max, FrameDecodeException.Reason reason)
            throws IOException, FrameDecodeException {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != NumberType.INT) {
            throw fail(reason, "read " + n + ": expected an integer " + min + ".." + max);
        }
        int x = p.getIntValue();
        if (x < min || x > max) {
            throw fail(reason, "read " + n + ": " + x + " not in " + min + ".." + max);
        }
        return x;
    }

    private int flagSet(JsonToken v) throws IOException, FrameDecodeException {
        if (v != JsonToken.START_ARRAY) {
            throw fail(MALFORMED_JSON, "read " + n + ": flags must be an array of strings");
        }
        int bits = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw fail(MALFORMED_JSON, "read " + n + ": flags must be an array of strings");
            }
            bits |= ReadFlags.fromName(p.getText());
        }
        return bits;
    }

    private void antenna(int a) {
        if (antennas == null) {
            antennas = new byte[tags.length];
            Arrays.fill(antennas, (byte) Read.NO_ANTENNA);
        }
        antennas[n] = (byte) a;
    }

    private void grow(int capacity) {
        if (antennas != null) {
            int old = antennas.length;
            antennas = Arrays.copyOf(antennas, capacity);
            if (capacity > old) {
                Arrays.fill(antennas, old, capacity, (byte) Read.NO_ANTENNA);
            }
        }
        tags = Arrays.copyOf(tags, capacity);
        ts = Arrays.copyOf(ts, capacity);
        rssi = Arrays.copyOf(rssi, capacity);
        counts = Arrays.copyOf(counts, capacity);
        flags = Arrays.copyOf(flags, capacity);
    }

    private static void duplicate(boolean dup, String name) throws FrameDecodeException {
        if (dup) {
            throw fail(MALFORMED_JSON, "duplicate field \"" + name + "\"");
        }
    }

    private static FrameDecodeException fail(FrameDecodeException.Reason r, String detail) {
        return new FrameDecodeException(r, detail);
    }
}
