package org.bikeguard.protocol;

/**
 * Hard limits of the base-station wire protocol. Every codec enforces them; a {@link Frame}
 * cannot be constructed outside them.
 *
 * <p>Constants only; thread-safe.
 */
public final class Limits {
    /** Maximum number of read entries in one frame. */
    public static final int MAX_ENTRIES = 1000;
    /** Maximum size of one encoded frame (JSON or binary), in bytes (64 KiB). */
    public static final int MAX_FRAME_BYTES = 65_536;
    /** Maximum length of a station id, in ASCII characters. */
    public static final int MAX_STATION_ID_LENGTH = 32;
    /** Weakest accepted signal strength, in dBm. */
    public static final int MIN_RSSI = -127;
    /** Strongest accepted signal strength, in dBm. */
    public static final int MAX_RSSI = 0;
    /** Smallest value of a read's {@code count}. */
    public static final int MIN_COUNT = 1;
    /** Largest value of a read's {@code count} (reads one entry may stand for). */
    public static final int MAX_COUNT = 1_000_000;
    /** Smallest antenna number of a read (a station has at most 16 antenna ports). */
    public static final int MIN_ANTENNA = 0;
    /** Largest antenna number of a read. */
    public static final int MAX_ANTENNA = 15;
    /** Maximum number of hexadecimal digits in a tag id (64 bits). */
    public static final int MAX_TAG_HEX_DIGITS = 16;
    /**
     * Largest spread, in milliseconds, between the earliest and the latest read of a binary
     * frame (the per-entry timestamp delta is an unsigned 32-bit number, about 49.7 days).
     */
    public static final long MAX_BINARY_TS_SPREAD_MS = 0xFFFF_FFFFL;

    private Limits() {}
}
