package org.bikeguard.protocol;

/**
 * One read entry of a {@link Frame}: a station saw a tag.
 *
 * <p>Immutable; thread-safe.
 *
 * @param tag tag id, unsigned 64 bits (see {@link TagIds})
 * @param ts time of the read, milliseconds since the Unix epoch (UTC), {@code >= 0}
 * @param rssi received signal strength, dBm, {@value Limits#MIN_RSSI}..{@value Limits#MAX_RSSI}
 * @param count number of raw reads this entry stands for, 1..{@value Limits#MAX_COUNT}
 * @param flags bitwise OR of {@link ReadFlags} constants; unknown bits are not allowed
 * @param antenna the station's antenna port that saw the tag, {@value Limits#MIN_ANTENNA}..{@value
 *     Limits#MAX_ANTENNA}, or {@link #NO_ANTENNA} when the station did not say
 */
public record Read(long tag, long ts, int rssi, int count, int flags, int antenna) {

    /** The {@code antenna} of a read whose station did not report one. */
    public static final int NO_ANTENNA = -1;

    /** Validates every component; throws {@link IllegalArgumentException} when out of range. */
    public Read {
        if (ts < 0) {
            throw new IllegalArgumentException("ts must be >= 0 (epoch ms): " + ts);
        }
        if (rssi < Limits.MIN_RSSI || rssi > Limits.MAX_RSSI) {
            throw new IllegalArgumentException("rssi out of range -127..0 dBm: " + rssi);
        }
        if (count < Limits.MIN_COUNT || count > Limits.MAX_COUNT) {
            throw new IllegalArgumentException("count out of range 1..1000000: " + count);
        }
        if (!ReadFlags.isValid(flags)) {
            throw new IllegalArgumentException("unknown flag bits: " + flags);
        }
        if (antenna != NO_ANTENNA && (antenna < Limits.MIN_ANTENNA || antenna > Limits.MAX_ANTENNA)) {
            throw new IllegalArgumentException("antenna out of range 0..15 (or -1 for none): " + antenna);
        }
    }

    /** A read without an antenna ({@link #NO_ANTENNA}). */
    public Read(long tag, long ts, int rssi, int count, int flags) {
        this(tag, ts, rssi, count, flags, NO_ANTENNA);
    }

    /** Whether the station reported the antenna. */
    public boolean hasAntenna() {
        return antenna != NO_ANTENNA;
    }

    /** A single read (count 1) without flags. */
    public static Read of(long tag, long ts, int rssi) {
        return new Read(tag, ts, rssi, 1, 0);
    }

    /** Whether the given {@link ReadFlags} bit is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "Read[tag=" + TagIds.format(tag) + ", ts=" + ts + ", rssi=" + rssi + ", count=" + count + ", flags="
                + flags + (antenna == NO_ANTENNA ? "" : ", antenna=" + antenna) + "]";
    }
}
