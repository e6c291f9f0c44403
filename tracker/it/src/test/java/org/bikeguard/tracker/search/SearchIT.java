package org.bikeguard.tracker.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one search box against a whole tracker: plate (exact and by prefix), frame number, tag (now
 * and replaced), owner phone and QR certificate text (bare code or scanned link) each find the bike,
 * with the owner masked, its open case and where it was last seen (persisted or open now); bad
 * text is 400 JSON; roles; every search audited, a phone number never written to the audit log.
 */
@Timeout(120)
class SearchIT {

    private static TrackerKit tracker;
    private static String installer;
    private static String police;
    private static TestOwner owner;
    private static long bike1;
    private static long bike2;
    private static JsonObject bike1Json;

    @BeforeAll
    static void start() throws Exception {
        tracker = TrackerKit.start();
        installer = tracker.userToken("installer-s", "installer");
        police = tracker.userToken("officer-s", "police");
        assertEquals(
                201,
                tracker.http(tracker.adminToken())
                        .putStation("SR-A", "人民路口", "street", 112.57, 26.89, 50, TrackerKit.STATION_SECRET)
                        .status());
        owner = tracker.owner(installer, "张三丰");
        bike1 = tracker.bike(installer, owner.id(), "5E01");
        bike2 = tracker.bike(installer, owner.id(), "5E02");
        bike1Json = tracker.get("/api/v1/bikes/" + bike1, installer).json();
        // bike 2's tag 5E02 is replaced by 5E03: 5E02 is a former tag
        assertEquals(
                200,
                tracker.post("/api/v1/bikes/" + bike2 + "/tag", installer, new JsonObject().put("tag", "5E03"))
                        .status());
        Instant now = tracker.clock().instant();
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi) VALUES (?, 'SR-A', ?, ?, 2, -60)")) {
            st.setLong(1, 0x5E01L);
            st.setObject(2, OffsetDateTime.ofInstant(now.minus(Duration.ofHours(2)), ZoneOffset.UTC));
            st.setObject(3, OffsetDateTime.ofInstant(now.minus(Duration.ofMinutes(110)), ZoneOffset.UTC));
            st.executeUpdate();
        }
        Response r = tracker.post(
                "/api/v1/thefts",
                owner.token(),
                new JsonObject()
                        .put("bikeId", bike1)
                        .put("stolenAt", now.minus(Duration.ofHours(1)).toString())
                        .put("place", "人民路口"));
        assertEquals(201, r.status(), r.body());
        tracker.publish("SR-A", 1, "[" + JsonFrames.read("5E03", tracker.clock().millis(), false) + "]");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static JsonArray search(String q) {
        Response r = tracker.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), police);
        assertEquals(200, r.status(), q + ": " + r.body());
        return r.json().getJsonArray("results");
    }

    private static JsonObject only(String q) {
        JsonArray a = search(q);
        assertEquals(1, a.size(), q + ": " + a.encode());
        return a.getJsonObject(0);
    }

    @Test
    void aPlateFindsTheBikeWithItsOwnerMaskedItsOpenCaseAndWhereItWasLastSeen() {
        String plate = bike1Json.getString("plate");
        JsonObject hit = only(plate.substring(0, 2) + "·" + plate.substring(2).toLowerCase());
        assertEquals("plate", hit.getString("kind"));
        assertEquals(bike1, hit.getLong("bikeId"));
        assertEquals("5E01", hit.getString("tag"));
        assertEquals("张**", hit.getJsonObject("owner").getString("name"));
        String phone = hit.getJsonObject("owner").getString("phone");
        assertEquals(owner.phone().substring(0, 3) + "****" + owner.phone().substring(7), phone);
        assertFalse(hit.encode().contains(owner.phone()), "the phone is masked");
        assertEquals("reported", hit.getJsonObject("openCase").getString("status"));
        assertEquals("SR-A", hit.getJsonObject("lastSeen").getString("station"));
        assertEquals("人民路口", hit.getJsonObject("lastSeen").getString("stationName"));
        assertFalse(hit.getJsonObject("lastSeen").getBoolean("open"));
        // by prefix: the canonical plate without its last two characters
        JsonArray prefix = search(plate.substring(0, plate.length() - 2));
        assertTrue(prefix.stream().anyMatch(o -> ((JsonObject) o).getLong("bikeId") == bike1), prefix.encode());
    }

    @Test
    void frameNumberTagsPhoneAndQrTextFindTheirBikes() {
        assertEquals(
                "frameNo", only(bike1Json.getString("frameNo").toLowerCase()).getString("kind"));
        JsonObject byTag = only("5e01");
        assertEquals("tag", byTag.getString("kind"));
        assertEquals(bike1, byTag.getLong("bikeId"));
        JsonObject former = only("5E02");
        assertEquals("formerTag", former.getString("kind"));
        assertEquals(bike2, former.getLong("bikeId"));
        assertEquals("5E03", former.getString("tag"));
        assertNull(former.getValue("openCase"));
        JsonArray byPhone = search(owner.phone());
        assertEquals(2, byPhone.size(), byPhone.encode());
        assertEquals("phone", byPhone.getJsonObject(0).getString("kind"));
        String code = bike1Json.getString("certificateCode");
        assertEquals("certificate", only(code.toLowerCase()).getString("kind"));
        JsonObject scanned = only("https://bikeguard.example/api/v1/public/certificates/" + code + "?from=qr");
        assertEquals("certificate", scanned.getString("kind"));
        assertEquals(bike1, scanned.getLong("bikeId"));
        assertEquals(0, search("湘Z·99999").size(), "nothing found is an empty list");
    }

    @Test
    void aTagPassingNowIsLastSeenOpen() {
        JsonObject hit = Poll.until(
                Duration.ofSeconds(10),
                "the open sighting of 5E03",
                () -> only("5E03"),
                h -> h.getJsonObject("lastSeen") != null);
        assertEquals("SR-A", hit.getJsonObject("lastSeen").getString("station"));
        assertTrue(hit.getJsonObject("lastSeen").getBoolean("open"));
    }

    @Test
    void badTextIs400JsonAndOnlyPoliceAndAdminMaySearch() {
        for (String q : List.of("", "%20%20", "x".repeat(201), "%01abc")) {
            Response r = tracker.get("/api/v1/search?q=" + q, police);
            assertEquals(400, r.status(), q + ": " + r.body());
            assertEquals("validation", r.json().getString("code"), r.body());
        }
        assertEquals(400, tracker.get("/api/v1/search", police).status());
        assertEquals(403, tracker.get("/api/v1/search?q=5E01", installer).status());
        assertEquals(403, tracker.get("/api/v1/search?q=5E01", owner.token()).status());
        assertEquals(
                200, tracker.get("/api/v1/search?q=5E01", tracker.adminToken()).status());
    }

    @Test
    void everySearchIsAuditedWithoutThePhoneNumber() throws Exception {
        search("5E01");
        search(owner.phone());
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT details::text FROM audit_log"
                        + " WHERE action = 'search' AND username = 'officer-s' ORDER BY id DESC LIMIT 2");
                ResultSet rs = st.executeQuery()) {
            assertTrue(rs.next());
            JsonObject phone = new JsonObject(rs.getString(1));
            assertFalse(phone.encode().contains(owner.phone()), phone.encode());
            assertEquals(new JsonArray().add("phone"), phone.getJsonArray("kinds"));
            assertEquals(2, phone.getJsonArray("bikes").size());
            assertTrue(rs.next());
            JsonObject tag = new JsonObject(rs.getString(1));
            assertEquals("5E01", tag.getString("q"));
            assertEquals(bike1, tag.getJsonArray("bikes").getLong(0), tag.encode());
        }
    }
}
