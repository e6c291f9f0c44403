package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/** 403 {@code forbidden}: authenticated, but the caller's role may not do this. Immutable; thread-safe. */
public class ForbiddenException extends ApiException {

    /** @param details e.g. {@code {"role"}}; may be {@code null} */
    public ForbiddenException(String message, JsonObject details) {
        super(403, ErrorCodes.FORBIDDEN, message, details);
    }
}
