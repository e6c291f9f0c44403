package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/**
 * 404 {@code not_found}: no such resource, or one the caller may not know exists. Immutable;
 * thread-safe.
 */
public class NotFoundException extends ApiException {

    /** @param details e.g. {@code {"id"}}; may be {@code null} */
    public NotFoundException(String message, JsonObject details) {
        super(404, ErrorCodes.NOT_FOUND, message, details);
    }
}
