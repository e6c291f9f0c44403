package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The police console's queries against a whole tracker: who passed, last-seen area, roles and audit. */
class PoliceQueriesIT {

    private static TrackerKit tracker;
    private static HttpTestClient police;
    private static final Instant T = Instant.parse("2026-11-20T02:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start();
        // a row of stations 0.01° (~1 km) apart along a street, and one far away
        for (int i = 0; i < 5; i++) {
            tracker.station("PQ-" + i, 112.50 + 0.01 * i, 26.90);
        }
        tracker.station("PQ-FAR", 113.50, 27.50);
        police = tracker.user("officer-pq", "police");
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi)"
                                + " VALUES (?, ?, ?, ?, 3, -60)")) {
            row(st, 0xC1, "PQ-0", 0, 5); // inside the window at PQ-0
            row(st, 0xC1, "PQ-1", 10, 12); // and PQ-1
            row(st, 0xC2, "PQ-1", -30, -1); // ended one minute before the window
            row(st, 0xC3, "PQ-1", -120, 1); // began before, overlaps the window's start
            row(st, 0xC4, "PQ-3", 20, 25); // a station not asked for
            row(st, 0xC5, "PQ-FAR", 20, 25);
            row(st, 0xC6, "PQ-0", 60, 70); // at the window's end (to is exclusive)
            for (ScenarioDate d : ScenarioDate.values()) {
                // per fixed date: one sighting inside the hour before it, one just after it
                row(st, 0xD0 + d.ordinal(), "PQ-FAR", d.instant(), -20, -10);
                row(st, 0xE0 + d.ordinal(), "PQ-FAR", d.instant(), 0, 5);
            }
            st.executeBatch();
        }
    }

    private static void row(PreparedStatement st, long tag, String station, int fromMin, int toMin) throws Exception {
        row(st, tag, station, T, fromMin, toMin);
    }

    private static void row(PreparedStatement st, long tag, String station, Instant t, int fromMin, int toMin)
            throws Exception {
        st.setLong(1, tag);
        st.setString(2, station);
        st.setTimestamp(3, Timestamp.from(t.plus(Duration.ofMinutes(fromMin))));
        st.setTimestamp(4, Timestamp.from(t.plus(Duration.ofMinutes(toMin))));
        st.addBatch();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static String window() {
        return "\"from\":\"" + T + "\",\"to\":\"" + T.plus(Duration.ofHours(1)) + "\"";
    }

    @Test
    void whoPassedListedStationsReturnsEveryTagWithASightingOverlappingTheWindow() {
        HttpTestClient.Response r = police.post(
                "/api/v1/police/passed", "{\"stations\":[\"PQ-0\",\"PQ-1\"]," + window() + ",\"caseNo\":\"HY-PQ-1\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("C1", "C3"), tags(r.node()));
        JsonNode c1 = r.node().get("tags").get(0);
        assertEquals(2, c1.get("sightings").size());
        assertEquals("PQ-0", c1.get("sightings").get(0).get("station").asText());
        assertEquals(
                T.toString(),
                Instant.parse(c1.get("sightings").get(0).get("firstSeen").asText())
                        .toString());
        assertEquals(false, r.node().get("truncated").asBoolean());
    }

    @Test
    void whoPassedAnAreaUsesTheStationsInsideThePolygon() {
        // a rectangle around PQ-2..PQ-4
        String area = "{\"type\":\"Polygon\",\"coordinates\":[[[112.515,26.89],[112.545,26.89],[112.545,26.91],"
                + "[112.515,26.91],[112.515,26.89]]]}";
        HttpTestClient.Response r = police.post("/api/v1/police/passed", "{\"area\":" + area + "," + window() + "}");
        assertEquals(200, r.status(), r.body());
        List<String> stations = new ArrayList<>();
        r.node().get("stations").forEach(n -> stations.add(n.asText()));
        assertEquals(List.of("PQ-2", "PQ-3", "PQ-4"), stations);
        assertEquals(List.of("C4"), tags(r.node()));
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}";
        assertEquals(
                400,
                police.post("/api/v1/police/passed", "{\"area\":" + bowtie + "," + window() + "}")
                        .status());
    }

    @ParameterizedTest
    @EnumSource(ScenarioDate.class)
    void whoPassedFindsTheHourBeforeAFixedDateAndNothingAfterIt(ScenarioDate d) {
        Instant at = d.instant();
        HttpTestClient.Response r = police.post(
                "/api/v1/police/passed",
                "{\"stations\":[\"PQ-FAR\"],\"from\":\"" + at.minus(Duration.ofHours(1)) + "\",\"to\":\"" + at
                        + "\",\"caseNo\":\"HY-PQ-D\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(TagIds.format(0xD0 + d.ordinal())), tags(r.node()), d.name());
    }

    @Test
    void whoPassedRejectsBadWindowsAndUnknownStations() {
        assertEquals(
                400,
                police.post(
                                "/api/v1/police/passed",
                                "{\"stations\":[\"PQ-0\"],\"from\":\"" + T + "\",\"to\":\"" + T + "\"}")
                        .status());
        assertEquals(
                400,
                police.post(
                                "/api/v1/police/passed",
                                "{\"stations\":[\"PQ-0\"],\"from\":\"" + T + "\",\"to\":\""
                                        + T.plus(Duration.ofDays(32)) + "\"}")
                        .status());
        assertEquals(
                400,
                police.post("/api/v1/police/passed", "{\"stations\":[\"NOPE\"]," + window() + "}")
                        .status());
        assertEquals(
                400, police.post("/api/v1/police/passed", "{" + window() + "}").status());
    }

    @Test
    void lastSeenAreaIsTheCoverageOfTheStationsThatHeardTheTagLast() {
        long now = tracker.clock().millis();
        tracker.publish("PQ-3", 1, "[" + JsonFrames.read("C7", now - 60_000, false) + "]");
        tracker.publish("PQ-4", 2, "[" + JsonFrames.read("C7", now - 2_000, false) + "]");
        tracker.publish("PQ-3", 3, "[" + JsonFrames.read("C7", now - 1_000, false) + "]");
        assertEquals(
                400, police.get("/api/v1/police/tags/C7/last-seen").status(), "police without a case must give caseNo");
        Poll.until(
                Duration.ofSeconds(10),
                "live sightings",
                () -> police.get("/api/v1/police/tags/C7/last-seen?caseNo=HY-9").status() == 200);
        JsonNode f = police.get("/api/v1/police/tags/C7/last-seen?caseNo=HY-9").node();
        assertEquals("MultiPolygon", f.get("geometry").get("type").asText(), "two circles 1 km apart");
        assertEquals(2, f.get("geometry").get("coordinates").size());
        assertEquals(2, f.get("properties").get("stations").size());
        assertTrue(f.get("properties").get("open").asBoolean());
        assertEquals(
                200, tracker.admin().get("/api/v1/police/tags/C7/last-seen").status(), "admins need no case number");
        assertEquals(
                404,
                police.get("/api/v1/police/tags/FFFF01/last-seen?caseNo=HY-9").status());
        tracker.app().alerts().watchList().watch(TagIds.parse("C7"), 5, "HY-5", null);
        assertEquals(200, police.get("/api/v1/police/tags/C7/last-seen").status(), "a watched tag has its case");
    }

    @Test
    void everyPoliceQueryIsAudited() throws Exception {
        police.post("/api/v1/police/passed", "{\"stations\":[\"PQ-2\"]," + window() + ",\"caseNo\":\"HY-AUDIT\"}");
        police.get("/api/v1/police/stations/PQ-2/likely-next");
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT action, subject, case_no FROM audit_log WHERE username = 'officer-pq'"
                                + " AND action IN ('police.passed', 'station.likely-next') AND subject = 'PQ-2' ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("police.passed", rs.getString(1));
            assertEquals("HY-AUDIT", rs.getString(3));
            assertTrue(rs.next());
            assertEquals("station.likely-next", rs.getString(1));
        }
    }

    @Test
    void ownersInstallersAndAdjustersAreForbiddenPoliceQueries() {
        for (String role : List.of("owner", "installer", "adjuster")) {
            HttpTestClient c = tracker.user("pq-" + role, role);
            assertEquals(
                    403,
                    c.post("/api/v1/police/passed", "{\"stations\":[\"PQ-0\"]," + window() + "}")
                            .status(),
                    role);
            assertEquals(403, c.get("/api/v1/police/tags/C1/last-seen?caseNo=X").status(), role);
            assertEquals(403, c.get("/api/v1/police/stations/PQ-0/likely-next").status(), role);
        }
        assertEquals(401, tracker.http().post("/api/v1/police/passed", "{}").status());
    }

    @Test
    void mapBaseLayerAndConfigAreServedToSignedInUsers() {
        HttpTestClient.Response base = police.get("/api/v1/map/base");
        assertEquals(200, base.status(), base.body());
        assertEquals("FeatureCollection", base.node().get("type").asText());
        assertEquals(200, police.get("/api/v1/map/config").status());
        assertEquals(401, tracker.http().get("/api/v1/map/base").status());
        HttpTestClient.Response page = tracker.http().get("/police/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("vendor/leaflet/leaflet.js"));
        assertEquals(
                200, tracker.http().get("/police/vendor/leaflet/leaflet.css").status());
    }

    private static List<String> tags(JsonNode passed) {
        List<String> out = new ArrayList<>();
        passed.get("tags").forEach(t -> out.add(t.get("tag").asText()));
        return out;
    }
}
