package org.bikeguard.claims.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.registry.IdNumbers;

/**
 * The registry, policy and theft-case steps of the end-to-end claims scenario, each an HTTP call
 * to the tracker's public API by the person who does it in the scheme (admin, installer, owner,
 * police). Creates its staff accounts on construction. Not thread-safe (one test class at a time).
 */
final class RegistrySteps {

    static final String OWNER_PASSWORD = "owner-passphrase-1";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final TrackerKit tracker;
    final String admin;
    final String installer;
    final String police;
    final String adjuster;

    RegistrySteps(TrackerKit tracker, String adminToken) {
        this.tracker = tracker;
        this.admin = adminToken;
        this.installer = staff("installer-e2e", "installer");
        this.police = staff("officer-e2e", "police");
        this.adjuster = staff("adjuster-e2e", "adjuster");
    }

    /** Admin creates a staff account; returns its token. */
    private String staff(String username, String role) {
        String password = role + "-passphrase-1";
        Response r = tracker.post(
                "/api/v1/users",
                admin,
                new JsonObject()
                        .put("username", username)
                        .put("password", password)
                        .put("role", role));
        assertEquals(201, r.status(), r::toString);
        return tracker.token(username, password);
    }

    void station(String id, double lon, double lat, String secret) {
        Response r = tracker.http(admin).putStation(id, id, "street", lon, lat, 60, secret);
        assertEquals(201, r.status(), r::toString);
    }

    // ------------------------------------------------------------------ the registry side

    /** An owner registered by the installer, logged in with their phone. */
    record Owner(long id, String phone, String name, String maskedIdNumber, String token) {}

    Owner registerOwner(String name, String homeStation) {
        int n = SERIAL.incrementAndGet();
        String phone = String.format("1370000%04d", n);
        String body17 = String.format("43040219900307%03d", 100 + n * 37 % 900);
        String idNumber = body17 + IdNumbers.checkChar(body17);
        JsonObject req = new JsonObject()
                .put("name", name)
                .put("idNumber", idNumber)
                .put("phone", phone)
                .put("password", OWNER_PASSWORD)
                .put("address", "蒸湘区解放大道 " + n + " 号")
                .put("residence", "owner");
        if (homeStation != null) {
            req.put("homeStation", homeStation);
        }
        Response r = tracker.post("/api/v1/owners", installer, req);
        assertEquals(201, r.status(), r::toString);
        long id = r.json().getLong("id");
        String token = tracker.token(phone, OWNER_PASSWORD);
        Response me = tracker.get("/api/v1/auth/me", token);
        assertEquals(new JsonObject().put("username", phone).put("role", "owner"), me.json());
        String masked = tracker.get("/api/v1/owners/" + id, token).json().getString("idNumber");
        assertEquals(IdNumbers.mask(idNumber), masked);
        return new Owner(id, phone, name, masked, token);
    }

    /** A bike registered by the installer with its tag fitted; returns its id. */
    long registerBike(Owner owner, String tag, LocalDate purchaseDate) {
        int n = SERIAL.incrementAndGet();
        Response r = tracker.post(
                "/api/v1/bikes",
                installer,
                new JsonObject()
                        .put("ownerId", owner.id())
                        .put("tag", tag)
                        .put("plate", "湘D·E" + (2000 + n))
                        .put("frameNo", "LYDE2E" + (100000 + n))
                        .put("brand", "Yadea")
                        .put("colour", "white")
                        .put("purchaseDate", purchaseDate.toString())
                        .put("purchasePriceFen", 329_900));
        assertEquals(201, r.status(), r::toString);
        return r.json().getLong("id");
    }

    /** The owner buys 3 years of anti-theft service from today; returns the policy. */
    JsonObject buyAntiTheft(Owner owner, long bikeId) {
        Response r = tracker.post(
                "/api/v1/policies",
                owner.token(),
                new JsonObject().put("bikeId", bikeId).put("product", "anti-theft"));
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    /** The owner reports the theft, the police confirm it with a case number; returns the case id. */
    long reportAndConfirm(Owner owner, long bikeId, Instant stolenAt, String caseNo) {
        Response reported = tracker.post(
                "/api/v1/thefts",
                owner.token(),
                new JsonObject()
                        .put("bikeId", bikeId)
                        .put("stolenAt", stolenAt.toString())
                        .put("place", "解放路口")
                        .put("description", "白色雅迪，已上锁"));
        assertEquals(201, reported.status(), reported::toString);
        long caseId = reported.json().getLong("id");
        Response confirmed =
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, new JsonObject().put("caseNo", caseNo));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("confirmed", confirmed.json().getString("status"));
        return caseId;
    }

    JsonObject claim(long id, String token) {
        Response r = tracker.get("/api/v1/claims/" + id, token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }
}
