package org.bikeguard.tracker.theft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TheftFlowIT {

    private static final String SECRET = "station-secret-0001";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TrackerKit tracker;
    private static String admin;
    private static String installer;
    private static String police;
    private static String adjuster;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.adminToken();
        installer = tracker.userToken("installer-t", "installer");
        police = tracker.userToken("officer-t", "police");
        adjuster = tracker.userToken("adjuster-t", "adjuster");
        station("ST-A", "A", "street", 112.57, 26.89);
        station("ST-B", "B", "street", 112.58, 26.89);
        station("ST-C", "C", "intersection", 112.58, 26.90);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static void station(String id, String name, String kind, double lon, double lat) {
        Response r = tracker.http(admin).putStation(id, name, kind, lon, lat, 50, SECRET);
        assertEquals(201, r.status(), r.body());
    }

    /** Moves a bike's registration (and its first tag binding and ownership) {@code by} into the past. */
    private static void backdate(long bikeId, Duration by) {
        try (Connection c = tracker.database().dataSource().getConnection()) {
            for (String sql : List.of(
                    "UPDATE bikes SET registered_at = registered_at - ?::interval WHERE id = ?",
                    "UPDATE tag_bindings SET bound_at = bound_at - ?::interval WHERE bike_id = ?",
                    "UPDATE ownerships SET from_at = from_at - ?::interval WHERE bike_id = ?")) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setString(1, by.toSeconds() + " seconds");
                    st.setLong(2, bikeId);
                    st.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a closed sighting straight into the {@code sightings} table. */
    private static void dbSighting(long tag, String station, Instant first, Instant last, long reads) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi) VALUES (?, ?, ?, ?, ?, -55)")) {
            st.setLong(1, tag);
            st.setString(2, station);
            st.setObject(3, OffsetDateTime.ofInstant(first, ZoneOffset.UTC));
            st.setObject(4, OffsetDateTime.ofInstant(last, ZoneOffset.UTC));
            st.setLong(5, reads);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject report(long bikeId, Instant stolenAt) {
        return new JsonObject()
                .put("bikeId", bikeId)
                .put("stolenAt", stolenAt.toString())
                .put("place", "解放路口")
                .put("description", "white Yadea, locked at the gate");
    }

    private static boolean watched(long tag) {
        return tracker.app().alerts().watchList().contains(tag);
    }

    @Test
    void reportConfirmRecoverCompilesTheTrajectorySinceTheTheftWatchesTheTagAndReleasesIt() throws Exception {
        TestOwner o = tracker.owner(installer, "失主");
        long tag = 0x7A01L;
        long bikeId = tracker.bike(installer, o.id(), "7A01");
        backdate(bikeId, Duration.ofDays(30));
        JsonObject bike = tracker.get("/api/v1/bikes/" + bikeId, o.token()).json();
        Instant now = tracker.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant stolenAt = now.minus(Duration.ofHours(3));
        dbSighting(tag, "ST-C", now.minus(Duration.ofHours(6)), now.minus(Duration.ofHours(5)), 4); // before: left out
        dbSighting(tag, "ST-A", now.minus(Duration.ofMinutes(150)), now.minus(Duration.ofMinutes(149)), 5);
        dbSighting(tag, "ST-B", now.minus(Duration.ofMinutes(120)), now.minus(Duration.ofMinutes(118)), 7);

        Response r = tracker.post("/api/v1/thefts", o.token(), report(bikeId, stolenAt));
        assertEquals(201, r.status(), r.body());
        long caseId = r.json().getLong("id");
        JsonObject reported = tracker.get("/api/v1/thefts/" + caseId, o.token()).json();
        assertEquals("reported", reported.getString("status"));
        assertNull(reported.getString("caseNo"));
        assertEquals(
                tracker.get("/api/v1/public/stolen-check?plate=" + enc(bike.getString("plate")), null)
                        .json(),
                new JsonObject().put("stolen", true));
        assertEquals(
                "stolen",
                tracker.get("/api/v1/public/certificates/" + bike.getString("certificateCode"), null)
                        .json()
                        .getString("status"));

        assertEquals(
                403,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", installer, caseNo("HY-2026-1"))
                        .status());
        assertEquals(
                403,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", o.token(), caseNo("HY-2026-1"))
                        .status());
        assertEquals(
                403,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", adjuster, caseNo("HY-2026-1"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, new JsonObject())
                        .status());
        assertFalse(watched(tag));

        Response c = tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, caseNo("HY-2026-1"));
        assertEquals(200, c.status(), c.body());
        assertEquals("confirmed", c.json().getString("status"));
        assertEquals(2, c.json().getJsonObject("evidence").getInteger("sightings"));
        Poll.until(WAIT, "the tag on the watch list", () -> watched(tag));
        assertEquals("HY-2026-1", tracker.app().alerts().watchList().get(tag).caseNo());

        JsonObject ev =
                tracker.get("/api/v1/thefts/" + caseId + "/evidence", police).json();
        JsonObject pinned = ev.getJsonArray("evidence").getJsonObject(0);
        assertEquals(stolenAt.toString().replace("Z", ".000Z"), pinned.getString("from"));
        JsonArray sightings = pinned.getJsonArray("sightings");
        assertEquals(
                List.of("ST-A", "ST-B"),
                sightings.stream()
                        .map(s -> ((JsonObject) s).getString("station"))
                        .toList());
        assertEquals("7A01", sightings.getJsonObject(0).getString("tag"));
        JsonObject traj = pinned.getJsonObject("trajectory");
        assertEquals("LineString", traj.getJsonObject("geometry").getString("type"));
        assertTrue(traj.getJsonObject("properties").getDouble("lengthM") > 900);
        assertEquals(
                403,
                tracker.get("/api/v1/thefts/" + caseId + "/evidence", o.token()).status());
        assertEquals(
                403,
                tracker.get("/api/v1/thefts/" + caseId + "/evidence", adjuster).status());

        dbSighting(tag, "ST-C", now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(29)), 2);
        JsonArray stillPinned = tracker.get("/api/v1/thefts/" + caseId + "/evidence", police)
                .json()
                .getJsonArray("evidence");
        assertEquals(2, stillPinned.getJsonObject(0).getJsonArray("sightings").size(), "pinned evidence never changes");
        Response more = tracker.post("/api/v1/thefts/" + caseId + "/evidence", police, null);
        assertEquals(201, more.status(), more.body());
        assertEquals(3, more.json().getJsonArray("sightings").size());

        Response rec = tracker.post(
                "/api/v1/thefts/" + caseId + "/recover", police, new JsonObject().put("note", "found at ST-C"));
        assertEquals(200, rec.status(), rec.body());
        assertEquals("recovered", rec.json().getString("status"));
        Poll.until(WAIT, "the tag off the watch list", () -> !watched(tag));
        assertEquals(
                new JsonObject().put("stolen", false),
                tracker.get("/api/v1/public/stolen-check?frameNo=" + bike.getString("frameNo"), null)
                        .json());
        assertEquals(
                "registered",
                tracker.get("/api/v1/bikes/" + bikeId, o.token()).json().getString("status"));
        assertEquals(
                409,
                tracker.post("/api/v1/thefts/" + caseId + "/recover", police, null)
                        .status());

        List<String> kinds =
                tracker.get("/api/v1/bikes/" + bikeId + "/history", o.token()).json().getJsonArray("events").stream()
                        .map(e -> ((JsonObject) e).getString("kind"))
                        .toList();
        assertEquals(
                List.of("registered", "tag_fitted", "theft_reported", "theft_confirmed", "theft_recovered"), kinds);
        assertEquals(
                2, count("SELECT count(*) FROM audit_log WHERE action = 'theft.evidence' AND case_no = 'HY-2026-1'"));
    }

    @Test
    void theftCaseAnswersTheShapeClaimsReadsWithUtcInstants() {
        TestOwner o = tracker.owner(installer, "理赔");
        long bikeId = tracker.bike(installer, o.id(), "7B01");
        Instant stolenAt = Instant.parse("2026-01-05T02:30:00Z");
        long caseId = tracker.post("/api/v1/thefts", o.token(), report(bikeId, stolenAt))
                .json()
                .getLong("id");
        assertEquals(
                200,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, caseNo("HY-2026-2"))
                        .status());
        JsonObject t = tracker.get("/api/v1/thefts/" + caseId, adjuster).json();
        assertEquals(caseId, t.getLong("id"));
        assertEquals(bikeId, t.getLong("bikeId"));
        assertEquals("confirmed", t.getString("status"));
        assertEquals("HY-2026-2", t.getString("caseNo"));
        assertEquals("2026-01-05T02:30:00.000Z", t.getString("stolenAt"));
        assertNotNull(Instant.parse(t.getString("reportedAt")));
        assertNotNull(Instant.parse(t.getString("confirmedAt")));
        assertTrue(t.containsKey("recoveredAt"));
        assertNull(t.getString("recoveredAt"));
        Response again = tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, caseNo("HY-2026-2"));
        assertEquals(200, again.status(), "confirming again with the same number is a no-op");
        assertEquals(
                409,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, caseNo("HY-2026-9"))
                        .status());
        assertTrue(tracker.get("/api/v1/thefts?status=confirmed", police).array().stream()
                .anyMatch(x -> ((JsonObject) x).getLong("id") == caseId));
        assertEquals(403, tracker.get("/api/v1/thefts", o.token()).status());
        assertEquals(403, tracker.get("/api/v1/thefts/" + caseId, installer).status());
    }

    @Test
    void ownersReportOnlyTheirOwnBikesSeeOnlyTheirOwnCasesAndMayWithdrawOnlyUnconfirmedReports() {
        TestOwner a = tracker.owner(installer, "甲方");
        TestOwner b = tracker.owner(installer, "乙方");
        long bikeOfA = tracker.bike(installer, a.id(), "7C01");
        long bikeOfB = tracker.bike(installer, b.id(), "7C02");
        Instant at = tracker.clock().instant().minus(Duration.ofHours(1));
        assertEquals(
                404,
                tracker.post("/api/v1/thefts", a.token(), report(bikeOfB, at)).status());
        assertEquals(
                400,
                tracker.post(
                                "/api/v1/thefts",
                                a.token(),
                                report(bikeOfA, tracker.clock().instant().plus(Duration.ofHours(1))))
                        .status());
        assertEquals(
                403,
                tracker.post("/api/v1/thefts", installer, report(bikeOfA, at)).status());
        long caseA = tracker.post("/api/v1/thefts", a.token(), report(bikeOfA, at))
                .json()
                .getLong("id");
        assertEquals(
                409,
                tracker.post("/api/v1/thefts", a.token(), report(bikeOfA, at)).status(),
                "one open case per bike");
        assertEquals(404, tracker.get("/api/v1/thefts/" + caseA, b.token()).status());
        assertEquals(
                404,
                tracker.post("/api/v1/thefts/" + caseA + "/close", b.token(), null)
                        .status());
        assertEquals(
                409,
                tracker.post(
                                "/api/v1/bikes/" + bikeOfA + "/transfer",
                                installer,
                                new JsonObject().put("toOwnerId", b.id()))
                        .status(),
                "no transfer while a case is open");

        Response withdrawn =
                tracker.post("/api/v1/thefts/" + caseA + "/close", a.token(), new JsonObject().put("note", "found it"));
        assertEquals(200, withdrawn.status(), withdrawn.body());
        assertEquals("closed", withdrawn.json().getString("status"));

        long caseB = tracker.post("/api/v1/thefts", b.token(), report(bikeOfB, at))
                .json()
                .getLong("id");
        assertEquals(
                200,
                tracker.post("/api/v1/thefts/" + caseB + "/confirm", police, caseNo("HY-2026-3"))
                        .status());
        assertEquals(
                409,
                tracker.post("/api/v1/thefts/" + caseB + "/close", b.token(), null)
                        .status(),
                "a confirmed case is the police's to close");
        assertEquals(
                403,
                tracker.post("/api/v1/thefts/" + caseB + "/recover", b.token(), null)
                        .status());
        assertEquals(
                200,
                tracker.post("/api/v1/thefts/" + caseB + "/close", police, null).status());
        Poll.until(WAIT, "the closed case's tag off the watch list", () -> !watched(0x7C02L));
    }

    @Test
    void tagReplacedOnAStolenBikeMovesTheWatchToTheNewTag() {
        TestOwner o = tracker.owner(installer, "换标");
        long bikeId = tracker.bike(installer, o.id(), "7D01");
        long caseId = tracker.post(
                        "/api/v1/thefts",
                        o.token(),
                        report(bikeId, tracker.clock().instant().minusSeconds(600)))
                .json()
                .getLong("id");
        assertEquals(
                200,
                tracker.post("/api/v1/thefts/" + caseId + "/confirm", police, caseNo("HY-2026-4"))
                        .status());
        Poll.until(WAIT, "the first tag watched", () -> watched(0x7D01L));
        Response r = tracker.post("/api/v1/bikes/" + bikeId + "/tag", installer, new JsonObject().put("tag", "7D02"));
        assertEquals(200, r.status(), r.body());
        Poll.until(WAIT, "the watch moved to the new tag", () -> watched(0x7D02L) && !watched(0x7D01L));
        assertEquals(caseId, tracker.app().alerts().watchList().get(0x7D02L).caseId());
    }

    @Test
    void policeQueryOnATagOrBikeWithoutAnOpenCaseMustGiveACaseNumberAndEveryQueryIsAudited() throws Exception {
        TestOwner o = tracker.owner(installer, "查询");
        long bikeId = tracker.bike(installer, o.id(), "7E01");
        String window = "from=" + tracker.clock().instant().minus(Duration.ofDays(1)) + "&to="
                + tracker.clock().instant().plusSeconds(60);
        Response noCase = tracker.get("/api/v1/tags/7E01/sightings?" + window, police);
        assertEquals(400, noCase.status(), noCase.body());
        assertEquals("caseNo", noCase.json().getJsonObject("details").getString("field"));
        assertEquals(
                400,
                tracker.get("/api/v1/bikes/" + bikeId + "/sightings?" + window, police)
                        .status());
        assertEquals(
                200,
                tracker.get("/api/v1/tags/7E01/sightings?" + window + "&caseNo=HY-X-1", police)
                        .status());
        assertEquals(
                200,
                tracker.get("/api/v1/bikes/" + bikeId + "/sightings?" + window + "&caseNo=HY-X-1", police)
                        .status());
        assertEquals(
                200,
                tracker.get("/api/v1/tags/7E01/sightings?" + window, admin).status(),
                "admin is not bound by the rule");
        assertEquals(
                403,
                tracker.get("/api/v1/bikes/" + bikeId + "/sightings?" + window, adjuster)
                        .status());

        long caseId = tracker.post(
                        "/api/v1/thefts",
                        o.token(),
                        report(bikeId, tracker.clock().instant().minusSeconds(3600)))
                .json()
                .getLong("id");
        assertEquals(
                200,
                tracker.get("/api/v1/tags/7E01/sightings?" + window, police).status(),
                "an open case needs no number");
        Response bikeTrack = tracker.get("/api/v1/bikes/" + bikeId + "/sightings?" + window, police);
        assertEquals(200, bikeTrack.status(), bikeTrack.body());
        assertEquals(
                404,
                tracker.get("/api/v1/bikes/" + bikeId + "/trajectory?" + window, police)
                        .status(),
                "no sightings");

        assertEquals(3, count("SELECT count(*) FROM audit_log WHERE action = 'tag.sightings' AND subject = '7E01'"));
        assertEquals(
                1,
                count("SELECT count(*) FROM audit_log WHERE action = 'tag.sightings' AND subject = '7E01'"
                        + " AND (details->>'caseId')::bigint = " + caseId));
        assertEquals(
                3,
                count("SELECT count(*) FROM audit_log WHERE action LIKE 'bike.%' AND subject = 'bike:" + bikeId + "'"));
    }

    @Test
    void bikeTrajectoryFollowsTheBikeAcrossTagReplacements() {
        TestOwner o = tracker.owner(installer, "轨迹");
        long bikeId = tracker.bike(installer, o.id(), "7F01");
        backdate(bikeId, Duration.ofDays(30));
        assertEquals(
                200,
                tracker.post("/api/v1/bikes/" + bikeId + "/tag", installer, new JsonObject().put("tag", "7F02"))
                        .status());
        Instant now = tracker.clock().instant();
        // the old tag's sightings before the replacement and the new tag's after it both belong to the bike
        dbSighting(0x7F01L, "ST-A", now.minusSeconds(7200), now.minusSeconds(7100), 3);
        dbSighting(0x7F02L, "ST-B", now.plusSeconds(1), now.plusSeconds(20), 3);
        String window = "from=" + now.minus(Duration.ofDays(1)) + "&to=" + now.plusSeconds(3600) + "&caseNo=HY-X-2";
        JsonArray s = tracker.get("/api/v1/bikes/" + bikeId + "/sightings?" + window, police)
                .json()
                .getJsonArray("sightings");
        assertEquals(2, s.size(), s.encode());
        assertEquals("7F01", s.getJsonObject(0).getString("tag"));
        assertEquals("7F02", s.getJsonObject(1).getString("tag"));
        JsonObject f = tracker.get("/api/v1/bikes/" + bikeId + "/trajectory?" + window, admin)
                .json();
        assertEquals("LineString", f.getJsonObject("geometry").getString("type"));
        assertEquals(bikeId, f.getJsonObject("properties").getLong("bikeId"));
    }

    private static JsonObject caseNo(String no) {
        return new JsonObject().put("caseNo", no);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
