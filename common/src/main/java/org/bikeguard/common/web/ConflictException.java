package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;

/**
 * 409 {@code conflict}: the resource exists already, or its current state forbids the change.
 * Immutable; thread-safe.
 */
public class ConflictException extends ApiException {

    /** @param details e.g. {@code {"status"}}; may be {@code null} */
    public ConflictException(String message, JsonObject details) {
        super(409, ErrorCodes.CONFLICT, message, details);
    }
}
