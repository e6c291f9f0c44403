package org.bikeguard.tracker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Companion analysis and fence dens against a whole tracker: answers, roles, audit rows, bad input. */
class AnalysisIT {

    private static TrackerKit tracker;
    private static HttpTestClient police;
    /** The scenario clock's "now", whole minutes. */
    private static Instant now;

    private static final List<String> DEN_TAGS = List.of("DE01", "DE02", "DE03");
    /** A fourth stolen bike's tag at the den, replaced by {@code DE05} since. */
    private static final String FORMER_TAG = "DE04";

    @BeforeAll
    static void start() throws Exception {
        tracker = TrackerKit.start();
        now = tracker.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        // a street of stations 1 km apart, and a compound 5 km away where stolen bikes end up
        for (int i = 0; i < 6; i++) {
            tracker.station("AN-" + i, 112.50 + 0.01 * i, 26.90);
        }
        tracker.station("AN-DEN", 112.55, 26.95);
        tracker.station("AN-FAR", 112.40, 26.80);
        police = tracker.user("officer-an", "police");
        String installer = tracker.roleToken("installer");
        TestOwner o = tracker.owner(installer, "分析甲");
        Instant stolenAt = now.minus(Duration.ofHours(20));
        long replaced = 0;
        for (String tag : allDenTags()) {
            long bike = tracker.bike(installer, o.id(), tag);
            replaced = bike;
            HttpTestClient.Response r = tracker.post(
                    "/api/v1/thefts",
                    o.token(),
                    new JsonObject()
                            .put("bikeId", bike)
                            .put("stolenAt", stolenAt.toString())
                            .put("place", "小区")
                            .put("description", ""));
            assertEquals(201, r.status(), r.body());
        }
        Instant night = now.minus(Duration.ofHours(12));
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi)"
                                + " VALUES (?, ?, ?, ?, 3, -60)")) {
            for (int i = 0; i < 5; i++) {
                Instant at = night.plus(Duration.ofMinutes(3L * i));
                // the target and two bikes in the same van, one lone rider far behind
                row(st, "A1", "AN-" + i, at, 20);
                row(st, "A2", "AN-" + i, at.plusSeconds(4), 20);
                row(st, "A3", "AN-" + i, at.minusSeconds(6), 20);
                row(st, "A4", "AN-" + i, at.plusSeconds(900), 20);
            }
            for (int k = 0; k < allDenTags().size(); k++) {
                Instant t = stolenAt.plus(Duration.ofMinutes(20L * k));
                row(st, allDenTags().get(k), "AN-FAR", t.plusSeconds(60), 30);
                // kept at the den for 17 hours (a night whatever the scenario hour)
                row(st, allDenTags().get(k), "AN-DEN", t.plus(Duration.ofHours(1)), 17 * 3600);
            }
            st.executeBatch();
        }
        // the last bike's tag is replaced after its night at the den
        HttpTestClient.Response r =
                tracker.post("/api/v1/bikes/" + replaced + "/tag", installer, new JsonObject().put("tag", "DE05"));
        assertEquals(200, r.status(), r.body());
    }

    private static List<String> allDenTags() {
        List<String> all = new ArrayList<>(DEN_TAGS);
        all.add(FORMER_TAG);
        return all;
    }

    private static void row(PreparedStatement st, String tag, String station, Instant at, long seconds)
            throws Exception {
        st.setLong(1, TagIds.parse(tag));
        st.setString(2, station);
        st.setTimestamp(3, Timestamp.from(at));
        st.setTimestamp(4, Timestamp.from(at.plusSeconds(seconds)));
        st.addBatch();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static String window() {
        return "&from=" + now.minus(Duration.ofDays(7)) + "&to=" + now;
    }

    @Test
    void companionsAreTheTagsSeenAtTheSameStationsWithinTheMinuteBestFirst() {
        HttpTestClient.Response r = police.get("/api/v1/police/companions?tag=A1&caseNo=HY-AN-1" + window());
        assertEquals(200, r.status(), r.body());
        assertEquals("A1", r.node().get("tag").asText());
        List<String> tags = new ArrayList<>();
        r.node().get("companions").forEach(n -> tags.add(n.get("tag").asText()));
        assertEquals(Set.of("A2", "A3"), new HashSet<>(tags), "the rider 15 minutes behind is no companion");
        JsonNode first = r.node().get("companions").get(0);
        assertEquals(5, first.get("stations").asInt());
        assertEquals(5, first.get("together").size());
        assertEquals("AN-0", first.get("together").get(0).get("station").asText());
        assertTrue(first.get("score").asDouble() > 0);
        assertEquals(
                0,
                police.get("/api/v1/police/companions?tag=A1&caseNo=HY-AN-1&minStations=6" + window())
                        .node()
                        .get("companions")
                        .size());
    }

    @Test
    void aPoliceCompanionQueryWithoutAnOpenCaseMustGiveACaseNumber() {
        assertEquals(
                400, police.get("/api/v1/police/companions?tag=A1" + window()).status());
        assertEquals(
                200,
                tracker.admin()
                        .get("/api/v1/police/companions?tag=A1" + window())
                        .status());
        assertEquals(
                200,
                police.get("/api/v1/police/companions?tag=DE01" + window()).status(),
                "a stolen bike's tag has its open case");
    }

    @Test
    void badInputIsRejectedWith4xx() {
        assertEquals(
                400,
                police.get("/api/v1/police/companions?tag=XYZ&caseNo=C" + window())
                        .status());
        assertEquals(
                400, police.get("/api/v1/police/companions?caseNo=C" + window()).status());
        assertEquals(
                400,
                police.get("/api/v1/police/companions?tag=A1&caseNo=C&from=" + now)
                        .status());
        assertEquals(
                400,
                police.get("/api/v1/police/companions?tag=A1&caseNo=C&from=" + now + "&to=" + now)
                        .status());
        assertEquals(
                400,
                police.get("/api/v1/police/companions?tag=A1&caseNo=C&windowS=0" + window())
                        .status());
        assertEquals(
                400,
                police.get("/api/v1/police/dens?from=" + now.minus(Duration.ofDays(32)) + "&to=" + now)
                        .status());
        assertEquals(
                400, police.get("/api/v1/police/dens?from=yesterday&to=" + now).status());
        for (String role : List.of("owner", "installer", "adjuster")) {
            HttpTestClient c = tracker.user("an-" + role, role);
            assertEquals(
                    403,
                    c.get("/api/v1/police/companions?tag=A1&caseNo=C" + window())
                            .status(),
                    role);
            assertEquals(
                    403, c.get("/api/v1/police/dens?" + window().substring(1)).status(), role);
        }
        assertEquals(
                401,
                tracker.http()
                        .get("/api/v1/police/dens?" + window().substring(1))
                        .status());
    }

    @Test
    void theDenIsWhereTheStolenBikesSpentTheNight() {
        HttpTestClient.Response r = police.get("/api/v1/police/dens?" + window().substring(1));
        assertEquals(200, r.status(), r.body());
        JsonNode top = r.node().get("dens").get(0);
        assertEquals("AN-DEN", top.get("station").asText(), r.body());
        assertEquals(26.95, top.get("lat").asDouble(), 1e-9);
        assertTrue(top.get("new").asBoolean(), "nothing was taken there the week before");
        Set<String> tags = new HashSet<>();
        top.get("stolenTags").forEach(n -> tags.add(n.get("tag").asText()));
        assertEquals(
                new HashSet<>(allDenTags()),
                tags,
                "the bike whose tag was replaced since counts by the tag it carried then");
        assertTrue(top.get("score").asDouble() > 0, r.body());
        assertEquals(1, r.node().get("dens").size(), "passing AN-FAR by day is no evidence");
        JsonNode before = police.get("/api/v1/police/dens?from=" + now.minus(Duration.ofDays(30)) + "&to="
                        + now.minus(Duration.ofDays(2)))
                .node();
        assertEquals(0, before.get("dens").size(), "no stolen bike had been seen then");
    }

    @Test
    void aStolenTagsAlarmCarriesItsCompanionsOfTheLastHour() throws Exception {
        Instant t = tracker.clock().instant().minus(Duration.ofMinutes(30));
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi)"
                                + " VALUES (?, ?, ?, ?, 3, -60)")) {
            for (int i = 0; i < 3; i++) {
                Instant at = t.plus(Duration.ofMinutes(2L * i));
                row(st, "B1", "AN-" + i, at, 20);
                row(st, "B2", "AN-" + i, at.plusSeconds(5), 20);
            }
            st.executeBatch();
        }
        List<String> alarms = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
        tracker.app().alerts().hub().subscribe((id, json, local) -> alarms.add(json), -1);
        tracker.app().alerts().updates().listen(updates::add);
        tracker.app().alerts().watchList().watch(TagIds.parse("B1"), 77, "HY-AN-77", null);
        tracker.publish("AN-5", 1, "[" + JsonFrames.read("B1", tracker.clock().millis(), false) + "]");
        String alarm = Poll.until(
                Duration.ofSeconds(15),
                "the stolen alarm of B1",
                () -> alarms.stream()
                        .filter(j -> j.contains("\"tag\":\"B1\""))
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
        assertFalse(alarm.contains("companions"), "the alarm goes out at once, not held back for its companions");
        String update = Poll.until(
                Duration.ofSeconds(15),
                "the stolen alarm's companions as an update",
                () -> updates.stream()
                        .filter(j -> j.contains("\"tag\":\"B1\"") && j.contains("companions"))
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
        JsonObject a = new JsonObject(update);
        assertEquals(new JsonObject(alarm).getLong("id"), a.getLong("id"), "the same alarm");
        assertEquals("stolen", a.getString("type"));
        assertEquals(1, a.getJsonArray("companions").size(), update);
        assertEquals("B2", a.getJsonArray("companions").getJsonObject(0).getString("tag"));
        assertEquals(3, a.getJsonArray("companions").getJsonObject(0).getInteger("stations"));
    }

    @Test
    void theOpenApiDocumentDescribesBothRoutes() {
        String doc = tracker.get("/api/v1/openapi.yaml", null).body();
        assertTrue(doc.contains("/api/v1/police/companions:") && doc.contains("/api/v1/police/dens:"));
    }

    @Test
    void everyAnalysisIsAudited() throws Exception {
        police.get("/api/v1/police/companions?tag=A2&caseNo=HY-AUDIT-AN" + window());
        police.get("/api/v1/police/dens?" + window().substring(1));
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT action, subject, case_no, details->>'from' FROM audit_log WHERE username = 'officer-an'"
                                + " AND (subject = 'A2' OR action = 'police.dens') ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            assertTrue(rows.contains("police.companions A2 HY-AUDIT-AN"), rows.toString());
            assertTrue(rows.contains("police.dens dens null"), rows.toString());
        }
    }
}
