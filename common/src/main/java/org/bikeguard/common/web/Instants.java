package org.bikeguard.common.web;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The one parser of instants in requests: ISO-8601 with an offset
 * ({@code 2026-11-23T12:05:06+08:00}, {@code 2026-11-23T04:05:06.789Z}), any offset, to an
 * {@link Instant} (UTC). Stateless; thread-safe.
 */
public final class Instants {

    /** The problem named when a value is not such an instant. */
    public static final String EXPECTED = "must be an ISO-8601 instant with offset, e.g. 2026-11-23T04:05:06.789Z";

    private Instants() {}

    /**
     * Parses an ISO-8601 instant with offset. Surrounding blanks are ignored, and a blank inside
     * stands for {@code +}: an unencoded {@code +} of an offset arrives as a blank in a query string.
     *
     * @throws java.time.format.DateTimeParseException when {@code text} is not one
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text.trim().replace(' ', '+')).toInstant();
    }
}
