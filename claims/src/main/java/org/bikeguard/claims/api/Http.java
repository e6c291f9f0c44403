package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.claims.ClaimsException;

/** Request parsing and response helpers shared by the route classes. Stateless; thread-safe. */
final class Http {

    private Http() {
    }

    /** The JSON object body; 400 when absent or not an object. */
    static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject o = ctx.body().asJsonObject();
            if (o == null) {
                throw ClaimsException.malformed("a JSON object body is required");
            }
            return o;
        } catch (RuntimeException e) {
            if (e instanceof ClaimsException ce) {
                throw ce;
            }
            throw ClaimsException.malformed("the body is not a JSON object");
        }
    }

    /** The JSON object body, or an empty object when there is no body. */
    static JsonObject optionalBody(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().length() <= 0 ? new JsonObject() : body(ctx);
    }

    /** A numeric path parameter; 404 when not a number (no such resource). */
    static long id(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ClaimsException.notFound(name + " " + ctx.pathParam(name));
        }
    }

    static String string(JsonObject o, String key, boolean required) {
        Object v = o.getValue(key);
        if (v == null) {
            if (required) {
                throw ClaimsException.invalid("\"" + key + "\" is required");
            }
            return null;
        }
        if (v instanceof Number || v instanceof String) {
            return v.toString();
        }
        throw ClaimsException.invalid("\"" + key + "\" must be a string");
    }

    static LocalDate date(String value, String key) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ClaimsException.invalid("\"" + key + "\" must be a date like 2026-09-18");
        }
    }

    static Instant instant(String value, String key) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ClaimsException.invalid("\"" + key + "\" must be an ISO-8601 instant with an offset");
        }
    }

    static List<String> strings(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof JsonArray a)) {
            throw ClaimsException.invalid("\"" + key + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object x : a) {
            if (!(x instanceof String s)) {
                throw ClaimsException.invalid("\"" + key + "\" must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** Answers with the future's JSON and {@code status}, or fails the context. */
    static void reply(RoutingContext ctx, Future<?> f, int status) {
        f.onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Object v = ar.result();
            String body = v instanceof JsonObject jo ? jo.encode() : v instanceof JsonArray ja ? ja.encode()
                    : new JsonObject().encode();
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
        });
    }

    /** Runs {@code handler}, turning a synchronous exception into a failure of the context. */
    static void guard(RoutingContext ctx, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            ctx.fail(e);
        }
    }
}
