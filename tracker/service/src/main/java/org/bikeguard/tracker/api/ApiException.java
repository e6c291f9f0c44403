package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;

/**
 * An error answered to the client as {@code {"code","message","details"}} with an HTTP status.
 * 4xx subclasses say the client is at fault; anything else reaching the error handler is ours
 * (500, logged, no stack trace in the body). Immutable apart from the inherited stack trace.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final JsonObject details;

    /**
     * @param status  HTTP status
     * @param code    stable machine-readable code ({@code bad_request}, {@code not_found}...)
     * @param message human-readable message, safe to show to the caller
     * @param details extra machine-readable context; may be {@code null}
     */
    public ApiException(int status, String code, String message, JsonObject details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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

    /** The JSON error body. */
    public JsonObject toJson() {
        return new JsonObject().put("code", code).put("message", getMessage()).put("details", details.copy());
    }

    /** 400 {@code bad_request}: malformed request (syntax, missing parameter). */
    public static final class BadRequestException extends ApiException {
        public BadRequestException(String message) {
            this(message, null);
        }

        public BadRequestException(String message, JsonObject details) {
            super(400, "bad_request", message, details);
        }
    }

    /** 400 {@code validation}: well-formed request whose values break a rule. */
    public static final class ValidationException extends ApiException {
        public ValidationException(String message, JsonObject details) {
            super(400, "validation", message, details);
        }
    }

    /** 401 {@code unauthorized}: no, bad or expired credentials. */
    public static final class UnauthorizedException extends ApiException {
        public UnauthorizedException(String message) {
            super(401, "unauthorized", message, null);
        }
    }

    /** 403 {@code forbidden}: authenticated, but the role may not do this. */
    public static final class ForbiddenException extends ApiException {
        public ForbiddenException(String message, JsonObject details) {
            super(403, "forbidden", message, details);
        }
    }

    /** 404 {@code not_found}. */
    public static final class NotFoundException extends ApiException {
        public NotFoundException(String message, JsonObject details) {
            super(404, "not_found", message, details);
        }
    }

    /** 409 {@code conflict}: the resource already exists or changed meanwhile. */
    public static final class ConflictException extends ApiException {
        public ConflictException(String message, JsonObject details) {
            super(409, "conflict", message, details);
        }
    }

    /** 415 {@code unsupported_media_type}. */
    public static final class UnsupportedMediaTypeException extends ApiException {
        public UnsupportedMediaTypeException(String message, JsonObject details) {
            super(415, "unsupported_media_type", message, details);
        }
    }
}
