package org.bikeguard.claims;

import java.util.Map;

/**
 * A failure whose fault is known: the caller's ({@code 4xx}) or a dependency's ({@code 502/503}).
 * Carries the HTTP status, a stable machine-readable {@code code}, a human message and optional
 * details; the API turns it into {@code {"code","message","details"}}. Immutable.
 */
public class ClaimsException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    /**
     * @param status  HTTP status to answer with
     * @param code    stable error code in the tracker's vocabulary (both answer on one port), e.g.
     *                {@code validation}, {@code not_found}
     * @param message human-readable explanation (English)
     * @param details extra structured facts; may be empty, never null
     */
    public ClaimsException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** 400 {@code validation}: a value breaks a rule or is out of range. */
    public static ClaimsException invalid(String message) {
        return new ClaimsException(400, "validation", message, Map.of());
    }

    /** 400 {@code bad_request}: the request is malformed (not JSON, not an object). */
    public static ClaimsException malformed(String message) {
        return new ClaimsException(400, "bad_request", message, Map.of());
    }

    /** 400 with details. */
    public static ClaimsException invalid(String message, Map<String, Object> details) {
        return new ClaimsException(400, "validation", message, details);
    }

    /** 404: no such resource (also used where revealing existence would leak data). */
    public static ClaimsException notFound(String what) {
        return new ClaimsException(404, "not_found", what + " not found", Map.of());
    }

    /** 403: authenticated but not allowed. */
    public static ClaimsException forbidden(String message) {
        return new ClaimsException(403, "forbidden", message, Map.of());
    }

    /** 409: the request conflicts with the resource's current state. */
    public static ClaimsException conflict(String message, Map<String, Object> details) {
        return new ClaimsException(409, "conflict", message, details);
    }

    /** 502: the tracker (or another upstream) failed or answered nonsense. */
    public static ClaimsException upstream(String message) {
        return new ClaimsException(502, "upstream", message, Map.of());
    }
}
