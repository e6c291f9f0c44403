package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.EMPTY;
import static org.bikeguard.protocol.FrameDecodeException.Reason.OVERSIZED;
import static org.bikeguard.protocol.FrameDecodeException.Reason.UNKNOWN_FORMAT;

import java.util.Objects;

/**
 * Encodes and decodes base-station frames in both wire forms: JSON (first non-whitespace
 * byte {@code '{'}) and binary (first byte {@code 0xB6}, then a version byte). See
 * {@code docs/protocol.md} for the specification.
 *
 * <p>Decoding a bad payload throws {@link FrameDecodeException} and nothing else; decoders
 * never read outside the given range and never allocate more than the limits allow.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class FrameCodec {
    /** First byte of a binary frame. */
    public static final int BINARY_MAGIC = BinaryCodec.MAGIC;
    /** Binary format version written by {@link #encodeBinary(Frame)} for a frame without antennas. */
    public static final int BINARY_VERSION = BinaryCodec.VERSION;
    /** Binary format version written for a frame in which some read carries an antenna. */
    public static final int BINARY_VERSION_ANTENNAS = BinaryCodec.VERSION_ANTENNAS;

    private FrameCodec() {}

    /**
     * Decodes a whole payload. A {@code null} payload counts as {@link
     * FrameDecodeException.Reason#EMPTY}.
     */
    public static Frame decode(byte[] payload) throws FrameDecodeException {
        if (payload == null) {
            throw new FrameDecodeException(EMPTY, "no payload");
        }
        return decode(payload, 0, payload.length);
    }

    /**
     * Decodes {@code length} bytes of {@code payload} starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code payload} (a caller
     *     error, not a bad frame)
     */
    public static Frame decode(byte[] payload, int offset, int length) throws FrameDecodeException {
        if (payload == null) {
            throw new FrameDecodeException(EMPTY, "no payload");
        }
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (length == 0) {
            throw new FrameDecodeException(EMPTY, "empty payload");
        }
        if (length > Limits.MAX_FRAME_BYTES) {
            throw new FrameDecodeException(OVERSIZED, length + " bytes");
        }
        int first = payload[offset] & 0xFF;
        if (first == BinaryCodec.MAGIC) {
            return BinaryCodec.decode(payload, offset, length);
        }
        if (firstNonWhitespace(payload, offset, length) == '{') {
            return JsonCodec.decode(payload, offset, length);
        }
        throw new FrameDecodeException(UNKNOWN_FORMAT, "first byte 0x" + Integer.toHexString(first));
    }

    /** Encodes in the binary form; {@link IllegalArgumentException} if reads span &gt; 2^32-1 ms. */
    public static byte[] encodeBinary(Frame frame) {
        return BinaryCodec.encode(Objects.requireNonNull(frame, "frame"));
    }

    /**
     * Encodes in the compact JSON form (UTF-8); {@link IllegalArgumentException} if the
     * result would exceed {@link Limits#MAX_FRAME_BYTES} (use binary for large frames).
     */
    public static byte[] encodeJson(Frame frame) {
        return JsonCodec.encode(Objects.requireNonNull(frame, "frame"));
    }

    /** Whether the payload's first non-whitespace byte is {@code '{'}; false for null. */
    public static boolean isJson(byte[] payload) {
        return payload != null && firstNonWhitespace(payload, 0, payload.length) == '{';
    }

    private static int firstNonWhitespace(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c & 0xFF;
            }
        }
        return -1;
    }
}
