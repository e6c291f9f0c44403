package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The JSON of owners, bikes, events, requests and installation points, and reading their request
 * fields. Instants are ISO-8601 UTC with milliseconds, dates {@code yyyy-MM-dd} in Asia/Shanghai,
 * money in fen, tags canonical hex. Stateless; thread-safe.
 */
public final class RegistryJson {

    private RegistryJson() {}

    /**
     * An owner. {@code idNumber} is masked unless {@code reveal} (police and admin asking for it,
     * audited by the caller).
     */
    public static JsonObject owner(Owner o, boolean reveal) {
        return new JsonObject()
                .put("id", o.id())
                .put("username", o.username())
                .put("name", o.name())
                .put("idNumber", reveal ? o.idNumber() : o.idNumberMasked())
                .put("idNumberMasked", !reveal)
                .put("phone", o.phone())
                .put("address", o.address())
                .put("residence", o.residence())
                .put("homeStation", o.homeStation())
                .put("createdAt", time(o.createdAt()));
    }

    /** A bike (what any reader allowed to see it sees). */
    public static JsonObject bike(Bike b) {
        return new JsonObject()
                .put("id", b.id())
                .put("ownerId", b.ownerId())
                .put("tag", b.tag() == null ? null : TagIds.format(b.tag()))
                .put("plate", b.plate())
                .put("frameNo", b.frameNo())
                .put("motorNo", b.motorNo())
                .put("batterySerial", b.batterySerial())
                .put("brand", b.brand())
                .put("model", b.model())
                .put("colour", b.colour())
                .put("purchaseDate", b.purchaseDate().toString())
                .put("purchasePriceFen", b.purchasePriceFen())
                .put("status", b.status())
                .put("certificateCode", b.certificateCode())
                .put("installationPoint", b.installationPoint())
                .put("registeredAt", time(b.registeredAt()))
                .put("deregisteredAt", time(b.deregisteredAt()));
    }

    public static JsonObject event(BikeEvents.Event e) {
        return new JsonObject()
                .put("id", e.id())
                .put("at", time(e.at()))
                .put("kind", e.kind())
                .put("actor", e.actor())
                .put("details", e.details());
    }

    public static JsonObject request(Requests.Request r) {
        return new JsonObject()
                .put("id", r.id())
                .put("bikeId", r.bikeId())
                .put("ownerId", r.ownerId())
                .put("kind", r.kind())
                .put("reason", r.reason())
                .put("status", r.status())
                .put("createdAt", time(r.createdAt()))
                .put("handledAt", time(r.handledAt()))
                .put("handledBy", r.handledBy())
                .put("note", r.note());
    }

    public static JsonObject point(Appointments.Point p) {
        return new JsonObject()
                .put("id", p.id())
                .put("name", p.name())
                .put("address", p.address())
                .put("station", p.station())
                .put("dailyCapacity", p.dailyCapacity());
    }

    public static JsonObject appointment(Appointments.Appointment a) {
        return new JsonObject()
                .put("id", a.id())
                .put("ownerId", a.ownerId())
                .put("point", a.point())
                .put("day", a.day().toString())
                .put("note", a.note())
                .put("status", a.status())
                .put("createdAt", time(a.createdAt()));
    }

    /** Each item as JSON, in order. */
    public static <T> JsonArray array(Iterable<T> items, java.util.function.Function<T, JsonObject> f) {
        JsonArray a = new JsonArray();
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }

    /** An instant as the API writes it (ISO-8601 UTC with milliseconds), or {@code null}. */
    public static String time(Instant i) {
        return i == null ? null : IsoTimes.format(i);
    }

    /** A required whole number (JSON number or numeric string). */
    public static long longField(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw BadInputException.invalid(field, v == null ? "is required" : "must be a whole number");
    }

    /** A required tag (hex, 1..16 digits, any case). */
    public static long tagField(JsonObject o, String field) {
        String s = Bodies.string(o, field);
        if (!TagIds.isValid(s)) {
            throw BadInputException.invalid(field, "must be 1..16 hexadecimal digits");
        }
        return TagIds.parse(s);
    }

    /** A required {@code yyyy-MM-dd} date (Asia/Shanghai). */
    public static LocalDate dateField(JsonObject o, String field) {
        String s = Bodies.string(o, field);
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw BadInputException.invalid(field, "must be a date yyyy-MM-dd (Asia/Shanghai)");
        }
    }
}
