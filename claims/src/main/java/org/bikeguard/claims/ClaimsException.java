package org.bikeguard.claims;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.common.web.ErrorCodes;

/**
 * A claims rule the caller broke (4xx), or a dependency's failure (502): the claims flavour of
 * the shared {@link ApiException}, answered as {@code {"code","message","details"}} in the shared
 * vocabulary ({@link ErrorCodes}) plus the claims codes {@code not_eligible} (409) and
 * {@code calendar_unknown} (422). Anything that is not an {@code ApiException} is a bug (500).
 * Immutable; thread-safe.
 */
public class ClaimsException extends ApiException {

    /**
     * @param status  HTTP status to answer with (4xx, or 502 for an upstream failure)
     * @param code    stable error code: one of {@link ErrorCodes}, or a claims code such as
     *                {@code not_eligible}
     * @param message human-readable explanation (English)
     * @param details extra structured facts; may be empty or null
     */
    public ClaimsException(int status, String code, String message, Map<String, Object> details) {
        super(status, code, message, new JsonObject(new HashMap<>(details == null ? Map.of() : Map.copyOf(details))));
    }

    /** 400 {@code validation}: a value breaks a rule or is out of range. */
    public static ClaimsException invalid(String message) {
        return new ClaimsException(400, ErrorCodes.VALIDATION, message, Map.of());
    }

    /** 400 {@code bad_request}: the request is malformed (not JSON, not an object). */
    public static ClaimsException malformed(String message) {
        return new ClaimsException(400, ErrorCodes.BAD_REQUEST, message, Map.of());
    }

    /** 400 with details. */
    public static ClaimsException invalid(String message, Map<String, Object> details) {
        return new ClaimsException(400, ErrorCodes.VALIDATION, message, details);
    }

    /** 404: no such resource (also used where revealing existence would leak data). */
    public static ClaimsException notFound(String what) {
        return new ClaimsException(404, ErrorCodes.NOT_FOUND, what + " not found", Map.of());
    }

    /** 403: authenticated but not allowed. */
    public static ClaimsException forbidden(String message) {
        return new ClaimsException(403, ErrorCodes.FORBIDDEN, message, Map.of());
    }

    /** 409: the request conflicts with the resource's current state. */
    public static ClaimsException conflict(String message, Map<String, Object> details) {
        return new ClaimsException(409, ErrorCodes.CONFLICT, message, details);
    }

    /** 502 {@code upstream}: the tracker (or another upstream) failed or answered nonsense. */
    public static ClaimsException upstream(String message) {
        return new ClaimsException(502, ErrorCodes.UPSTREAM, message, Map.of());
    }
}
