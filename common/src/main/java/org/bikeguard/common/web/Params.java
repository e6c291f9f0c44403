package org.bikeguard.common.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reading request parameters (query and path): instants, bounded numbers and ids. Failures are
 * {@link BadInputException}s naming the parameter ({@code details.field}), or a
 * {@link NotFoundException} for a path id that cannot name anything. Stateless; thread-safe.
 */
public final class Params {

    private Params() {}

    /**
     * A required query parameter holding an ISO-8601 instant with offset ({@link Instants#parse}):
     * 400 {@code bad_request} when missing, 400 {@code validation} when malformed.
     */
    public static Instant instant(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            throw BadInputException.malformed(
                    "query parameter " + name + " is required (an ISO-8601 instant with offset)",
                    new JsonObject().put("field", name));
        }
        try {
            return Instants.parse(v);
        } catch (DateTimeParseException e) {
            throw BadInputException.invalid(name, Instants.EXPECTED);
        }
    }

    /** An optional whole-number query parameter within {@code min..max}; {@code dflt} when absent. */
    public static long optionalLong(RoutingContext ctx, String name, long dflt, long min, long max) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        long x;
        try {
            x = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw BadInputException.invalid(name, "must be an integer");
        }
        if (x < min || x > max) {
            throw BadInputException.invalid(name, "must be within " + min + ".." + max);
        }
        return x;
    }

    /** {@code text} as a positive id (1..2^63-1), or -1 when it is not one. */
    public static long positiveId(String text) {
        if (text == null) {
            return -1;
        }
        try {
            long id = Long.parseLong(text);
            return id > 0 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A path parameter naming a resource by its positive numeric id; anything else names nothing:
     * 404 {@code "no <what> <value>"}, details {@code {"id": value}}.
     */
    public static long pathId(RoutingContext ctx, String name, String what) {
        String v = ctx.pathParam(name);
        long id = positiveId(v);
        if (id < 0) {
            throw new NotFoundException("no " + what + " " + v, new JsonObject().put("id", v));
        }
        return id;
    }
}
