package org.bikeguard.claims.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into {@code {"code","message","details"}} with the tracker's codes
 * ({@code validation}, {@code bad_request}, {@code unauthorized}, {@code forbidden},
 * {@code not_found}, {@code conflict}, ...), since both answer on one port and, embedded, this
 * handler also formats the host's authentication failures on the claims paths.
 * {@link ClaimsException}s keep their
 * status; malformed input is 400; anything unexpected is 500 {@code internal}, logged with its
 * stack trace, never echoed. Stateless; thread-safe.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** Failure handler for the claims routes. */
    public static void handle(RoutingContext ctx) {
        ClaimsException e = toClaims(ctx.failure(), ctx.statusCode());
        if (e.status() >= 500) {
            LOG.error("request failed [method: {}, path: {}, status: {}]", ctx.request().method(), ctx.request().path(),
                    e.status(), ctx.failure());
        } else {
            LOG.debug("request rejected [path: {}, status: {}, code: {}]", ctx.request().path(), e.status(), e.code());
        }
        respond(ctx, e);
    }

    /** Answers with {@code e} unless a response is already under way. */
    public static void respond(RoutingContext ctx, ClaimsException e) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        if (r.headWritten()) {
            r.reset();
            return;
        }
        JsonObject body = new JsonObject().put("code", e.code()).put("message", e.getMessage())
                .put("details", new JsonObject(new java.util.HashMap<>(e.details())));
        r.setStatusCode(e.status()).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }

    static ClaimsException toClaims(Throwable t, int status) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ClaimsException ce) {
                return ce;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        if (t instanceof DecodeException || t instanceof ClassCastException || t instanceof NumberFormatException
                || t instanceof java.time.format.DateTimeParseException) {
            return ClaimsException.malformed("malformed request: " + t.getMessage());
        }
        if (t instanceof IllegalArgumentException) {
            return ClaimsException.invalid(t.getMessage());
        }
        if (t instanceof HttpException h) {
            String code = switch (h.getStatusCode()) {
                case 400 -> "bad_request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 413 -> "payload_too_large";
                case 415 -> "unsupported_media_type";
                default -> "http-" + h.getStatusCode();
            };
            // The host's authentication fails with HttpException(401, its own exception): keep that message.
            String message = h.getStatusCode() < 500 && h.getCause() != null && h.getCause().getMessage() != null
                    ? h.getCause().getMessage() : h.getMessage();
            return new ClaimsException(h.getStatusCode(), code, message == null ? "request failed" : message, Map.of());
        }
        if (t == null && status >= 400 && status < 500) {
            return new ClaimsException(status, status == 404 ? "not_found" : "http-" + status, "request failed", Map.of());
        }
        return new ClaimsException(500, "internal", "internal error", Map.of());
    }
}
