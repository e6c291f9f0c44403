package org.bikeguard.testkit;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.tracker.registry.IdNumbers;

/**
 * Test data for the registry, made through the tracker's public API: valid and distinct Chinese ID
 * numbers and mobile numbers, owners (who can log in with their phone), bike registrations with
 * fresh plates and frame numbers. Thread-safe.
 */
public final class RegistryFixtures {

    /** The password of owners made by {@link #owner}. */
    public static final String OWNER_PASSWORD = "owner-password-1";

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private RegistryFixtures() {}

    /** An owner created through the API, with the id and a token of their login. */
    public record TestOwner(long id, String phone, String idNumber, String token) {}

    /** A valid ID number, different on each call (birth date in March 1990, serial varies). */
    public static String newIdNumber() {
        String body = String.format("430402199003%02d%03d", 7 + SERIAL.get() % 20, SERIAL.incrementAndGet() % 1000);
        return body + IdNumbers.checkChar(body);
    }

    /** A fresh mobile number. */
    public static String newPhone() {
        return String.format("139%08d", SERIAL.incrementAndGet() * 7919 % 100_000_000);
    }

    /** A registration body for a bike of {@code ownerId} with {@code tag} and a fresh plate and frame number. */
    public static JsonObject bikeBody(long ownerId, String tag) {
        int n = SERIAL.incrementAndGet();
        return new JsonObject()
                .put("ownerId", ownerId)
                .put("tag", tag)
                .put("plate", "湘D·" + (10000 + n))
                .put("frameNo", "LYD" + (1000000 + n))
                .put("motorNo", "M" + n)
                .put("batterySerial", "B" + n)
                .put("brand", "Yadea")
                .put("colour", "white")
                .put("purchaseDate", "2025-10-01")
                .put("purchasePriceFen", 329900);
    }

    /** Creates an owner called {@code name} as {@code staff}'s user; the owner logs in with {@link #OWNER_PASSWORD}. */
    public static TestOwner owner(HttpTestClient staff, String name) {
        String phone = newPhone();
        String id = newIdNumber();
        HttpTestClient.Response r = staff.json(
                "POST",
                "/api/v1/owners",
                new JsonObject()
                        .put("name", name)
                        .put("idNumber", id)
                        .put("phone", phone)
                        .put("password", OWNER_PASSWORD));
        if (r.status() != 201) {
            throw new AssertionError("creating owner failed: " + r);
        }
        return new TestOwner(
                r.json().getLong("id"),
                phone,
                id,
                staff.withToken(null).login(phone, OWNER_PASSWORD).token());
    }

    /** Registers a bike of {@code ownerId} with {@code tag} as {@code staff}'s user; returns its id. */
    public static long bike(HttpTestClient staff, long ownerId, String tag) {
        HttpTestClient.Response r = staff.json("POST", "/api/v1/bikes", bikeBody(ownerId, tag));
        if (r.status() != 201) {
            throw new AssertionError("registering bike failed: " + r);
        }
        return r.json().getLong("id");
    }
}
