package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/**
 * The caller sent something wrong: a malformed request (400 {@code bad_request}), a value that
 * breaks a rule (400 {@code validation}), a body too large (413) or of a type the route does not
 * read (415). Raise it explicitly where input is checked; an {@link IllegalArgumentException}
 * that escapes is treated as a bug (500). Immutable; thread-safe.
 */
public class BadInputException extends ApiException {

    /** For subclasses with a code of their own; {@code status} must be 4xx. */
    protected BadInputException(int status, String code, String message, JsonObject details) {
        super(status, code, message, details);
        if (status >= 500) {
            throw new IllegalArgumentException("bad input is a 4xx: " + status);
        }
    }

    /** 400 {@code bad_request}: the request is malformed (syntax, a missing parameter). */
    public static BadInputException malformed(String message) {
        return malformed(message, null);
    }

    /** 400 {@code bad_request} with details. */
    public static BadInputException malformed(String message, JsonObject details) {
        return new BadInputException(400, ErrorCodes.BAD_REQUEST, message, details);
    }

    /** 400 {@code validation}: {@code "<field> <problem>"}, details {@code {"field": field}}. */
    public static BadInputException invalid(String field, String problem) {
        return violation(field + " " + problem, new JsonObject().put("field", field));
    }

    /** 400 {@code validation}: a rule the input breaks, with the given message and details (may be {@code null}). */
    public static BadInputException violation(String message, JsonObject details) {
        return new BadInputException(400, ErrorCodes.VALIDATION, message, details);
    }

    /** 413 {@code payload_too_large}: the body exceeds {@code limitBytes} bytes. */
    public static BadInputException tooLarge(long limitBytes) {
        return new BadInputException(
                413,
                ErrorCodes.PAYLOAD_TOO_LARGE,
                "the request body exceeds " + limitBytes + " bytes",
                new JsonObject().put("limitBytes", limitBytes));
    }

    /** 415 {@code unsupported_media_type}. */
    public static BadInputException unsupportedMediaType(String message, JsonObject details) {
        return new BadInputException(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, message, details);
    }
}
