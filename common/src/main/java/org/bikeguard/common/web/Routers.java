package org.bikeguard.common.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Router assembly: the body handler with a limit that a 413 answer can name, and the error
 * handlers every API router ends with. Stateless; thread-safe.
 */
public final class Routers {

    /** Routing-context key under which {@link #bodyHandler} records its limit (a {@code Long}, bytes). */
    public static final String BODY_LIMIT_KEY = "bikeguard.bodyLimitBytes";

    private Routers() {}

    /**
     * Reads the whole request body (not to disk), at most {@code limitBytes} bytes; a larger body
     * fails the request with 413, answered by {@link ApiErrors} with the limit in
     * {@code details.limitBytes}.
     */
    public static Handler<RoutingContext> bodyHandler(long limitBytes) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(limitBytes);
        return ctx -> {
            ctx.put(BODY_LIMIT_KEY, limitBytes);
            body.handle(ctx);
        };
    }

    /**
     * Ends {@code r} with the error contract: {@code failureHandler} for every failure, 404
     * {@code not_found} naming method and path for a request no route matched, 405
     * {@code method_not_allowed}, and the failure handler again for a bare 500.
     *
     * @param failureHandler usually {@link ApiErrors#handler()}
     */
    public static void endWithErrors(Router r, Handler<RoutingContext> failureHandler) {
        r.route().failureHandler(failureHandler);
        r.errorHandler(
                404,
                ctx -> ApiErrors.respond(
                        ctx,
                        new NotFoundException(
                                "no route for " + ctx.request().method() + " "
                                        + ctx.request().path(),
                                null)));
        r.errorHandler(405, ctx -> ApiErrors.respond(ctx, ApiErrors.fromStatus(405, ctx)));
        r.errorHandler(500, failureHandler);
    }
}
