package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/**
 * Nobody's input was wrong, but the request cannot be served now: we are busy (503
 * {@code unavailable}, retry shortly) or a service we depend on failed (502 {@code upstream}).
 * Logged at warn, without a stack trace. Immutable; thread-safe.
 */
public class UnavailableException extends ApiException {

    private UnavailableException(int status, String code, String message, JsonObject details) {
        super(status, code, message, details);
    }

    /** 503 {@code unavailable}: a worker queue is full, or a dependency is down; retry shortly. */
    public static UnavailableException busy(String message) {
        return new UnavailableException(503, ErrorCodes.UNAVAILABLE, message, null);
    }

    /** 502 {@code upstream}: a service we call (the tracker, for claims) failed or answered nonsense. */
    public static UnavailableException upstream(String message) {
        return new UnavailableException(502, ErrorCodes.UPSTREAM, message, null);
    }
}
