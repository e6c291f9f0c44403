package org.bikeguard.claims.fraud;

import java.util.Map;
import java.util.Objects;

/**
 * A fraud signal: a reason to send a claim to review (never to deny it automatically).
 *
 * @param code    stable code, e.g. {@code early-theft}
 * @param reason  human-readable reason (English; the console translates by code)
 * @param details facts behind the reason (times as ISO-8601 strings, distances in metres)
 */
public record Signal(String code, String reason, Map<String, Object> details) {
    public Signal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
