package org.bikeguard.tracker.casework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The case workspace API against a whole tracker: the paged case list with its filters, a case
 * opened by its case number with the evidence pinned at confirmation (following the bike across a
 * tag replacement), its alarms, notes and handovers, the printed report (station names, audit
 * reference), bad input, roles and the audit rows of every read.
 */
@Timeout(120)
class CaseWorkspaceIT {

    static final String SECRET = "station-secret-cw01";

    private static TrackerKit tracker;
    private static String installer;
    private static String police;
    private static long confirmedId;
    private static long reportedId;
    private static Instant now;

    @BeforeAll
    static void start() throws Exception {
        tracker = TrackerKit.start();
        String admin = tracker.adminToken();
        installer = tracker.userToken("installer-cw", "installer");
        police = tracker.userToken("officer-cw", "police");
        assertEquals(
                201,
                tracker.http(admin)
                        .putStation("CW-A", "解放路口", "street", 112.57, 26.89, 50, SECRET)
                        .status());
        assertEquals(
                201,
                tracker.http(admin)
                        .putStation("CW-B", "火车站", "street", 112.58, 26.89, 50, SECRET)
                        .status());
        assertEquals(
                201,
                tracker.http(admin)
                        .putStation("CW-F", "远郊", "street", 113.50, 27.50, 50, SECRET)
                        .status());
        now = tracker.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        confirmedId = confirmedCaseAcrossATagReplacement();
        TestOwner o2 = tracker.owner(installer, "失主二");
        long bike2 = tracker.bike(installer, o2.id(), "7C01");
        sql("UPDATE bikes SET registered_at = registered_at - interval '30 days' WHERE id = ?", bike2);
        Response r = tracker.post("/api/v1/thefts", o2.token(), theft(bike2, now.minus(Duration.ofDays(2))));
        assertEquals(201, r.status(), r.body());
        reportedId = r.json().getLong("id");
    }

    /** Bike with tag 7B01 stolen 3 h ago, seen at CW-A; its tag replaced by 7B02 1 h ago, seen at CW-B; confirmed. */
    private static long confirmedCaseAcrossATagReplacement() throws Exception {
        TestOwner o = tracker.owner(installer, "失主");
        long bikeId = tracker.bike(installer, o.id(), "7B01");
        sql("UPDATE bikes SET registered_at = registered_at - interval '30 days' WHERE id = ?", bikeId);
        sql("UPDATE tag_bindings SET bound_at = bound_at - interval '30 days' WHERE bike_id = ?", bikeId);
        sql("UPDATE ownerships SET from_at = from_at - interval '30 days' WHERE bike_id = ?", bikeId);
        Response r = tracker.post("/api/v1/thefts", o.token(), theft(bikeId, now.minus(Duration.ofHours(3))));
        assertEquals(201, r.status(), r.body());
        long caseId = r.json().getLong("id");
        assertEquals(
                200,
                tracker.post("/api/v1/bikes/" + bikeId + "/tag", installer, new JsonObject().put("tag", "7B02"))
                        .status());
        Instant swap = now.minus(Duration.ofHours(1));
        sql("UPDATE tag_bindings SET unbound_at = ? WHERE tag = ?", swap, 0x7B01L);
        sql("UPDATE tag_bindings SET bound_at = ? WHERE tag = ?", swap, 0x7B02L);
        sighting(0x7B01L, "CW-A", now.minus(Duration.ofMinutes(150)), now.minus(Duration.ofMinutes(148)));
        sighting(0x7B02L, "CW-B", now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(25)));
        r = tracker.post(
                "/api/v1/thefts/" + caseId + "/confirm", police, new JsonObject().put("caseNo", "衡公(2026)刑42/号"));
        assertEquals(200, r.status(), r.body());
        // an alarm of the case on its new tag
        sql(
                "INSERT INTO alerts (id, type, case_id, tag, station, at, raised_at, body) VALUES (?, 'stolen', ?, ?, 'CW-B', ?, ?, ?::jsonb)",
                9001L,
                caseId,
                0x7B02L,
                now,
                now,
                new JsonObject()
                        .put("id", 9001)
                        .put("type", "stolen")
                        .put("tag", "7B02")
                        .put("station", "CW-B")
                        .put("at", now.toString())
                        .encode());
        return caseId;
    }

    private static JsonObject theft(long bikeId, Instant stolenAt) {
        return new JsonObject()
                .put("bikeId", bikeId)
                .put("stolenAt", stolenAt.toString())
                .put("place", "解放路口")
                .put("description", "white Yadea");
    }

    private static void sighting(long tag, String station, Instant first, Instant last) throws SQLException {
        sql(
                "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi) VALUES (?, ?, ?, ?, 3, -55)",
                tag,
                station,
                first,
                last);
    }

    private static void sql(String sql, Object... params) throws SQLException {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                st.setObject(i + 1, p instanceof Instant in ? OffsetDateTime.ofInstant(in, ZoneOffset.UTC) : p);
            }
            st.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<Long> ids(JsonObject page) {
        List<Long> out = new ArrayList<>();
        page.getJsonArray("cases").forEach(c -> out.add(((JsonObject) c).getLong("id")));
        return out;
    }

    @Test
    void theCaseListFiltersByStatusTheftTimeAndAreaAndPages() {
        JsonObject all = tracker.get("/api/v1/police/cases", police).json();
        assertEquals(2, all.getLong("total"));
        assertEquals(List.of(confirmedId, reportedId), ids(all), "newest theft first");
        assertEquals(
                List.of(confirmedId),
                ids(tracker.get("/api/v1/police/cases?status=confirmed", police).json()));
        assertEquals(
                List.of(reportedId),
                ids(tracker.get(
                                "/api/v1/police/cases?to="
                                        + enc(now.minus(Duration.ofDays(1)).toString()),
                                police)
                        .json()));
        assertEquals(
                List.of(confirmedId),
                ids(tracker.get(
                                "/api/v1/police/cases?from="
                                        + enc(now.minus(Duration.ofDays(1)).toString()),
                                police)
                        .json()));
        // the area holds CW-A, where the pinned evidence saw the bike
        assertEquals(
                List.of(confirmedId),
                ids(tracker.get("/api/v1/police/cases?area=112.56,26.88,112.575,26.90", police)
                        .json()));
        JsonObject far = tracker.get("/api/v1/police/cases?area=113.4,27.4,113.6,27.6", police)
                .json();
        assertEquals(0, far.getLong("total"), "no case near CW-F");
        JsonObject second =
                tracker.get("/api/v1/police/cases?size=1&page=1", police).json();
        assertEquals(2, second.getLong("total"));
        assertEquals(List.of(reportedId), ids(second));
        for (String bad :
                List.of("status=stolen", "area=1,2,3", "area=5,5,4,4", "size=0", "size=201", "from=yesterday")) {
            Response r = tracker.get("/api/v1/police/cases?" + bad, police);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertTrue(r.json().containsKey("code"), r.body());
        }
        assertEquals(403, tracker.get("/api/v1/police/cases", installer).status());
    }

    @Test
    void aCaseOpensByItsCaseNumberWithEvidenceAcrossTheTagReplacementAlarmsAndNotes() {
        Response r = tracker.get("/api/v1/police/case?caseNo=" + enc("衡公(2026)刑42/号"), police);
        assertEquals(200, r.status(), r.body());
        JsonObject ws = r.json();
        assertEquals(confirmedId, ws.getJsonObject("case").getLong("id"));
        assertEquals("7B02", ws.getJsonObject("bike").getString("tag"));
        JsonObject pinned = ws.getJsonArray("evidence").getJsonObject(0);
        assertEquals(new JsonArray().add("7B01").add("7B02"), pinned.getJsonArray("tags"), pinned.encode());
        assertEquals(2, pinned.getInteger("sightings"));
        assertEquals(9001L, ws.getJsonArray("alarms").getJsonObject(0).getLong("id"));
        assertEquals(
                "reported",
                tracker.get("/api/v1/police/case?id=" + reportedId, police)
                        .json()
                        .getJsonObject("case")
                        .getString("status"));
        assertEquals(
                404, tracker.get("/api/v1/police/case?caseNo=NOPE-1", police).status());
        assertEquals(400, tracker.get("/api/v1/police/case", police).status());
        assertEquals(400, tracker.get("/api/v1/police/case?id=-3", police).status());

        Response note = tracker.post(
                "/api/v1/police/cases/" + confirmedId + "/notes",
                police,
                new JsonObject().put("text", "走访解放路口商户，调取监控"));
        assertEquals(201, note.status(), note.body());
        Response handover = tracker.post(
                "/api/v1/police/cases/" + confirmedId + "/notes",
                police,
                new JsonObject().put("kind", "handover").put("text", "监控已调取").put("next", "夜班蹲守火车站"));
        assertEquals(201, handover.status(), handover.body());
        assertEquals(
                400,
                tracker.post(
                                "/api/v1/police/cases/" + confirmedId + "/notes",
                                police,
                                new JsonObject().put("kind", "gossip").put("text", "x"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/police/cases/" + confirmedId + "/notes", police, new JsonObject())
                        .status());
        assertEquals(
                404,
                tracker.post("/api/v1/police/cases/99999/notes", police, new JsonObject().put("text", "x"))
                        .status());
        JsonArray notes = tracker.get("/api/v1/police/case?id=" + confirmedId, police)
                .json()
                .getJsonArray("notes");
        assertEquals(2, notes.size());
        JsonObject h = notes.getJsonObject(1);
        assertEquals("handover", h.getString("kind"));
        assertEquals("officer-cw", h.getString("author"));
        assertEquals("夜班蹲守火车站", h.getString("next"));
        assertTrue(!Instant.parse(h.getString("at")).isBefore(now), h.encode());
    }

    @Test
    void theReportComesFromThePinnedEvidenceWithStationNamesUnderAnAuditedReference() throws Exception {
        Response r = tracker.get("/api/v1/police/cases/" + confirmedId + "/report", police);
        assertEquals(200, r.status(), r.body());
        JsonObject rep = r.json();
        String ref = rep.getString("reference");
        assertTrue(ref.matches("RPT-\\d{8}-[0-9A-Z]{8}"), ref);
        JsonArray rows = rep.getJsonObject("evidence").getJsonArray("sightings");
        assertEquals("解放路口", rows.getJsonObject(0).getString("stationName"));
        assertEquals("7B01", rows.getJsonObject(0).getString("tag"));
        assertEquals("火车站", rows.getJsonObject(1).getString("stationName"));
        assertEquals("officer-cw", rep.getString("generatedBy"));
        assertNotEquals(
                ref,
                tracker.get("/api/v1/police/cases/" + confirmedId + "/report", police)
                        .json()
                        .getString("reference"),
                "every print has its own reference");
        assertEquals(
                409,
                tracker.get("/api/v1/police/cases/" + reportedId + "/report", police)
                        .status());
        assertEquals(
                404,
                tracker.get("/api/v1/police/cases/" + confirmedId + "/report?evidenceId=777", police)
                        .status());
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT username, case_no, details->>'caseId' FROM audit_log WHERE action = 'case.report'"
                                + " AND details->>'reference' = ?")) {
            st.setString(1, ref);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "the reference is in the audit log");
                assertEquals("officer-cw", rs.getString(1));
                assertEquals("衡公(2026)刑42/号", rs.getString(2));
                assertEquals(Long.toString(confirmedId), rs.getString(3));
            }
        }
    }

    @Test
    void everyWorkspaceReadIsAudited() throws Exception {
        tracker.get("/api/v1/police/cases?status=reported", police);
        tracker.get("/api/v1/police/case?id=" + reportedId, police);
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT count(*) FILTER (WHERE action = 'case.list' AND details->>'status' = 'reported'),"
                                + " count(*) FILTER (WHERE action = 'case.read' AND details->>'caseId' = ?)"
                                + " FROM audit_log WHERE username = 'officer-cw'")) {
            st.setString(1, Long.toString(reportedId));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "case.list");
                assertTrue(rs.getInt(2) >= 1, "case.read");
            }
        }
    }
}
