package org.bikeguard.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * The one exception the frame codecs throw for a bad payload. {@link #reason()} classifies the
 * problem; {@link Reason#metricName()} is its Prometheus label.
 *
 * <p>The exception carries no stack trace (bad frames are expected input, possibly at a high
 * rate, not program errors). Immutable; thread-safe.
 */
public final class FrameDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a frame was rejected. */
    public enum Reason {
        /** Zero-length (or null) payload. */
        EMPTY,
        /** Payload larger than {@link Limits#MAX_FRAME_BYTES}. */
        OVERSIZED,
        /** Neither JSON ({@code '{'}) nor the binary magic byte. */
        UNKNOWN_FORMAT,
        /** Binary magic byte followed by a version this decoder does not know. */
        UNSUPPORTED_VERSION,
        /** Binary frame ends before its last field. */
        TRUNCATED,
        /** Bytes (binary) or a value (JSON) after the end of the frame. */
        TRAILING_BYTES,
        /** More than {@link Limits#MAX_ENTRIES} entries. */
        TOO_MANY_ENTRIES,
        /** Station id missing its rules (1-32 chars of [A-Za-z0-9._-]) or of the wrong type. */
        BAD_STATION,
        /** Tag id that is not 1-16 hex digits. */
        BAD_TAG,
        /** Timestamp that is negative, not an integer or out of range. */
        BAD_TIMESTAMP,
        /** RSSI outside -127..0 dBm or not an integer. */
        BAD_RSSI,
        /** Count outside 1..{@link Limits#MAX_COUNT} or badly encoded. */
        BAD_COUNT,
        /** Antenna outside 0..{@link Limits#MAX_ANTENNA} or not an integer. */
        BAD_ANTENNA,
        /** Sequence number that is not an unsigned 64-bit integer. */
        BAD_SEQ,
        /** Syntactically invalid JSON or a JSON value of the wrong structure. */
        MALFORMED_JSON,
        /** A required JSON field is absent. */
        MISSING_FIELD;

        private final String metricName = name().toLowerCase(Locale.ROOT);

        /** lower_snake_case label for metrics, e.g. {@code "bad_tag"}. */
        public String metricName() {
            return metricName;
        }
    }

    private final Reason reason;

    /** Creates an exception with a reason and a human-readable detail. */
    public FrameDecodeException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** Creates an exception with a reason, a detail and the underlying cause. */
    public FrameDecodeException(Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").metricName() + ": " + detail, cause, false, false);
        this.reason = reason;
    }

    /** The classification of the problem. */
    public Reason reason() {
        return reason;
    }
}
