package org.bikeguard.common.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure mapper of the bikeguard HTTP APIs: turns every failure of a request into the
 * JSON error record {@code {"code","message","details"}} ({@link ErrorCodes}).
 * <ul>
 * <li>an {@link ApiException} anywhere in the cause chain keeps its status, code and details;</li>
 * <li>a bare status from the HTTP stack (a Vert.x {@link HttpException} or {@code ctx.fail(413)}):
 * 400 {@code bad_request}, 401 {@code unauthorized}, 403 {@code forbidden}, 404 {@code not_found},
 * 405 {@code method_not_allowed}, 413 {@code payload_too_large} (with the route's limit when
 * {@link Routers#bodyHandler} set it), 415 {@code unsupported_media_type}, any other 4xx
 * {@code client_error};</li>
 * <li>anything else (a stray {@link IllegalArgumentException}, a {@link NullPointerException}, a
 * 5xx status) is a bug: 500 {@code internal} with a fresh incident id in
 * {@code details.incident}, logged at error with the stack trace under the same id. The
 * failure's message never reaches the answer.</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class ApiErrors {

    /** The {@code Content-Type} of error answers unless a handler is made with another. */
    public static final String CONTENT_TYPE = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    /** The failure handler, answering {@value #CONTENT_TYPE}. */
    public static Handler<RoutingContext> handler() {
        return handler(CONTENT_TYPE);
    }

    /** The failure handler, answering with the given {@code Content-Type} (a JSON type). */
    public static Handler<RoutingContext> handler(String contentType) {
        return ctx -> handle(ctx, contentType);
    }

    private static void handle(RoutingContext ctx, String contentType) {
        ApiException e = toApi(ctx.failure(), ctx.statusCode(), ctx);
        if (e.status() == 500) {
            LOG.error(
                    "request failed [incident: {}, method: {}, path: {}]",
                    e.details().getString("incident"),
                    ctx.request().method(),
                    ctx.request().path(),
                    ctx.failure());
        } else if (e.status() >= 500) {
            LOG.warn(
                    "request not served [method: {}, path: {}, status: {}, code: {}, message: {}]",
                    ctx.request().method(),
                    ctx.request().path(),
                    e.status(),
                    e.code(),
                    e.getMessage());
        } else {
            LOG.debug(
                    "request rejected [method: {}, path: {}, status: {}, code: {}]",
                    ctx.request().method(),
                    ctx.request().path(),
                    e.status(),
                    e.code());
        }
        respond(ctx, e, contentType);
    }

    /** Answers the request with {@code e} as {@value #CONTENT_TYPE}. */
    public static void respond(RoutingContext ctx, ApiException e) {
        respond(ctx, e, CONTENT_TYPE);
    }

    /**
     * Answers the request with {@code e}: no-op when the answer has already ended, a reset when
     * its head is already written (a body cannot be replaced halfway).
     */
    public static void respond(RoutingContext ctx, ApiException e, String contentType) {
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
        if (e instanceof RateLimitedException limited) {
            r.putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        r.setStatusCode(e.status()).putHeader("Content-Type", contentType).end(e.encode());
    }

    /**
     * Maps a failure, or a bare status code when {@code failure} is null, to the error to answer.
     *
     * @param ctx the request, for the body limit of a 413; may be {@code null}
     */
    public static ApiException toApi(Throwable failure, int status, RoutingContext ctx) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ApiException a) {
                return a;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        if (failure instanceof HttpException h) {
            return fromStatus(h.getStatusCode(), ctx);
        }
        if (failure == null) {
            return fromStatus(status, ctx);
        }
        return internal();
    }

    /** The error for a bare HTTP status the HTTP stack chose; 5xx and non-errors are bugs. */
    public static ApiException fromStatus(int status, RoutingContext ctx) {
        return switch (status) {
            case 400 -> BadInputException.malformed("bad request");
            case 401 -> new UnauthenticatedException("authentication required");
            case 403 -> new ForbiddenException("forbidden", null);
            case 404 -> new NotFoundException("not found", null);
            case 405 -> new ApiException(405, ErrorCodes.METHOD_NOT_ALLOWED, "method not allowed on this path", null);
            case 413 -> tooLarge(ctx);
            case 415 -> BadInputException.unsupportedMediaType("unsupported media type", null);
            default ->
                status > 400 && status < 500
                        ? new ApiException(status, ErrorCodes.CLIENT_ERROR, "request rejected", null)
                        : internal();
        };
    }

    private static ApiException tooLarge(RoutingContext ctx) {
        Object limit = ctx == null ? null : ctx.get(Routers.BODY_LIMIT_KEY);
        return limit instanceof Long l
                ? BadInputException.tooLarge(l)
                : new ApiException(413, ErrorCodes.PAYLOAD_TOO_LARGE, "the request body is too large", null);
    }

    /** 500 {@code internal} with a new incident id in {@code details.incident}. */
    public static ApiException internal() {
        return new ApiException(
                500,
                ErrorCodes.INTERNAL,
                "internal error; it has been logged",
                new JsonObject().put("incident", UUID.randomUUID().toString()));
    }
}
