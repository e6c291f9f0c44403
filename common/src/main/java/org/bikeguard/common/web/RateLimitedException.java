package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/**
 * 429 {@code rate_limited}: the caller used up an allowance of a {@link RateLimiter}.
 * {@link ApiErrors} adds {@code Retry-After} (whole seconds); the details name the limit and
 * repeat the wait as {@code retryAfterS}. Immutable; thread-safe.
 */
public final class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    /**
     * @param limit             the limit's name
     * @param retryAfterSeconds seconds until the next request may pass, at least 1
     */
    public RateLimitedException(String limit, long retryAfterSeconds) {
        super(
                429,
                ErrorCodes.RATE_LIMITED,
                "too many requests; retry after " + Math.max(1, retryAfterSeconds) + " s",
                new JsonObject().put("limit", limit).put("retryAfterS", Math.max(1, retryAfterSeconds)));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds until the next request may pass (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
