package org.bikeguard.protocol;

import java.util.Locale;

/**
 * RFID tag ids: unsigned 64-bit numbers, written as 1 to 16 hexadecimal digits,
 * case-insensitive. The canonical form is upper case without leading zeros ({@code "0"} for
 * zero). In Java a tag id is held in a {@code long} (its 64 bits, unsigned semantics).
 *
 * <p>Stateless; thread-safe.
 */
public final class TagIds {
    private TagIds() {}

    /**
     * Parses 1 to 16 hex digits (either case, leading zeros allowed, no sign, prefix or blanks).
     *
     * @throws IllegalArgumentException if {@code hex} is not a valid tag id
     */
    public static long parse(String hex) {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("invalid tag id: " + StationIds.describe(hex));
        }
        long v = 0;
        for (int i = 0; i < hex.length(); i++) {
            v = (v << 4) | digit(hex.charAt(i));
        }
        return v;
    }

    /** The canonical form: upper-case hex, no leading zeros. */
    public static String format(long tag) {
        return Long.toUnsignedString(tag, 16).toUpperCase(Locale.ROOT);
    }

    /** Whether {@code hex} is 1 to 16 hex digits; {@code false} for {@code null}. */
    public static boolean isValid(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() > Limits.MAX_TAG_HEX_DIGITS) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (digit(hex.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code len} chars at {@code off} without allocating; the caller must have checked
     * them with {@link #isValid(char[], int, int)}.
     */
    static long parse(char[] buf, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            v = (v << 4) | digit(buf[i]);
        }
        return v;
    }

    /** Char-array variant of {@link #isValid(String)}. */
    static boolean isValid(char[] buf, int off, int len) {
        if (len < 1 || len > Limits.MAX_TAG_HEX_DIGITS) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            if (digit(buf[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
