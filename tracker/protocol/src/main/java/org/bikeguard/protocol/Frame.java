package org.bikeguard.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One frame a base station publishes: its station id, a sequence number and up to
 * {@value Limits#MAX_ENTRIES} reads, stored column-wise in parallel arrays of length
 * {@link #size()}.
 *
 * <p>Units: timestamps are milliseconds since the Unix epoch (UTC); rssi is dBm; tags are
 * unsigned 64-bit ids; {@code seq} is an unsigned 64-bit number (compare with
 * {@link Long#compareUnsigned}, print with {@link Long#toUnsignedString(long)}).
 *
 * <p>Immutable by convention: the arrays are not copied, so neither the creator nor a reader
 * may modify them. Safe to share between threads once published safely.
 *
 * @param station station id (see {@link StationIds})
 * @param seq unsigned 64-bit sequence number, never reused by a station
 * @param tags tag id per entry
 * @param timestamps read time per entry, epoch ms UTC, {@code >= 0}
 * @param rssi signal strength per entry, dBm, -127..0
 * @param counts raw reads per entry, 1..{@value Limits#MAX_COUNT}
 * @param flags {@link ReadFlags} bits per entry
 * @param antennas antenna per entry (0..15, {@link Read#NO_ANTENNA} for none), or {@code null} when no
 *     entry carries one (the usual case: no array at all); an array without any antenna is stored as
 *     {@code null}, so equal frames compare equal
 */
public record Frame(
        String station,
        long seq,
        long[] tags,
        long[] timestamps,
        byte[] rssi,
        int[] counts,
        byte[] flags,
        byte[] antennas) {

    /** Validates station, array lengths and every entry; {@link IllegalArgumentException}. */
    public Frame {
        StationIds.require(station);
        if (tags == null || timestamps == null || rssi == null || counts == null || flags == null) {
            throw new IllegalArgumentException("arrays must not be null");
        }
        int n = tags.length;
        if (timestamps.length != n || rssi.length != n || counts.length != n || flags.length != n) {
            throw new IllegalArgumentException("arrays must have the same length");
        }
        if (n > Limits.MAX_ENTRIES) {
            throw new IllegalArgumentException("too many entries: " + n);
        }
        if (!entriesInRange(timestamps, rssi, counts, flags)) {
            throw new IllegalArgumentException(describeBadEntry(timestamps, rssi, counts, flags));
        }
        if (antennas != null) {
            antennas = checkedAntennas(antennas, n);
        }
    }

    /** A frame whose reads carry no antenna. */
    public Frame(String station, long seq, long[] tags, long[] timestamps, byte[] rssi, int[] counts, byte[] flags) {
        this(station, seq, tags, timestamps, rssi, counts, flags, null);
    }

    /** The array itself, or null if no entry has an antenna; {@link IllegalArgumentException} if out of range. */
    private static byte[] checkedAntennas(byte[] antennas, int n) {
        if (antennas.length != n) {
            throw new IllegalArgumentException("arrays must have the same length");
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            int a = antennas[i];
            if (a != Read.NO_ANTENNA && (a < Limits.MIN_ANTENNA || a > Limits.MAX_ANTENNA)) {
                throw new IllegalArgumentException("entry " + i + " antenna out of range: " + a);
            }
            any |= a != Read.NO_ANTENNA;
        }
        return any ? antennas : null;
    }

    /** Whether some entry carries an antenna. */
    public boolean hasAntennas() {
        return antennas != null;
    }

    /** The antenna of entry {@code i}, or {@link Read#NO_ANTENNA}. */
    public int antenna(int i) {
        return antennas == null ? Read.NO_ANTENNA : antennas[i];
    }

    /** Branch-free reductions (cheap, vectorizable): any out-of-range value makes one negative. */
    private static boolean entriesInRange(long[] ts, byte[] rssi, int[] counts, byte[] flags) {
        long t = 0;
        for (long x : ts) {
            t |= x;
        }
        int r = 0;
        for (byte x : rssi) {
            r |= -x | (x - Limits.MIN_RSSI);
        }
        int c = 0;
        for (int x : counts) {
            c |= (x - Limits.MIN_COUNT) | (Limits.MAX_COUNT - x);
        }
        int f = 0;
        for (byte x : flags) {
            f |= x;
        }
        return t >= 0 && r >= 0 && c >= 0 && ReadFlags.isValid(f);
    }

    private static String describeBadEntry(long[] ts, byte[] rssi, int[] counts, byte[] flags) {
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] < 0
                    || rssi[i] < Limits.MIN_RSSI
                    || rssi[i] > Limits.MAX_RSSI
                    || counts[i] < Limits.MIN_COUNT
                    || counts[i] > Limits.MAX_COUNT
                    || !ReadFlags.isValid(flags[i])) {
                return "entry " + i + " out of range: ts=" + ts[i] + " ms, rssi=" + rssi[i] + " dBm, count=" + counts[i]
                        + ", flags=" + flags[i];
            }
        }
        return "entry out of range";
    }

    /** Builds a frame from a list of reads. */
    public static Frame of(String station, long seq, List<Read> reads) {
        Objects.requireNonNull(reads, "reads");
        int n = reads.size();
        if (n > Limits.MAX_ENTRIES) {
            throw new IllegalArgumentException("too many entries: " + n);
        }
        long[] tags = new long[n];
        long[] ts = new long[n];
        byte[] rssi = new byte[n];
        int[] counts = new int[n];
        byte[] flags = new byte[n];
        byte[] antennas = new byte[n];
        for (int i = 0; i < n; i++) {
            Read r = reads.get(i);
            tags[i] = r.tag();
            ts[i] = r.ts();
            rssi[i] = (byte) r.rssi();
            counts[i] = r.count();
            flags[i] = (byte) r.flags();
            antennas[i] = (byte) r.antenna();
        }
        return new Frame(station, seq, tags, ts, rssi, counts, flags, antennas);
    }

    /** Number of entries. */
    public int size() {
        return tags.length;
    }

    /** Entry {@code i} as a {@link Read}. */
    public Read read(int i) {
        return new Read(tags[i], timestamps[i], rssi[i], counts[i], flags[i] & 0xFF, antenna(i));
    }

    /** All entries as reads, in order. */
    public List<Read> reads() {
        Read[] out = new Read[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(i);
        }
        return List.of(out);
    }

    /** Sum of the entries' counts: how many raw reads this frame stands for. */
    public long totalCount() {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f
                && station.equals(f.station)
                && seq == f.seq
                && Arrays.equals(tags, f.tags)
                && Arrays.equals(timestamps, f.timestamps)
                && Arrays.equals(rssi, f.rssi)
                && Arrays.equals(counts, f.counts)
                && Arrays.equals(flags, f.flags)
                && Arrays.equals(antennas, f.antennas);
    }

    @Override
    public int hashCode() {
        int h = station.hashCode() * 31 + Long.hashCode(seq);
        h = h * 31 + Arrays.hashCode(tags);
        h = h * 31 + Arrays.hashCode(timestamps);
        h = h * 31 + Arrays.hashCode(rssi);
        h = h * 31 + Arrays.hashCode(counts);
        h = h * 31 + Arrays.hashCode(flags);
        return antennas == null ? h : h * 31 + Arrays.hashCode(antennas);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64 + 64 * size());
        sb.append("Frame[station=")
                .append(station)
                .append(", seq=")
                .append(Long.toUnsignedString(seq))
                .append(", reads=[");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(read(i));
        }
        return sb.append("]]").toString();
    }
}
