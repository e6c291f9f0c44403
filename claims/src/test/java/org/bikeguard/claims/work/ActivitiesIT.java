package org.bikeguard.claims.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Activities over HTTP: the standard ones a theft claim's opening creates, their due dates in
 * working days across the 2026 National Day holiday (1–7 October off, Saturday 10 October
 * worked), "my activities" through the claim's assignee, activities added with a date or a number
 * of working days, overdue ones, done once, and the decision activity when the papers are complete.
 */
class ActivitiesIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** A theft claim opened on Wednesday 2026-09-30, the day before the National Day holiday. */
    private static long openedBeforeNationalDay() {
        h.tracker.owner("o1", "13700000001", "430***1", null);
        h.tracker.bike("b1", "o1", "2025-10-01", "A1");
        h.clock.setDate("2026-06-01");
        h.post(
                "/api/v1/policies",
                "inst",
                "installer",
                new JsonObject().put("bikeId", "b1").put("product", "anti-theft"));
        h.tracker.confirmedTheft("c1", "b1", "2026-09-20T02:00:00Z");
        h.clock.setDate("2026-09-30");
        Resp r = h.post(
                "/api/v1/claims",
                "adj1",
                "adjuster",
                new JsonObject().put("type", "theft").put("theftCaseId", "c1"));
        assertEquals(201, r.status(), () -> r.raw().toString());
        return r.json().getLong("id");
    }

    private static JsonArray list(String path, String user) {
        Resp r = h.get(path, user, "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json().getJsonArray("activities");
    }

    private static JsonObject byKind(JsonArray a, String kind) {
        return a.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> kind.equals(o.getString("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " not in " + a.encode()));
    }

    private static List<Long> ids(JsonArray a) {
        return a.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    @Test
    void anAdjustersActivitiesFromOpeningToDecision() {
        long id = openedBeforeNationalDay();
        String base = "/api/v1/claims/" + id + "/activities";
        JsonArray std = list(base, "adj1");
        assertEquals(2, std.size(), std.encodePrettily());
        JsonObject ack = byKind(std, "acknowledge");
        assertEquals("2026-10-08", ack.getString("dueDate"), "one working day after 30 September: after the holiday");
        assertEquals("确认收到报案并告知车主", ack.getString("text"));
        assertNull(ack.getString("assignee"));
        assertEquals("system", ack.getString("createdBy"));
        assertEquals("2026-10-13", byKind(std, "papers").getString("dueDate"), "8, 9, Saturday 10, 12, 13 October");

        // the claim's assignee owns the activities that name nobody
        h.post("/api/v1/claims/" + id + "/assignment", "sup", "admin", new JsonObject().put("assignee", "adj2"));
        assertEquals(ids(std), ids(list("/api/v1/claims/activities?mine=true", "adj2")));
        assertEquals(List.of(), ids(list("/api/v1/claims/activities?mine=true", "adj1")));

        Resp mine = h.post(
                base,
                "adj2",
                "adjuster",
                new JsonObject()
                        .put("text", "联系派出所核实案情")
                        .put("assignee", "adj3")
                        .put("dueInWorkingDays", 2));
        assertEquals(201, mine.status(), () -> mine.raw().toString());
        assertEquals("2026-10-09", mine.json().getString("dueDate"));
        assertEquals("adj3", mine.json().getString("assignee"));
        assertNull(mine.json().getString("kind"));
        Resp dated = h.post(
                base, "adj2", "adjuster", new JsonObject().put("text", "回访车主").put("dueDate", "2026-10-20"));
        assertEquals("adj2", dated.json().getString("assignee"));
        assertEquals(List.of(mine.json().getLong("id")), ids(list("/api/v1/claims/activities?assignee=adj3", "adj1")));
        assertEquals(
                400,
                h.post(
                                base,
                                "adj2",
                                "adjuster",
                                new JsonObject()
                                        .put("text", "x")
                                        .put("dueDate", "2026-10-20")
                                        .put("dueInWorkingDays", 2))
                        .status());
        assertEquals(
                400,
                h.post(base, "adj2", "adjuster", new JsonObject().put("text", " "))
                        .status());
        assertEquals(
                400,
                h.post(
                                base,
                                "adj2",
                                "adjuster",
                                new JsonObject().put("text", "x").put("dueInWorkingDays", "two"))
                        .status());
        assertEquals(403, h.get(base, "13700000001", "owner").status());

        // on 9 October the acknowledgement is overdue, nothing else
        h.clock.setDate("2026-10-09");
        JsonArray overdue = list("/api/v1/claims/activities?overdue=true", "adj1");
        assertEquals(List.of(ack.getLong("id")), ids(overdue));
        assertEquals(true, overdue.getJsonObject(0).getBoolean("overdue"));
        Resp done = h.post(base + "/" + ack.getLong("id") + "/done", "adj2", "adjuster", null);
        assertEquals(200, done.status(), () -> done.raw().toString());
        assertEquals("adj2", done.json().getString("doneBy"));
        assertEquals("2026-10-09T04:00:00.000Z", done.json().getString("doneAt"));
        assertEquals(false, done.json().getBoolean("overdue"));
        assertEquals(
                409,
                h.post(base + "/" + ack.getLong("id") + "/done", "adj2", "adjuster", null)
                        .status(),
                "done once");
        assertEquals(
                404, h.post(base + "/999999/done", "adj2", "adjuster", null).status());
        assertEquals(List.of(), ids(list("/api/v1/claims/activities?overdue=true", "adj1")));

        // complete papers: the papers activity is done, the decision is due on the claim's SLA date
        Resp papers = h.post(
                "/api/v1/claims/" + id + "/papers",
                "adj2",
                "adjuster",
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray(List.of("police-receipt", "invoice", "id-card", "registration"))));
        assertEquals(200, papers.status(), () -> papers.raw().toString());
        JsonObject claim = h.get("/api/v1/claims/" + id, "adj1", "adjuster").json();
        JsonArray after = claim.getJsonArray("activities");
        assertEquals("system", byKind(after, "papers").getString("doneBy"));
        JsonObject decide = byKind(after, "decide");
        assertEquals(claim.getString("dueDate"), decide.getString("dueDate"));
        assertTrue(decide.getString("doneAt") == null, "open until the decision");
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/decision",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("decision", "deny").put("reason", "材料不实"))
                        .status());
        JsonArray closed = list(base, "adj1");
        assertTrue(
                closed.stream().allMatch(o -> ((JsonObject) o).getString("doneAt") != null),
                "a denied claim's activities end with it: " + closed.encodePrettily());
    }
}
