package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.common.web.ErrorCodes;

/**
 * A registry or theft-case rule the caller broke: {@link Kind} says whose fault and which answer
 * it deserves (400 {@code validation}, 404 {@code not_found}, 409 {@code conflict}); being an
 * {@link ApiException}, it reaches the caller as such from any route. The message is safe to
 * show; it never contains an ID number. Immutable; thread-safe.
 */
public final class RegistryException extends ApiException {

    /** Whose fault and which answer. */
    public enum Kind {
        /** 400: a value breaks a rule. */
        INVALID(400, ErrorCodes.VALIDATION),
        /** 404: no such thing (or not the caller's). */
        NOT_FOUND(404, ErrorCodes.NOT_FOUND),
        /** 409: the thing is in a state that forbids this, or already exists. */
        CONFLICT(409, ErrorCodes.CONFLICT);

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    private final Kind kind;

    /** @param details machine-readable context (e.g. {@code field}, {@code id}); may be {@code null} */
    public RegistryException(Kind kind, String message, Map<String, Object> details) {
        super(
                kind.status,
                kind.code,
                message,
                new JsonObject(new LinkedHashMap<>(details == null ? Map.of() : Map.copyOf(details))));
        this.kind = kind;
    }

    public static RegistryException invalid(String field, String problem) {
        return new RegistryException(Kind.INVALID, field + " " + problem, Map.of("field", field));
    }

    public static RegistryException notFound(String what, Object id) {
        return new RegistryException(Kind.NOT_FOUND, "no " + what + " " + id, Map.of("id", String.valueOf(id)));
    }

    public static RegistryException conflict(String message, Map<String, Object> details) {
        return new RegistryException(Kind.CONFLICT, message, details);
    }

    public Kind kind() {
        return kind;
    }
}
