package org.bikeguard.common.web;

/**
 * The error codes every bikeguard HTTP API answers with, in the {@code code} field of
 * {@code {"code","message","details"}} (documented in {@code docs/api.md}). A module may add codes
 * of its own for rules only it has (claims: {@code not_eligible}, {@code calendar_unknown}), but
 * never a second name for one of these. Constants only; thread-safe.
 */
public final class ErrorCodes {

    /** 400: malformed request (not JSON, not an object, a missing query parameter). */
    public static final String BAD_REQUEST = "bad_request";
    /** 400: well-formed, but a value breaks a rule; {@code details.field} says which, when one does. */
    public static final String VALIDATION = "validation";
    /** 401: no, bad or expired credentials. */
    public static final String UNAUTHORIZED = "unauthorized";
    /** 403: authenticated, but the caller may not do this. */
    public static final String FORBIDDEN = "forbidden";
    /** 404: no such resource or route. */
    public static final String NOT_FOUND = "not_found";
    /** 405: the path exists, the method does not. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** 409: the resource exists already, or its state forbids the change. */
    public static final String CONFLICT = "conflict";
    /** 413: the request body is larger than the route accepts ({@code details.limitBytes}). */
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    /** 415: a {@code Content-Type} the route does not read. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** 429: an allowance of a rate limit is used up ({@code details.limit}); retry after {@code Retry-After} seconds. */
    public static final String RATE_LIMITED = "rate_limited";
    /** Any other 4xx the HTTP stack answers by itself (the status says which). */
    public static final String CLIENT_ERROR = "client_error";
    /** 500: a bug on our side; logged with its stack trace under {@code details.incident}. */
    public static final String INTERNAL = "internal";
    /** 502: a service we depend on failed or answered nonsense. */
    public static final String UPSTREAM = "upstream";
    /** 503: busy (a worker queue is full); retry shortly. */
    public static final String UNAVAILABLE = "unavailable";

    private ErrorCodes() {}
}
