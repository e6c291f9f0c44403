package org.bikeguard.common.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reading and checking JSON request bodies and their fields. Failures are
 * {@link BadInputException}s: 415 for a {@code Content-Type} that is not JSON, 400
 * {@code bad_request} for a missing or malformed body, 400 {@code validation} naming the field
 * for a missing or mistyped field. Needs the body read first ({@link Routers#bodyHandler}).
 * Stateless; thread-safe.
 */
public final class Bodies {

    private Bodies() {}

    /**
     * The body as a JSON object: 415 when a {@code Content-Type} other than JSON
     * ({@code application/json}, {@code *+json}) is given, 400 when empty, malformed or not an object.
     */
    public static JsonObject jsonObject(RoutingContext ctx) {
        String type = mediaType(ctx);
        if (type != null && !type.equals("application/json") && !type.endsWith("+json")) {
            throw BadInputException.unsupportedMediaType(
                    "expected Content-Type application/json, got " + type, new JsonObject().put("contentType", type));
        }
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            throw BadInputException.malformed("a JSON object body is required");
        }
        try {
            Object v = Json.decodeValue(b);
            if (v instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            throw BadInputException.malformed("the body is not valid JSON");
        }
        throw BadInputException.malformed("the body must be a JSON object");
    }

    /** Like {@link #jsonObject}, but an empty object when there is no body. */
    public static JsonObject optionalJsonObject(RoutingContext ctx) {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        return b == null || b.length() == 0 ? new JsonObject() : jsonObject(ctx);
    }

    /** The request's media type, lower case without parameters, or {@code null} when none is given. */
    public static String mediaType(RoutingContext ctx) {
        String h = ctx.request().getHeader("Content-Type");
        if (h == null || h.isBlank()) {
            return null;
        }
        int semi = h.indexOf(';');
        return (semi < 0 ? h : h.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** A required string field. */
    public static String string(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof String s)) {
            throw BadInputException.invalid(field, v == null ? "is required" : "must be a string");
        }
        return s;
    }

    /** An optional string field: {@code null} when absent or JSON null. */
    public static String optionalString(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw BadInputException.invalid(field, "must be a string");
        }
        return (String) v;
    }

    /** A required number field. */
    public static double number(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Number n)) {
            throw BadInputException.invalid(field, v == null ? "is required" : "must be a number");
        }
        return n.doubleValue();
    }

    /** A required whole-number field within the {@code int} range. */
    public static int integer(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw BadInputException.invalid(field, v == null ? "is required" : "must be an integer");
        }
        return n.intValue();
    }

    /** An optional boolean field: {@code dflt} when absent or JSON null. */
    public static boolean optionalBoolean(JsonObject o, String field, boolean dflt) {
        Object v = o.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw BadInputException.invalid(field, "must be true or false");
        }
        return b;
    }

    /** A required ISO-8601 instant with offset ({@link Instants#parse}), as a string field. */
    public static Instant instant(JsonObject o, String field) {
        String s = string(o, field);
        try {
            return Instants.parse(s);
        } catch (DateTimeParseException e) {
            throw BadInputException.invalid(field, Instants.EXPECTED);
        }
    }
}
