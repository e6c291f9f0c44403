package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.common.web.Instants;
import org.bikeguard.common.web.Responses;

/**
 * The claims routes' field readers, in the claims' wording ({@code "key" is required}), and their
 * answer type ({@value Responses#JSON_UTF8}); bodies, ids and errors come from the shared toolkit
 * ({@code org.bikeguard.common.web}). Every failure is raised explicitly as the caller's bad input
 * (400 {@code validation}). Stateless; thread-safe.
 */
final class Http {

    private Http() {}

    /** A string field (a number is taken as its text); {@code null} when absent and not required. */
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

    /** An Asia/Shanghai date {@code yyyy-MM-dd}, or {@code null} for {@code null}. */
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

    /** An ISO-8601 instant with offset ({@link Instants#parse}), or {@code null} for {@code null}. */
    static Instant instant(String value, String key) {
        if (value == null) {
            return null;
        }
        try {
            return Instants.parse(value);
        } catch (DateTimeParseException e) {
            throw ClaimsException.invalid("\"" + key + "\" must be an ISO-8601 instant with an offset");
        }
    }

    /** A required array of strings. */
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

    /** Answers the future's JSON as {@value Responses#JSON_UTF8} with {@code status}, or fails the request. */
    static void reply(RoutingContext ctx, Future<?> f, int status) {
        Responses.reply(ctx, f, status, Responses.JSON_UTF8);
    }

    /** An optional boolean field; {@code dflt} when absent. */
    static boolean bool(JsonObject o, String key, boolean dflt) {
        Object v = o.getValue(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw ClaimsException.invalid("\"" + key + "\" must be true or false");
        }
        return b;
    }
}
