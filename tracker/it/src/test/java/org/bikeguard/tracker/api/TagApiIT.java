package org.bikeguard.tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.correlate.ReadBatch;
import org.bikeguard.tracker.trajectory.Geodesic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TagApiIT {

    private static final String SECRET = "station-secret-0001";
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final long MIN = 60_000;
    private static final String WINDOW = "from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";

    private static TrackerKit tracker;
    private static String admin;
    private static String police;
    private static Stn a;
    private static Stn b;
    private static Stn c;

    /** A station as the API created it: its id and dense index. */
    private record Stn(String id, int idx) {}

    @BeforeAll
    static void start() {
        // The engine's reads are fed straight into it, not through frames: an hour's gap keeps the
        // tracker's sweep of silent stations from closing them while the class runs.
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "3600").start();
        admin = tracker.adminToken();
        police = tracker.userToken("officer-1", "police");
        a = station("ST-A", "A", "street", 120.10, 30.20);
        b = station("ST-B", "B", "street", 120.11, 30.20);
        c = station("ST-C", "C", "intersection", 120.11, 30.21);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static Stn station(String id, String name, String kind, double lon, double lat) {
        Response r = tracker.http(admin).putStation(id, name, kind, lon, lat, 50, SECRET);
        assertEquals(201, r.status(), r.body());
        return new Stn(id, r.json().getInteger("idx"));
    }

    private static void dbSighting(long tag, Stn s, long firstMs, long lastMs, long reads, int rssi) throws Exception {
        try (Connection conn = tracker.database().dataSource().getConnection();
                PreparedStatement st = conn.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, tag);
            st.setString(2, s.id());
            st.setObject(3, OffsetDateTime.ofInstant(T0.plusMillis(firstMs), ZoneOffset.UTC));
            st.setObject(4, OffsetDateTime.ofInstant(T0.plusMillis(lastMs), ZoneOffset.UTC));
            st.setLong(5, reads);
            st.setInt(6, rssi);
            st.executeUpdate();
        }
    }

    private static void engineReads(long tag, Stn s, long... offsetsMs) throws Exception {
        ReadBatch batch = new ReadBatch(offsetsMs.length);
        for (long off : offsetsMs) {
            batch.add(tag, s.idx(), T0.toEpochMilli() + off, 1, -50, 0);
        }
        tracker.app().engine().apply(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonArray sightings(String tagPath, String query, String token) {
        Response r = tracker.get("/api/v1/tags/" + tagPath + "/sightings?" + query, token);
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("sightings");
    }

    @Test
    void sightingsMergeDatabaseRowsWithTheEnginesCopyWinningInTimeOrder() throws Exception {
        long tag = 0xE2000017L;
        dbSighting(tag, a, 0, 2 * MIN, 3, -70); // closed, persisted
        dbSighting(tag, b, 10 * MIN, 10 * MIN + 10_000, 2, -60); // persisted, still in the engine and extended since
        engineReads(tag, b, 10 * MIN, 10 * MIN + 10_000, 10 * MIN + 20_000); // within the 30 s gap: one sighting
        engineReads(tag, c, 5 * MIN); // only in the engine

        Response r = tracker.get("/api/v1/tags/00e2000017/sightings?" + WINDOW + "&caseNo=HZ-2026-0001", police);
        assertEquals(200, r.status(), r.body());
        assertEquals("E2000017", r.json().getString("tag"));
        JsonArray s = r.json().getJsonArray("sightings");
        assertEquals(3, s.size(), s.encode());
        assertEquals("ST-A", s.getJsonObject(0).getString("station"));
        assertEquals("2026-11-20T08:00:00.000Z", s.getJsonObject(0).getString("firstSeen"));
        assertEquals("2026-11-20T08:02:00.000Z", s.getJsonObject(0).getString("lastSeen"));
        assertEquals(3, s.getJsonObject(0).getLong("reads"));
        assertEquals(-70, s.getJsonObject(0).getInteger("peakRssi"));
        assertEquals(false, s.getJsonObject(0).getBoolean("open"));
        assertEquals("ST-C", s.getJsonObject(1).getString("station"));
        JsonObject merged = s.getJsonObject(2);
        assertEquals("ST-B", merged.getString("station"));
        assertEquals(3, merged.getLong("reads"), "the engine's copy wins");
        assertEquals("2026-11-20T08:10:20.000Z", merged.getString("lastSeen"));
        assertEquals(true, merged.getBoolean("open"));
    }

    @Test
    void onlySightingsOverlappingTheHalfOpenWindowAreReturned() throws Exception {
        long tag = 0xABCL;
        dbSighting(tag, a, 0, 10 * MIN, 1, -50); // overlaps 08:05 from its start
        dbSighting(tag, b, 20 * MIN, 30 * MIN, 1, -50); // starts exactly at 'to': excluded
        dbSighting(tag, c, -10 * MIN, -5 * MIN, 1, -50); // ends before 'from': excluded
        JsonArray s = sightings("abc", "from=2026-11-20T08:05:00Z&to=2026-11-20T08:20:00Z", admin);
        assertEquals(1, s.size(), s.encode());
        assertEquals("ST-A", s.getJsonObject(0).getString("station"));
        JsonArray edge = sightings("ABC", "from=2026-11-20T08:10:00Z&to=2026-11-20T08:20:00Z", admin);
        assertEquals(1, edge.size(), "lastSeen == from overlaps");
    }

    @Test
    void offsetsInTheQueryAreAcceptedEncodedOrNot() throws Exception {
        long tag = 0xDEFL;
        dbSighting(tag, a, 0, MIN, 1, -50);
        assertEquals(
                1,
                sightings("DEF", "from=2026-11-20T16:00:00%2B08:00&to=2026-11-20T17:00:00%2B08:00", admin)
                        .size());
        assertEquals(
                1,
                sightings("DEF", "from=2026-11-20T16:00:00+08:00&to=2026-11-20T17:00:00+08:00", admin)
                        .size());
    }

    @Test
    void windowLongerThan31DaysOrMissingOrReversedGets400() {
        String base = "/api/v1/tags/E2/sightings?";
        Response tooLong = tracker.get(base + "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:01Z", admin);
        assertEquals(400, tooLong.status());
        assertEquals("validation", tooLong.json().getString("code"));
        assertEquals(
                200,
                tracker.get(base + "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z", admin)
                        .status(),
                "exactly 31 days is allowed");
        Response noFrom = tracker.get(base + "to=2026-11-01T00:00:00Z", admin);
        assertEquals(400, noFrom.status());
        assertEquals("from", noFrom.json().getJsonObject("details").getString("field"));
        assertEquals(400, tracker.get(base + "from=2026-11-01T00:00:00Z", admin).status());
        assertEquals(
                400,
                tracker.get(base + "from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", admin)
                        .status());
        assertEquals(
                400,
                tracker.get(base + "from=2026-11-01T00:00:00&to=2026-11-02T00:00:00", admin)
                        .status(),
                "an instant needs an offset");
        assertEquals(
                400, tracker.get("/api/v1/tags/XYZ/sightings?" + WINDOW, admin).status());
        assertEquals(
                400,
                tracker.get("/api/v1/tags/12345678901234567/sightings?" + WINDOW, admin)
                        .status());
    }

    @Test
    void rolesOtherThanAdminAndPoliceGet403() {
        String adjuster = tracker.userToken("adjuster-9", "adjuster");
        assertEquals(
                403,
                tracker.get("/api/v1/tags/E2/sightings?" + WINDOW, adjuster).status());
        assertEquals(
                403,
                tracker.get("/api/v1/tags/E2/trajectory?" + WINDOW, adjuster).status());
    }

    @Test
    void everyQueryIsAuditedWithUserRoleCanonicalTagAndCaseNumber() throws Exception {
        sightings("0000fee1", WINDOW + "&caseNo=HZ-2026-0042", police);
        tracker.get("/api/v1/tags/FEE1/trajectory?" + WINDOW, admin);
        try (Connection conn = tracker.database().dataSource().getConnection();
                PreparedStatement st = conn.prepareStatement(
                        "SELECT username, role, action, case_no, details->>'from' FROM audit_log WHERE subject = ? ORDER BY id")) {
            st.setString(1, "FEE1");
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("officer-1", rs.getString(1));
                assertEquals("police", rs.getString(2));
                assertEquals("tag.sightings", rs.getString(3));
                assertEquals("HZ-2026-0042", rs.getString(4));
                assertEquals("2026-11-20T00:00:00.000Z", rs.getString(5));
                assertTrue(rs.next());
                assertEquals("tag.trajectory", rs.getString(3));
                assertNull(rs.getString(4));
            }
        }
    }

    @Test
    void trajectoryThroughThreeStationsIsALineStringWithGeodesicLength() throws Exception {
        long tag = 0x7001L;
        dbSighting(tag, a, 0, MIN, 5, -50);
        dbSighting(tag, b, 3 * MIN, 4 * MIN, 5, -50);
        dbSighting(tag, c, 6 * MIN, 7 * MIN, 5, -50);
        Response r = tracker.get("/api/v1/tags/7001/trajectory?" + WINDOW + "&caseNo=HZ-2026-0001", police);
        assertEquals(200, r.status(), r.body());
        assertEquals("application/geo+json", r.contentType());
        JsonObject f = r.json();
        assertEquals("LineString", f.getJsonObject("geometry").getString("type"));
        assertEquals(
                new JsonArray()
                        .add(new JsonArray().add(120.10).add(30.20))
                        .add(new JsonArray().add(120.11).add(30.20))
                        .add(new JsonArray().add(120.11).add(30.21)),
                f.getJsonObject("geometry").getJsonArray("coordinates"));
        JsonObject p = f.getJsonObject("properties");
        assertEquals(new JsonArray().add("ST-A").add("ST-B").add("ST-C"), p.getJsonArray("stations"));
        double expected =
                Geodesic.distanceM(120.10, 30.20, 120.11, 30.20) + Geodesic.distanceM(120.11, 30.20, 120.11, 30.21);
        assertEquals(Math.round(expected * 10) / 10.0, p.getDouble("lengthM"));
        assertEquals(2, p.getJsonArray("speedsKmh").size());
        assertEquals("2026-11-20T08:00:00.000Z", p.getString("from"));
        assertEquals("2026-11-20T08:07:00.000Z", p.getString("to"));
    }

    @Test
    void trajectoryOfOneSightingIsAPoint() throws Exception {
        dbSighting(0x7002L, b, 0, MIN, 5, -50);
        JsonObject f = tracker.get("/api/v1/tags/7002/trajectory?" + WINDOW + "&caseNo=HZ-2026-0001", police)
                .json();
        assertEquals("Point", f.getJsonObject("geometry").getString("type"));
        assertEquals(
                new JsonArray().add(120.11).add(30.20),
                f.getJsonObject("geometry").getJsonArray("coordinates"));
        assertEquals(0.0, f.getJsonObject("properties").getDouble("lengthM"));
    }

    @Test
    void trajectoryWithoutSightingsGets404() {
        Response r = tracker.get("/api/v1/tags/7003/trajectory?" + WINDOW + "&caseNo=HZ-2026-0001", police);
        assertEquals(404, r.status());
        assertEquals("not_found", r.json().getString("code"));
    }
}
