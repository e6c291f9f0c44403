package org.bikeguard.tracker.registry;

import java.util.Map;

/**
 * A registry or theft-case rule the caller broke: {@link Kind} says which kind of answer it
 * deserves (400, 404, 409). The message is safe to show; it never contains an ID number.
 * Immutable.
 */
public final class RegistryException extends RuntimeException {

    /** Whose fault and which answer. */
    public enum Kind {
        /** 400: a value breaks a rule. */
        INVALID,
        /** 404: no such thing (or not the caller's). */
        NOT_FOUND,
        /** 409: the thing is in a state that forbids this, or already exists. */
        CONFLICT
    }

    private final Kind kind;
    private final Map<String, Object> details;

    public RegistryException(Kind kind, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.kind = kind;
        this.details = details == null ? Map.of() : Map.copyOf(details);
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

    public Map<String, Object> details() {
        return details;
    }
}
