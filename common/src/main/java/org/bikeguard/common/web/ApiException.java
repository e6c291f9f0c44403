package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/**
 * A failure whose fault is known, answered as {@code {"code","message","details"}} with an HTTP
 * status by {@link ApiErrors}. The subclasses say whose fault it is: {@link BadInputException}
 * (the caller sent something wrong: 400, 413, 415), {@link UnauthenticatedException} (401),
 * {@link ForbiddenException} (403), {@link NotFoundException} (404), {@link ConflictException}
 * (409) and {@link UnavailableException} (a dependency or our capacity: 502, 503). Anything thrown
 * that is not an {@code ApiException} is a bug and becomes 500 {@code internal}. A module may use
 * this class directly for a code of its own (claims' {@code not_eligible}, 409).
 *
 * <p>Carries no stack trace: it is an expected outcome, not a bug. Immutable; thread-safe.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final JsonObject details;

    /**
     * @param status  HTTP status, 400..599
     * @param code    stable machine-readable code ({@link ErrorCodes}, or a module's own)
     * @param message human-readable message, safe to show to the caller (English)
     * @param details extra machine-readable context, kept as given (its key order is the answer's);
     *                may be {@code null} for none
     */
    public ApiException(int status, String code, String message, JsonObject details) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.code = java.util.Objects.requireNonNull(code, "code");
        this.details = details == null ? new JsonObject() : details;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable code. */
    public String code() {
        return code;
    }

    /** Extra context (a copy). */
    public JsonObject details() {
        return details.copy();
    }

    /** The JSON error record {@code {"code","message","details"}} (a new object). */
    public JsonObject toJson() {
        return new JsonObject().put("code", code).put("message", getMessage()).put("details", details.copy());
    }

    /** The encoded error record, with the details in the order they were given. */
    String encode() {
        return new JsonObject()
                .put("code", code)
                .put("message", getMessage())
                .put("details", details)
                .encode();
    }
}
