package org.bikeguard.tracker.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.bikeguard.tracker.auth.Users;
import org.bikeguard.tracker.station.StationImportException;
import org.bikeguard.tracker.station.StationValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the JSON error record {@code {"code","message","details"}}: client
 * faults keep their 4xx status; anything unexpected becomes 500 {@code internal}, logged with its
 * stack trace, which never reaches the body. Stateless; thread-safe.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** Failure handler for the router. */
    public static void handle(RoutingContext ctx) {
        ApiException e = toApi(ctx.failure(), ctx.statusCode());
        if (e.status() >= 500 && e.status() != 503) {
            LOG.error("request failed [method: {}, path: {}, status: {}]", ctx.request().method(),
                    ctx.request().path(), e.status(), ctx.failure());
        } else {
            LOG.debug("request rejected [method: {}, path: {}, status: {}, code: {}]", ctx.request().method(),
                    ctx.request().path(), e.status(), e.code());
        }
        respond(ctx, e);
    }

    /** Answers the request with {@code e} (no-op if a response was already sent). */
    public static void respond(RoutingContext ctx, ApiException e) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        if (r.headWritten()) {
            r.reset();
            return;
        }
        if (e.status() == 413) {
            // the rest of the oversized body was never read: the connection cannot be reused
            r.putHeader("Connection", "close");
        }
        r.setStatusCode(e.status()).putHeader("Content-Type", "application/json").end(e.toJson().encode());
    }

    /** Maps a failure (or a bare status code when {@code t} is null) to an API error. */
    static ApiException toApi(Throwable t, int status) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiException a) {
                return a;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        if (t instanceof StationImportException s) {
            return new ApiException.ValidationException(s.getMessage(), new JsonObject().put("location", s.location()));
        }
        if (t instanceof StationValidationException s) {
            return new ApiException.ValidationException(s.getMessage(), null);
        }
        if (t instanceof Users.DuplicateUserException d) {
            return new ApiException.ConflictException(d.getMessage(), null);
        }
        if (t instanceof DecodeException) {
            return new ApiException.BadRequestException("the body is not valid JSON");
        }
        if (t instanceof HttpException h) {
            return fromStatus(h.getStatusCode());
        }
        if (t == null) {
            return fromStatus(status);
        }
        return internal();
    }

    /** The standard error for a bare HTTP status. */
    static ApiException fromStatus(int status) {
        return switch (status) {
            case 400 -> new ApiException.BadRequestException("bad request");
            case 401 -> new ApiException.UnauthorizedException("authentication required");
            case 403 -> new ApiException.ForbiddenException("forbidden", null);
            case 404 -> new ApiException.NotFoundException("not found", null);
            case 405 -> new ApiException(405, "method_not_allowed", "method not allowed on this path", null);
            case 413 -> new ApiException(413, "payload_too_large",
                    "the request body exceeds " + HttpApiVerticle.BODY_LIMIT_BYTES + " bytes",
                    new JsonObject().put("limitBytes", HttpApiVerticle.BODY_LIMIT_BYTES));
            case 415 -> new ApiException.UnsupportedMediaTypeException("unsupported media type", null);
            default -> status >= 400 && status < 500
                    ? new ApiException(status, "client_error", "request rejected", null)
                    : internal();
        };
    }

    private static ApiException internal() {
        return new ApiException(500, "internal", "internal error; it has been logged", null);
    }
}
