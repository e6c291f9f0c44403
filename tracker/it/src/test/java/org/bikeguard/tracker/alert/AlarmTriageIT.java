package org.bikeguard.tracker.alert;

import static org.bikeguard.tracker.alert.AlarmConsole.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alarm triage over a two-member cluster on one database: the catch-up is bracketed by
 * {@code catch-up}/{@code live}; an outcome or a dispatch made through one member reaches the
 * consoles of both at once, with who and when, audited; the outcomes report counts by Shanghai day.
 */
class AlarmTriageIT {

    private static final Vertx VERTX = Vertx.vertx();
    /** One scenario time line for both members (never today's date). */
    private static final Clock CLOCK = ScenarioClock.ticking();

    private static TrackerKit a;
    private static TrackerKit b;
    private static final AtomicLong SEQ = new AtomicLong();

    @BeforeAll
    static void start() {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(2);
        a = TrackerKit.builder().database(db).cluster(ports, 0).clock(CLOCK).start();
        b = TrackerKit.builder().database(db).cluster(ports, 1).clock(CLOCK).start();
        a.station("TR-1", 112.57, 26.89);
        a.station("TR-2", 112.58, 26.90);
        a.user("officer-tr", "police");
        a.user("officer-tr2", "police");
    }

    @AfterAll
    static void stop() {
        VERTX.close().await();
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static String token(TrackerKit member, String user) {
        return member.token(user, "password-" + user);
    }

    /** Watches the tag and has it heard at TR-1 through member a; returns nothing (await the alarm). */
    private static void theft(String tag) {
        a.app().alerts().watchList().watch(TagIds.parse(tag), 0, "HY-" + tag, "衡阳" + tag);
        Poll.until(
                Duration.ofSeconds(10),
                "the watch list replicated",
                () -> b.app().alerts().watchList().contains(TagIds.parse(tag)));
        a.publish("TR-1", SEQ.incrementAndGet(), "[" + JsonFrames.read(tag, CLOCK.millis(), false) + "]");
    }

    private static JsonObject update(AlarmConsole c, long id, String field, String value) {
        Poll.until(
                Duration.ofSeconds(10),
                "update of alarm " + id + " with " + field + "=" + value,
                () -> c.control().stream()
                        .anyMatch(o -> "update".equals(o.getString("event"))
                                && o.getJsonObject("alert").getLong("id") == id
                                && value.equals(o.getJsonObject("alert").getString(field))));
        return c.control().stream()
                .filter(o -> "update".equals(o.getString("event"))
                        && o.getJsonObject("alert").getLong("id") == id
                        && value.equals(o.getJsonObject("alert").getString(field)))
                .findFirst()
                .orElseThrow()
                .getJsonObject("alert");
    }

    @Test
    void anOutcomeMadeThroughOneMemberReachesTheConsolesOfBothWithWhoAndWhen() throws Exception {
        try (AlarmConsole onA = AlarmConsole.connect(VERTX, a.httpPort(), token(a, "officer-tr"), null);
                AlarmConsole onB = AlarmConsole.connect(VERTX, b.httpPort(), token(b, "officer-tr2"), null)) {
            // without since, everything is live at once
            Poll.until(Duration.ofSeconds(5), "live on b", () -> onB.control().stream()
                    .anyMatch(o -> "live".equals(o.getString("event"))));
            theft("AB01");
            long id = onB.await("the alarm on b", of("stolen", "AB01")).getLong("id");
            onA.await("the alarm on a", of("stolen", "AB01"));
            Poll.until(Duration.ofSeconds(10), "stored", () -> {
                try {
                    return a.app().alerts().store().get(id) != null;
                } catch (Exception e) {
                    return false;
                }
            });

            var r = a.post(
                    "/api/v1/alerts/" + id + "/outcome",
                    token(a, "officer-tr"),
                    new JsonObject().put("outcome", "intercepted").put("note", "stopped at the bridge"));
            assertEquals(200, r.status(), r.body());
            JsonObject row = new JsonObject(r.body());
            assertEquals("intercepted", row.getString("outcome"));
            assertEquals("officer-tr", row.getString("outcomeBy"));
            Instant at = Instant.parse(row.getString("outcomeAt"));
            assertTrue(Math.abs(Duration.between(at, CLOCK.instant()).toSeconds()) < 30, "the scenario clock's time");
            assertEquals("acknowledged", row.getString("status"), "an outcome acknowledges");

            // both members' consoles get the change, the other member's included
            JsonObject seenOnB = update(onB, id, "outcome", "intercepted");
            assertEquals("officer-tr", seenOnB.getString("outcomeBy"));
            assertEquals("stopped at the bridge", seenOnB.getString("outcomeNote"));
            update(onA, id, "outcome", "intercepted");

            // a dispatch through b reaches a's console too; the outcome already set stays
            assertEquals(
                    200,
                    b.post("/api/v1/alerts/" + id + "/dispatch", token(b, "officer-tr2"), new JsonObject())
                            .status());
            JsonObject dispatched = update(onA, id, "status", "dispatched");
            assertEquals("officer-tr2", dispatched.getString("dispatchedBy"));
            assertEquals("intercepted", dispatched.getString("outcome"));

            // a false alarm replaces it; the audit log says who did what
            assertEquals(
                    200,
                    b.post(
                                    "/api/v1/alerts/" + id + "/outcome",
                                    token(b, "officer-tr2"),
                                    new JsonObject().put("outcome", "false_alarm"))
                            .status());
            update(onA, id, "outcome", "false_alarm");
            try (Connection c = a.database().dataSource().getConnection();
                    PreparedStatement st = c.prepareStatement("SELECT username, details->>'outcome' FROM audit_log"
                            + " WHERE action = 'alert.outcome' AND (details->>'alert')::bigint = ? ORDER BY id")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("officer-tr", rs.getString(1));
                    assertEquals("intercepted", rs.getString(2));
                    assertTrue(rs.next());
                    assertEquals("officer-tr2", rs.getString(1));
                    assertEquals("false_alarm", rs.getString(2));
                }
            }
        }
    }

    @Test
    void badOutcomesAreRefused() {
        String t = token(a, "officer-tr");
        assertEquals(
                400,
                a.post("/api/v1/alerts/1/outcome", t, new JsonObject().put("outcome", "solved"))
                        .status());
        assertEquals(
                400, a.post("/api/v1/alerts/1/outcome", t, new JsonObject()).status());
        assertEquals(
                404,
                a.post("/api/v1/alerts/987654321/outcome", t, new JsonObject().put("outcome", "intercepted"))
                        .status());
        assertEquals(
                403,
                a.post("/api/v1/alerts/1/outcome", a.adminToken(), new JsonObject().put("outcome", "intercepted"))
                        .status(),
                "admins read, police decide");
        assertEquals(400, a.get("/api/v1/alerts/outcomes?from=2026-13-01", t).status());
        assertEquals(
                400,
                a.get("/api/v1/alerts/outcomes?from=2026-11-10&to=2026-11-01", t)
                        .status());
    }

    @Test
    void theCatchUpIsBracketedSoThatAConsoleCanTellItFromLiveAlarms() {
        theft("CC01");
        long first;
        try (AlarmConsole probe = AlarmConsole.connect(VERTX, b.httpPort(), token(b, "officer-tr"), 0L)) {
            first = probe.await("the first alarm", of("stolen", "CC01")).getLong("id");
        }
        theft("CC02");
        theft("CC03");
        try (AlarmConsole probe = AlarmConsole.connect(VERTX, a.httpPort(), token(a, "officer-tr"), 0L)) {
            probe.await("the last alarm", of("stolen", "CC03"));
        }
        try (AlarmConsole c = AlarmConsole.connect(VERTX, b.httpPort(), token(b, "officer-tr"), first - 1)) {
            Poll.until(Duration.ofSeconds(10), "live", () -> c.control().stream()
                    .anyMatch(o -> "live".equals(o.getString("event"))));
            List<String> events =
                    c.control().stream().map(o -> o.getString("event")).toList();
            assertEquals(List.of("ready", "catch-up", "live"), events.subList(0, 3), events.toString());
            JsonObject catchUp = c.control().get(1);
            assertEquals(first - 1, catchUp.getLong("since"));
            // everything after since that exists now was replayed, and counted
            assertEquals(c.received().size(), catchUp.getInteger("count"));
            assertTrue(c.received().size() >= 3, c.received().toString());
            assertEquals(first, c.received().get(0).getLong("id"));
            // a live alarm after the bracket
            theft("CC04");
            c.await("a live alarm", of("stolen", "CC04"));
            assertEquals(catchUp.getInteger("count") + 1, c.received().size());
        }
    }

    @Test
    void theOutcomesReportCountsAlarmsByTheirShanghaiDayAndOutcome() throws Exception {
        // days long before the scenario's time (no live alarm of the other tests falls in them):
        // 2025-06-09T15:59:59Z is 23:59:59 on the 9th in Shanghai, 16:00:00Z midnight of the 10th
        insert(101, "2025-06-09T15:59:59Z", "intercepted");
        insert(102, "2025-06-09T16:00:00Z", "false_alarm");
        insert(103, "2025-06-10T03:00:00Z", null);
        insert(104, "2025-06-10T04:00:00Z", "false_alarm");
        insert(105, "2025-06-12T04:00:00Z", "dispatched"); // outside the window
        var r = a.get("/api/v1/alerts/outcomes?from=2025-06-09&to=2025-06-11", token(a, "officer-tr"));
        assertEquals(200, r.status(), r.body());
        JsonObject o = new JsonObject(r.body());
        assertEquals("Asia/Shanghai", o.getString("zone"));
        JsonArray days = o.getJsonArray("days");
        assertEquals(3, days.size(), "every day listed, empty ones too");
        assertEquals(
                new JsonObject()
                        .put("day", "2025-06-09")
                        .put("dispatched", 0)
                        .put("intercepted", 1)
                        .put("false_alarm", 0)
                        .put("none", 0)
                        .put("total", 1),
                days.getJsonObject(0));
        JsonObject d10 = days.getJsonObject(1);
        assertEquals(2, d10.getLong("false_alarm"));
        assertEquals(1, d10.getLong("none"));
        assertEquals(3, d10.getLong("total"));
        assertEquals(0, days.getJsonObject(2).getLong("total"));
        assertEquals(4, o.getJsonObject("totals").getLong("total"));
        assertEquals(
                200,
                a.get("/api/v1/alerts/outcomes?from=2025-06-09&to=2025-06-11", a.adminToken())
                        .status());
    }

    /** A stored alarm of another time (ids far below the cluster counter's). */
    private static void insert(long id, String raisedAt, String outcome) throws Exception {
        try (Connection c = a.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO alerts (id, type, tag, station, at, raised_at, body, outcome, outcome_by, outcome_at)"
                                + " VALUES (?, 'stolen', 1, 'TR-1', ?, ?, ?::jsonb, ?, ?, ?)")) {
            OffsetDateTime t = OffsetDateTime.ofInstant(Instant.parse(raisedAt), ZoneOffset.UTC);
            st.setLong(1, id);
            st.setObject(2, t);
            st.setObject(3, t);
            st.setString(
                    4,
                    new JsonObject()
                            .put("id", id)
                            .put("type", "stolen")
                            .put("tag", "1")
                            .put("station", "TR-1")
                            .put("lon", 112.57)
                            .put("lat", 26.89)
                            .put("at", raisedAt)
                            .encode());
            st.setString(5, outcome);
            st.setString(6, outcome == null ? null : "officer-tr");
            st.setObject(7, outcome == null ? null : t);
            st.executeUpdate();
        }
        assertNotNull(a.app().alerts().store().get(id));
    }
}
