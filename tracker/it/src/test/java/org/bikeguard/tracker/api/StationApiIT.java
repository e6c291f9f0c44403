package org.bikeguard.tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.http.HttpApiVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class StationApiIT {

    private static final String SECRET = "station-secret-0001";

    private static TrackerKit tracker;
    private static String admin;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.adminToken();
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static JsonObject body(String name, String kind, String secret) {
        JsonObject b = new JsonObject()
                .put("name", name)
                .put("kind", kind)
                .put("lon", 120.1551)
                .put("lat", 30.2741)
                .put("radiusM", 60);
        return secret == null ? b : b.put("secret", secret);
    }

    private static Response put(String id, JsonObject body) {
        return tracker.json("PUT", "/api/v1/stations/" + id, admin, body);
    }

    /** Whether the tracker lets station {@code id} connect over MQTT with {@code secret}. */
    private static boolean authenticates(String id, String secret) {
        try (TestStation s = tracker.connect(id, secret)) {
            return s.isConnected();
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /** The station as the API answers it, or null when it does not exist. */
    private static JsonObject station(String id) {
        Response r = tracker.get("/api/v1/stations/" + id, admin);
        if (r.status() == 404) {
            return null;
        }
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static int dbCount(String prefix) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM stations WHERE id LIKE '" + prefix + "%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void putCreatesWith201ThenUpdatesWithoutSecretWith200KeepingTheSecret() {
        Response created = put("PUT-1", body("Renmin", "street", SECRET));
        assertEquals(201, created.status(), created.body());
        JsonObject s = created.json();
        assertEquals("PUT-1", s.getString("id"));
        assertEquals("street", s.getString("kind"));
        assertFalse(s.containsKey("secret") || s.containsKey("secretDigest"), s.encode());

        Response updated = put("PUT-1", body("Renmin north", "intersection", null));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("Renmin north", updated.json().getString("name"));
        assertEquals(s.getInteger("idx"), updated.json().getInteger("idx"));
        assertTrue(authenticates("PUT-1", SECRET), "the secret was kept");
    }

    @Test
    void putWithInvalidKindOrMissingFieldOrShortSecretGets400() {
        Response r = put("PUT-2", body("x", "road", SECRET));
        assertEquals(400, r.status());
        assertEquals("validation", r.json().getString("code"));
        assertTrue(r.json().getString("message").startsWith("kind must be one of"), r.body());
        Response missing = put("PUT-2", body("x", "street", SECRET).put("lon", (Object) null));
        assertEquals(400, missing.status());
        assertEquals("lon", missing.json().getJsonObject("details").getString("field"));
        assertEquals(400, put("PUT-2", body("x", "street", "short")).status());
        assertEquals(400, put("PUT-2", body("x", "street", null)).status(), "a new station needs a secret");
        assertEquals(400, put("bad%20id", body("x", "street", SECRET)).status());
        assertEquals(null, station("PUT-2"));
    }

    @Test
    void listAndGetAnswerWithoutSecretsAndAsGeoJson() {
        put("LIST-1", body("One", "building", SECRET));
        JsonArray list = tracker.get("/api/v1/stations", admin).array();
        JsonObject one = list.stream()
                .map(JsonObject.class::cast)
                .filter(o -> o.getString("id").equals("LIST-1"))
                .findFirst()
                .orElseThrow();
        assertFalse(one.containsKey("secret") || one.containsKey("secretDigest"), one.encode());
        assertEquals(new JsonArray().add("secret"), one.getJsonArray("authMethods"), "how it logs in, not what with");
        assertTrue(one.getBoolean("enabled"));
        Response geo = tracker.get("/api/v1/stations?format=geojson", admin);
        assertEquals("application/geo+json", geo.contentType());
        assertEquals("FeatureCollection", geo.json().getString("type"));
        JsonObject feature = geo.json().getJsonArray("features").stream()
                .map(JsonObject.class::cast)
                .filter(f -> f.getJsonObject("properties").getString("id").equals("LIST-1"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                new JsonArray().add(120.1551).add(30.2741),
                feature.getJsonObject("geometry").getJsonArray("coordinates"));
        assertEquals(200, tracker.get("/api/v1/stations/LIST-1", admin).status());
        Response missing = tracker.get("/api/v1/stations/NOPE", admin);
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().getString("code"));
    }

    @Test
    void csvImportCreatesAllStations() throws Exception {
        String csv = "id,name,kind,lon,lat,radiusM,secret\n"
                + "CSV-1,\"Gate, east\",street,120.1,30.2,50," + SECRET + "\n"
                + "CSV-2,Mall,building,120.2,30.3,25," + SECRET + "\n";
        Response r = tracker.call(
                "POST",
                "/api/v1/stations/import",
                admin,
                "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getInteger("imported"));
        assertEquals(2, dbCount("CSV-"));
        assertEquals("Gate, east", station("CSV-1").getString("name"));
        assertTrue(authenticates("CSV-2", SECRET));
    }

    @Test
    void csvImportWithOneBadLineGets400NamingTheLineAndImportsNothing() throws Exception {
        String csv = "id,name,kind,lon,lat,radiusM,secret\n"
                + "BAD-1,One,street,120.1,30.2,50," + SECRET + "\n"
                + "BAD-2,Two,street,120.1,91,50," + SECRET + "\n";
        Response r = tracker.call(
                "POST", "/api/v1/stations/import", admin, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertEquals("validation", r.json().getString("code"));
        assertEquals("line 3", r.json().getJsonObject("details").getString("location"));
        assertTrue(r.json().getString("message").startsWith("line 3: lat"), r.body());
        assertEquals(0, dbCount("BAD-"));
        assertEquals(null, station("BAD-1"));
    }

    @Test
    void importOfANewStationWithoutSecretFailsWholeAtTheDatabaseStep() throws Exception {
        String csv = "id,name,kind,lon,lat,radiusM,secret\n"
                + "TX-1,One,street,120.1,30.2,50," + SECRET + "\n"
                + "TX-2,Two,street,120.1,30.2,50,\n";
        Response r = tracker.call(
                "POST", "/api/v1/stations/import", admin, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.body());
        assertEquals("line 3", r.json().getJsonObject("details").getString("location"));
        assertEquals(0, dbCount("TX-"), "the first line was rolled back");
    }

    @Test
    void geoJsonImportCreatesStationsAndABadFeatureGets400() throws Exception {
        JsonObject fc = new JsonObject()
                .put("type", "FeatureCollection")
                .put(
                        "features",
                        new JsonArray().add(feature("GEO-1", 120.3, 30.1)).add(feature("GEO-2", 120.4, 30.2)));
        Response ok = tracker.call(
                "POST",
                "/api/v1/stations/import",
                admin,
                "application/geo+json",
                fc.toBuffer().getBytes());
        assertEquals(200, ok.status(), ok.body());
        assertEquals(2, ok.json().getInteger("imported"));
        assertEquals(120.4, station("GEO-2").getDouble("lon"));

        fc.getJsonArray("features").add(feature("GEO-3", 200, 30));
        Response bad = tracker.call(
                "POST",
                "/api/v1/stations/import",
                admin,
                "application/json",
                fc.toBuffer().getBytes());
        assertEquals(400, bad.status());
        assertEquals("feature 3", bad.json().getJsonObject("details").getString("location"));
        assertEquals(2, dbCount("GEO-"));
    }

    private static JsonObject feature(String id, double lon, double lat) {
        return new JsonObject()
                .put("type", "Feature")
                .put(
                        "geometry",
                        new JsonObject()
                                .put("type", "Point")
                                .put("coordinates", new JsonArray().add(lon).add(lat)))
                .put(
                        "properties",
                        new JsonObject()
                                .put("id", id)
                                .put("name", id)
                                .put("kind", "installation")
                                .put("radiusM", 30)
                                .put("secret", SECRET));
    }

    @Test
    void importWithAnUnsupportedContentTypeGets415() {
        Response r = tracker.call(
                "POST", "/api/v1/stations/import", admin, "application/xml", "<x/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, r.status());
        assertEquals("unsupported_media_type", r.json().getString("code"));
    }

    @Test
    void bodyOverTenMegabytesGets413AndLaterRequestsStillWork() {
        byte[] big = new byte[(int) HttpApiVerticle.BODY_LIMIT_BYTES + 1024];
        for (int i = 0; i < 3; i++) {
            Response r = tracker.call("POST", "/api/v1/stations/import", admin, "text/csv", big);
            assertEquals(413, r.status());
            assertEquals("payload_too_large", r.json().getString("code"));
            assertEquals(200, tracker.get("/api/v1/stations", admin).status());
        }
    }
}
