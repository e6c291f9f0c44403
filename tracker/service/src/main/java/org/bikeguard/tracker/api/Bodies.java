package org.bikeguard.tracker.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading and checking JSON request bodies; failures are 400/415 {@link ApiException}s. Stateless. */
final class Bodies {

    private Bodies() {
    }

    /** The body as a JSON object; 415 unless JSON, 400 when empty or malformed. */
    static JsonObject jsonObject(RoutingContext ctx) {
        String type = mediaType(ctx);
        if (type != null && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new ApiException.UnsupportedMediaTypeException("expected Content-Type application/json, got " + type,
                    new JsonObject().put("contentType", type));
        }
        Buffer b = ctx.body().buffer();
        if (b == null || b.length() == 0) {
            throw new ApiException.BadRequestException("a JSON object body is required");
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(b);
            if (v instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            throw new ApiException.BadRequestException("the body is not valid JSON");
        }
        throw new ApiException.BadRequestException("the body must be a JSON object");
    }

    /** The request's media type, lower case without parameters, or {@code null}. */
    static String mediaType(RoutingContext ctx) {
        String h = ctx.request().getHeader("Content-Type");
        if (h == null || h.isBlank()) {
            return null;
        }
        int semi = h.indexOf(';');
        return (semi < 0 ? h : h.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    static String string(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof String s)) {
            throw invalid(field, v == null ? "is required" : "must be a string");
        }
        return s;
    }

    static String optionalString(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw invalid(field, "must be a string");
        }
        return (String) v;
    }

    static double number(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Number n)) {
            throw invalid(field, v == null ? "is required" : "must be a number");
        }
        return n.doubleValue();
    }

    static int integer(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw invalid(field, v == null ? "is required" : "must be an integer");
        }
        return n.intValue();
    }

    static ApiException invalid(String field, String problem) {
        return new ApiException.ValidationException(field + " " + problem, new JsonObject().put("field", field));
    }
}
