package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimScenarios;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adjusters' work over HTTP: the work list (search by claim number, plate, owner phone and
 * police case number; my claims; pages), assignment and reassignment, notes, and the liability
 * assessment with the rider's fault share and per-person limits keyed by identity number.
 */
class WorkRoutesIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** An open theft claim on bike {@code b<n>} (plate 衡阳Ab<n>, owner phone 1390000000<n>, case HY2026-c<n>). */
    static long theft(ClaimsHarness h, String n) {
        h.tracker.owner("o" + n, "1390000000" + n, "430***" + n, null);
        h.tracker.bike("b" + n, "o" + n, "2025-10-01", "W" + n);
        h.clock.setDate("2026-06-01");
        h.post(
                "/api/v1/policies",
                "inst",
                "installer",
                new JsonObject().put("bikeId", "b" + n).put("product", "anti-theft"));
        h.tracker.confirmedTheft("c" + n, "b" + n, "2026-08-10T02:00:00Z");
        h.clock.setDate("2026-08-20");
        Resp r = h.post(
                "/api/v1/claims",
                "1390000000" + n,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c" + n));
        assertEquals(201, r.status(), () -> r.raw().toString());
        return r.json().getLong("id");
    }

    private static List<Long> ids(Resp r) {
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json().getJsonArray("claims").stream()
                .map(o -> ((JsonObject) o).getLong("id"))
                .toList();
    }

    @Test
    void theWorkListIsSearchedPagedAndFilteredToMyClaims() {
        long a = theft(h, "1");
        long b = theft(h, "2");
        long c = theft(h, "3");
        assertEquals(
                List.of(b), ids(h.get("/api/v1/claims/worklist?q=%E8%A1%A1%E9%98%B3Ab2", "adj1", "adjuster")), "plate");
        assertEquals(
                List.of(c), ids(h.get("/api/v1/claims/worklist?q=13900000003", "adj1", "adjuster")), "owner phone");
        assertEquals(List.of(a), ids(h.get("/api/v1/claims/worklist?q=hy2026-c1", "adj1", "adjuster")), "case number");
        assertEquals(List.of(b), ids(h.get("/api/v1/claims/worklist?q=%23" + b, "adj1", "adjuster")), "claim number");
        assertTrue(
                ids(h.get("/api/v1/claims/worklist?q=" + b, "adj1", "adjuster")).contains(b), "a bare number too");
        assertEquals(List.of(), ids(h.get("/api/v1/claims/worklist?q=%25", "adj1", "adjuster")), "% is literal");

        Resp p2 = h.get("/api/v1/claims/worklist?q=%E8%A1%A1%E9%98%B3Ab&size=2&page=2", "adj1", "adjuster");
        assertEquals(List.of(c), ids(p2), "unknown due dates, oldest first, two a page");
        assertEquals(3, p2.json().getInteger("total"));
        assertEquals(2, p2.json().getInteger("pages"));
        assertEquals(
                400,
                h.get("/api/v1/claims/worklist?size=101", "adj1", "adjuster").status());
        assertEquals(
                403, h.get("/api/v1/claims/worklist", "1390000000" + 1, "owner").status());

        Resp took = h.post("/api/v1/claims/" + b + "/assignment", "adj1", "adjuster", null);
        assertEquals(200, took.status(), () -> took.raw().toString());
        assertEquals("adj1", took.json().getString("assignee"));
        assertEquals(List.of(b), ids(h.get("/api/v1/claims/worklist?mine=true", "adj1", "adjuster")));
        assertEquals(List.of(), ids(h.get("/api/v1/claims/worklist?mine=true", "adj2", "adjuster")));
        Resp moved =
                h.post("/api/v1/claims/" + b + "/assignment", "sup", "admin", new JsonObject().put("assignee", "adj2"));
        assertEquals("adj2", moved.json().getString("assignee"));
        assertEquals("sup", moved.json().getString("assignedBy"));
        assertEquals(List.of(b), ids(h.get("/api/v1/claims/worklist?assignee=adj2", "adj1", "adjuster")));
        assertEquals(
                "adj2",
                h.get("/api/v1/claims/worklist?q=%23" + b, "adj1", "adjuster")
                        .json()
                        .getJsonArray("claims")
                        .getJsonObject(0)
                        .getString("assignee"));
        assertEquals(
                404,
                h.post("/api/v1/claims/999999/assignment", "adj1", "adjuster", null)
                        .status());

        Resp note =
                h.post("/api/v1/claims/" + b + "/notes", "adj2", "adjuster", new JsonObject().put("text", "已电话联系车主"));
        assertEquals(201, note.status(), () -> note.raw().toString());
        assertEquals(
                400,
                h.post("/api/v1/claims/" + b + "/notes", "adj2", "adjuster", new JsonObject().put("text", " "))
                        .status());
        JsonObject work =
                h.get("/api/v1/claims/" + b + "/work", "adj1", "adjuster").json();
        JsonObject n = work.getJsonArray("notes").getJsonObject(0);
        assertEquals("adj2", n.getString("author"));
        assertEquals("已电话联系车主", n.getString("text"));
        assertEquals("2026-08-20T04:00:00.000Z", n.getString("at"));
        assertEquals("adj2", work.getString("assignee"));
        JsonArray events =
                h.get("/api/v1/claims/" + b, "adj1", "adjuster").json().getJsonArray("events");
        List<String> actions =
                events.stream().map(e -> ((JsonObject) e).getString("action")).toList();
        assertTrue(actions.containsAll(List.of("assigned", "reassigned", "note")), actions.toString());
        assertNull(h.get("/api/v1/claims/" + a + "/work", "adj1", "adjuster")
                .json()
                .getString("assignee"));
    }

    @Test
    void aFailingAssessmentLeavesNothingHalfWritten() throws Exception {
        long id = new ClaimScenarios(h).openLiability();
        // the database refuses the assessment once it carries the fault share: the last part written
        try (Connection c = h.verticle.services().db().connection();
                Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION claims.refuse_fault_share() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            st.execute("CREATE TRIGGER refuse_fault_share BEFORE UPDATE ON claims.claim FOR EACH ROW WHEN (NEW.id = "
                    + id + " AND NEW.assessment ? 'faultSharePercent') EXECUTE FUNCTION claims.refuse_fault_share()");
        }
        JsonObject body = new JsonObject()
                .put("faultSharePercent", 60)
                .put(
                        "items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("head", "medical")
                                        .put("idNumber", "11010519491231002X")
                                        .put("name", "张三")
                                        .put("damageFen", 500_000)));
        String path = "/api/v1/claims/" + id + "/liability-assessment";
        try {
            Resp failed = h.post(path, "adj1", "adjuster", body);
            assertEquals(500, failed.status(), () -> failed.raw().toString());
            JsonObject claim = h.get("/api/v1/claims/" + id, "adj1", "adjuster").json();
            assertEquals("open", claim.getString("status"), "the status is not moved on");
            assertNull(claim.getValue("assessment"), "no assessment without its fault share");
            assertNull(claim.getValue("payoutFen"), "no payout");
            assertTrue(
                    claim.getJsonArray("events").stream()
                            .noneMatch(e -> "assessed".equals(((JsonObject) e).getString("action"))),
                    "no history event");
        } finally {
            try (Connection c = h.verticle.services().db().connection();
                    Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER refuse_fault_share ON claims.claim");
                st.execute("DROP FUNCTION claims.refuse_fault_share()");
            }
        }
        Resp ok = h.post(path, "adj1", "adjuster", body);
        assertEquals(200, ok.status(), () -> ok.raw().toString());
        assertEquals(60, ok.json().getJsonObject("assessment").getInteger("faultSharePercent"));
        assertEquals(300_000, ok.json().getLong("payoutFen"));
    }

    @Test
    void theLiabilityAssessmentTakesTheFaultShareAndLimitsEachPersonByIdentityNumber() {
        long id = new ClaimScenarios(h).openLiability();
        String path = "/api/v1/claims/" + id + "/liability-assessment";
        JsonObject medical = new JsonObject()
                .put("head", "medical")
                .put("idNumber", "11010519491231002X")
                .put("name", "张三");
        Resp badId = h.post(
                path,
                "adj1",
                "adjuster",
                new JsonObject()
                        .put("faultSharePercent", 70)
                        .put(
                                "items",
                                new JsonArray()
                                        .add(medical.copy()
                                                .put("idNumber", "张三")
                                                .put("damageFen", 100))));
        assertEquals(400, badId.status(), () -> badId.raw().toString());
        assertEquals(
                400,
                h.post(
                                path,
                                "adj1",
                                "adjuster",
                                new JsonObject()
                                        .put("faultSharePercent", 101)
                                        .put(
                                                "items",
                                                new JsonArray()
                                                        .add(medical.copy().put("damageFen", 100))))
                        .status());
        // 2 × 10,000 yuan medical for one person at 70 %: 14,000 assessed, the per-person limit (10,000) pays
        Resp ok = h.post(
                path,
                "adj1",
                "adjuster",
                new JsonObject()
                        .put("faultSharePercent", 70)
                        .put(
                                "items",
                                new JsonArray()
                                        .add(medical.copy().put("damageFen", 1_000_000))
                                        .add(medical.copy().put("damageFen", 1_000_000))
                                        .add(new JsonObject()
                                                .put("head", "property")
                                                .put("damageFen", 100_000))));
        assertEquals(200, ok.status(), () -> ok.raw().toString());
        JsonObject a = ok.json().getJsonObject("assessment");
        assertEquals(70, a.getInteger("faultSharePercent"));
        JsonArray lines = a.getJsonArray("lines");
        assertEquals(700_000, lines.getJsonObject(0).getLong("assessedFen"));
        assertEquals(1_000_000, lines.getJsonObject(0).getLong("damageFen"));
        assertEquals("11010519491231002X", lines.getJsonObject(0).getString("person"));
        assertEquals("张三", lines.getJsonObject(0).getString("name"));
        assertEquals(300_000, lines.getJsonObject(1).getLong("payableFen"));
        assertEquals("per-person", lines.getJsonObject(1).getString("limitedBy"));
        assertEquals(70_000, lines.getJsonObject(2).getLong("payableFen"));
        assertEquals(1_070_000, a.getLong("totalPayableFen"));
        assertEquals("assessed", ok.json().getString("status"));
    }
}
