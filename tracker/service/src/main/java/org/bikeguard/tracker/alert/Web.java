package org.bikeguard.tracker.alert;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.tracker.api.ApiException;

/**
 * Small HTTP helpers shared by the alert, police and map routes: JSON answers, bounded blocking
 * work on a named worker pool, and body/parameter parsing that fails with {@link ApiException}s
 * (turned into the JSON error record by the API's failure handler). Thread-safe.
 */
public final class Web {

    /** Worker pool for the alert and police routes' JDBC work. */
    public static final String WORKER_POOL = "bikeguard-police-db";
    private static final int MAX_PENDING = 128;

    private final WorkerExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();

    /** @param executor the worker pool (closed with the verticle that created it) */
    public Web(WorkerExecutor executor) {
        this.executor = executor;
    }

    /** Runs blocking work on the pool; 503 {@code unavailable} beyond {@value #MAX_PENDING} pending tasks. */
    public <T> Future<T> blocking(Callable<T> task) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return Future.failedFuture(new ApiException(503, "unavailable", "the server is busy; retry shortly", null));
        }
        return executor.executeBlocking(task, false).andThen(ar -> pending.decrementAndGet());
    }

    /** Answers with a JSON body (no-op when the response has already ended). */
    public static void json(RoutingContext ctx, int status, Object body) {
        send(ctx, status, "application/json", Json.encode(body));
    }

    /** Answers with a text body of the given type. */
    public static void send(RoutingContext ctx, int status, String contentType, String body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }

    /** The body as a JSON object (an empty object when there is no body); 400/415 otherwise. */
    public static JsonObject body(RoutingContext ctx, boolean required) {
        String type = ctx.request().getHeader("Content-Type");
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            if (required) {
                throw new ApiException.BadRequestException("a JSON object body is required");
            }
            return new JsonObject();
        }
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new ApiException.UnsupportedMediaTypeException("expected Content-Type application/json, got " + type,
                    new JsonObject().put("contentType", type));
        }
        try {
            Object v = Json.decodeValue(b);
            if (v instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            throw new ApiException.BadRequestException("the body is not valid JSON");
        }
        throw new ApiException.BadRequestException("the body must be a JSON object");
    }

    /** A 400 {@code validation} error naming the field. */
    public static ApiException invalid(String field, String problem) {
        return new ApiException.ValidationException(field + " " + problem, new JsonObject().put("field", field));
    }

    /** An optional non-negative long query parameter. */
    public static long longParam(RoutingContext ctx, String name, long dflt, long min, long max) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long x = Long.parseLong(v.trim());
            if (x < min || x > max) {
                throw invalid(name, "must be within " + min + ".." + max);
            }
            return x;
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer");
        }
    }
}
