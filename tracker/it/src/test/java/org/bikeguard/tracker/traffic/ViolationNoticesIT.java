package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Notices, appeals, monthly rules, zones and the owner's view on a real tracker and PostgreSQL,
 * violations inserted into the shared {@code violation} table as detection would. The SMS gateway
 * is a local HTTP server that can be told to fail. Clock: 24 November 2026, 10:00 Asia/Shanghai.
 */
@Timeout(180)
class ViolationNoticesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong TAGS = new AtomicLong(0xB1C0000);
    private static final AtomicLong SEQ = new AtomicLong(1);

    private static TrackerKit tracker;
    private static HttpServer sms;
    private static final AtomicInteger failNext = new AtomicInteger();
    private static final List<JsonObject> smsReceived = new CopyOnWriteArrayList<>();
    private static String admin;
    private static String traffic;
    private static String property;

    @BeforeAll
    static void start() throws IOException {
        sms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sms.createContext("/sms", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            boolean fail = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            smsReceived.add(new JsonObject(new String(body, StandardCharsets.UTF_8)).put("failed", fail));
            byte[] answer = (fail ? "{\"error\":\"busy\"}" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(fail ? 503 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        sms.start();
        tracker = TrackerKit.builder()
                .clock(ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant()))
                .env("BIKEGUARD_NOTICE_GATEWAY", "sms")
                .env(
                        "BIKEGUARD_NOTICE_URL",
                        "http://127.0.0.1:" + sms.getAddress().getPort() + "/sms")
                .env("BIKEGUARD_NOTICE_RETRY_S", "1")
                .start();
        admin = tracker.adminToken();
        traffic = tracker.userToken("officer-traffic", "traffic");
        property = tracker.userToken("property-desk", "property");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
        if (sms != null) {
            sms.stop(0);
        }
    }

    private record Rider(TestOwner owner, long bikeId, String tag, String plate) {}

    private static Rider rider(String name) {
        TestOwner o = tracker.owner(admin, name);
        String tag = Long.toHexString(TAGS.incrementAndGet()).toUpperCase();
        long bike = tracker.bike(admin, o.id(), tag);
        String plate = tracker.get("/api/v1/bikes/" + bike, admin).json().getString("plate");
        return new Rider(o, bike, tag, plate);
    }

    /** Inserts a violation as detection would; returns its id. */
    private static long violation(Rider r, String at) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO violation (tag, bike_id, kind, intersection_id,"
                        + " at, confidence, evidence, detected_at) VALUES (?, ?, 'red_light', 'X-01', ?, 0.97,"
                        + " '{\"phase\":\"red\"}'::jsonb, ?) RETURNING id")) {
            st.setLong(1, Long.parseUnsignedLong(r.tag(), 16));
            st.setLong(2, r.bikeId());
            st.setObject(3, OffsetDateTime.parse(at));
            st.setObject(4, OffsetDateTime.ofInstant(tracker.clock().instant(), ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject notice(String where, long id) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT state, attempts, last_error, template, count(*) OVER ()"
                                + " FROM notice WHERE " + where + " = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new JsonObject()
                        .put("state", rs.getString(1))
                        .put("attempts", rs.getInt(2))
                        .put("lastError", rs.getString(3))
                        .put("template", rs.getString(4))
                        .put("rows", rs.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNoticeIsRetriedAfterTheGatewayFailedAndSentOnce() {
        Rider r = rider("重试");
        failNext.set(2);
        long v = violation(r, "2026-11-24T09:30:00+08:00");
        JsonObject n = Poll.until(
                WAIT,
                "notice sent",
                () -> notice("violation_id", v),
                x -> x != null && x.getString("state").equals("sent"));
        assertEquals(3, n.getInteger("attempts"), n.encode());
        assertNull(n.getString("lastError"));
        assertEquals(1, n.getLong("rows"));
        List<JsonObject> mine = smsReceived.stream()
                .filter(j -> r.owner().phone().equals(j.getString("phone")))
                .toList();
        assertEquals(3, mine.size(), mine.toString());
        assertEquals(
                List.of(true, true, false),
                mine.stream().map(j -> j.getBoolean("failed")).toList());
        assertEquals("violation", mine.get(2).getString("template"));
        assertEquals(r.plate(), mine.get(2).getJsonObject("params").getString("plate"));
        assertEquals("2026-11-24 09:30", mine.get(2).getJsonObject("params").getString("at"));
        JsonObject mineView =
                tracker.get("/api/v1/me/violations", r.owner().token()).json();
        assertEquals(
                "sent",
                mineView.getJsonArray("violations")
                        .getJsonObject(0)
                        .getJsonObject("notice")
                        .getString("state"));
    }

    @Test
    void monthlyThresholdsCountCalendarMonthsOfShanghai() {
        // 2, 3, 4 and 5 violations in November; each rider also has one just before November and one
        // just after it in Shanghai time, which are inside November in UTC
        Rider[] riders = {rider("两次"), rider("三次"), rider("四次"), rider("五次")};
        for (int i = 0; i < riders.length; i++) {
            for (int k = 0; k < i + 2; k++) {
                violation(riders[i], "2026-11-1" + k + "T08:00:00+08:00");
            }
            violation(riders[i], "2026-11-01T07:59:00+08:00".replace("11-01T07:59", "10-31T23:30"));
            violation(riders[i], "2026-12-01T00:10:00+08:00");
        }
        JsonArray enrolled = tracker.get("/api/v1/traffic/training?month=2026-11", traffic)
                .json()
                .getJsonArray("enrolments");
        JsonObject byPlate = new JsonObject();
        enrolled.forEach(e -> byPlate.put(((JsonObject) e).getString("plate"), e));
        assertFalse(byPlate.containsKey(riders[0].plate()), enrolled.encode());
        assertEquals(3, byPlate.getJsonObject(riders[1].plate()).getInteger("violations"));
        assertEquals(4, byPlate.getJsonObject(riders[2].plate()).getInteger("violations"));
        assertEquals(5, byPlate.getJsonObject(riders[3].plate()).getInteger("violations"));
        assertEquals(
                new JsonArray().add(false).add(false).add(false),
                byPlate.getJsonObject(riders[1].plate()).getJsonArray("attended"));

        JsonArray named =
                tracker.http().get("/api/v1/public/named?month=2026-11").json().getJsonArray("named");
        String masked = Plates.mask(riders[3].plate());
        assertTrue(masked.endsWith("**") && !masked.equals(riders[3].plate()), masked);
        List<JsonObject> mine = named.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("plate").equals(masked))
                .toList();
        assertEquals(1, mine.size(), named.encode());
        assertEquals(5, mine.get(0).getLong("violations"));
        assertEquals(Set.of("plate", "violations"), mine.get(0).fieldNames());
        for (Rider r : riders) {
            assertFalse(named.encode().contains(r.plate()), "unmasked plate on the naming list");
        }
        // riders with 2, 3 and 4 are not named (no other test reaches 5 in a month)
        assertEquals(1, named.size(), named.encode());
        assertEquals("衡阳A·123**", Plates.mask("衡阳A·12345"));
        assertTrue(tracker.http().get("/api/v1/public/named?month=2026-10").json().getJsonArray("named").stream()
                .noneMatch(o -> ((JsonObject) o).getString("plate").equals(masked)));
        assertEquals(
                400, tracker.http().get("/api/v1/public/named?month=2026-13").status());

        // attendance and the exam
        long id = byPlate.getJsonObject(riders[1].plate()).getLong("id");
        Response put = tracker.put(
                "/api/v1/traffic/training/" + id,
                traffic,
                new JsonObject()
                        .put("attended", new JsonArray().add(true).add(true).add(true))
                        .put("exam", "passed"));
        assertEquals(200, put.status(), put.body());
        assertEquals(
                403,
                tracker.put(
                                "/api/v1/traffic/training/" + id,
                                riders[1].owner().token(),
                                new JsonObject()
                                        .put(
                                                "attended",
                                                new JsonArray()
                                                        .add(true)
                                                        .add(true)
                                                        .add(true)))
                        .status());

        JsonObject dash =
                tracker.get("/api/v1/traffic/dashboard?month=2026-11", traffic).json();
        assertTrue(dash.getLong("total") >= 14, dash.encode());
        assertEquals(6, dash.getJsonArray("trend").size());
        assertEquals(24, dash.getJsonArray("byHour").size());
    }

    @Test
    void aCancelledAppealStopsCountingAndAnUpheldOneKeepsIt() {
        Rider r = rider("申诉");
        long v1 = violation(r, "2026-11-02T08:00:00+08:00");
        long v2 = violation(r, "2026-11-03T08:00:00+08:00");
        violation(r, "2026-11-04T08:00:00+08:00");
        assertTrue(enrolled(r));
        Response filed = tracker.post(
                "/api/v1/me/violations/" + v1 + "/appeal", r.owner().token(), new JsonObject().put("reason", "绿灯通行"));
        assertEquals(201, filed.status(), filed.body());
        assertEquals(
                409,
                tracker.post(
                                "/api/v1/me/violations/" + v1 + "/appeal",
                                r.owner().token(),
                                new JsonObject().put("reason", "again"))
                        .status());
        assertEquals(
                201,
                tracker.post(
                                "/api/v1/me/violations/" + v2 + "/appeal",
                                r.owner().token(),
                                new JsonObject().put("reason", "not me"))
                        .status());
        JsonArray pending =
                tracker.get("/api/v1/traffic/appeals", traffic).json().getJsonArray("appeals");
        assertTrue(pending.stream().anyMatch(a -> ((JsonObject) a).getLong("violation") == v1));
        assertEquals(
                403,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v1 + "/decision",
                                r.owner().token(),
                                new JsonObject().put("decision", "cancelled"))
                        .status());
        assertEquals(
                200,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v2 + "/decision",
                                traffic,
                                new JsonObject().put("decision", "upheld"))
                        .status());
        assertTrue(enrolled(r), "an upheld appeal keeps the violation counted");
        assertEquals(
                200,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v1 + "/decision",
                                traffic,
                                new JsonObject().put("decision", "cancelled").put("note", "signal fault"))
                        .status());
        assertEquals(
                409,
                tracker.post(
                                "/api/v1/traffic/appeals/" + v1 + "/decision",
                                traffic,
                                new JsonObject().put("decision", "upheld"))
                        .status());
        assertFalse(enrolled(r), "a cancelled violation does not count");
        JsonArray mine =
                tracker.get("/api/v1/me/violations", r.owner().token()).json().getJsonArray("violations");
        JsonObject first = mine.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getLong("id") == v1)
                .findFirst()
                .orElseThrow();
        assertFalse(first.getBoolean("counted"));
        assertEquals("cancelled", first.getJsonObject("appeal").getString("state"));
    }

    private static boolean enrolled(Rider r) {
        return tracker.get("/api/v1/traffic/training?month=2026-11", traffic).json().getJsonArray("enrolments").stream()
                .anyMatch(e -> ((JsonObject) e).getString("plate").equals(r.plate()));
    }

    @Test
    void anOwnerSeesOnlyTheViolationsOfTheirOwnBikes() {
        Rider a = rider("甲");
        Rider b = rider("乙");
        long va = violation(a, "2026-11-05T08:00:00+08:00");
        long vb = violation(b, "2026-11-05T09:00:00+08:00");
        JsonArray mine =
                tracker.get("/api/v1/me/violations", a.owner().token()).json().getJsonArray("violations");
        assertEquals(1, mine.size(), mine.encode());
        assertEquals(va, mine.getJsonObject(0).getLong("id"));
        assertEquals(a.plate(), mine.getJsonObject(0).getString("plate"));
        assertEquals(
                404,
                tracker.post(
                                "/api/v1/me/violations/" + vb + "/appeal",
                                a.owner().token(),
                                new JsonObject().put("reason", "x"))
                        .status());
        assertEquals(403, tracker.get("/api/v1/me/violations", traffic).status());
        assertEquals(
                403, tracker.get("/api/v1/traffic/dashboard", a.owner().token()).status());
        assertEquals(401, tracker.http().get("/api/v1/me/violations").status());

        // a's bike goes to c: its old violation stays a's, a later one is c's
        TestOwner c = tracker.owner(admin, "丙");
        Response moved = tracker.post(
                "/api/v1/me/bikes/" + a.bikeId() + "/transfer",
                a.owner().token(),
                new JsonObject().put("toPhone", c.phone()).put("toIdNumber", c.idNumber()));
        assertEquals(200, moved.status(), moved.body());
        long vc = violation(
                a,
                OffsetDateTime.ofInstant(tracker.clock().instant().plusSeconds(60), ZoneOffset.UTC)
                        .toString());
        assertEquals(List.of(va), ids(a.owner()));
        assertEquals(List.of(vc), ids(c));
        assertEquals(
                404,
                tracker.post(
                                "/api/v1/me/violations/" + va + "/appeal",
                                c.token(),
                                new JsonObject().put("reason", "not mine"))
                        .status());
        assertEquals(
                201,
                tracker.post(
                                "/api/v1/me/violations/" + va + "/appeal",
                                a.owner().token(),
                                new JsonObject().put("reason", "mine, but green"))
                        .status());
        JsonObject n =
                Poll.until(WAIT, "notice of the later violation", () -> notice("violation_id", vc), x -> x != null);
        assertEquals(c.id(), owner(vc), "the notice goes to the owner at the passage");
        assertEquals("violation", n.getString("template"));
    }

    private static List<Long> ids(TestOwner o) {
        return tracker.get("/api/v1/me/violations", o.token()).json().getJsonArray("violations").stream()
                .map(v -> ((JsonObject) v).getLong("id"))
                .toList();
    }

    private static long owner(long violationId) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT owner_id FROM notice WHERE violation_id = ?")) {
            st.setLong(1, violationId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFireLaneDwellOf14MinutesIsLeftAloneAnd16BringsATextAnd31AFine() {
        tracker.station("FL-1", 112.60, 26.90);
        Response z = tracker.put(
                "/api/v1/zones/fire-1",
                admin,
                new JsonObject()
                        .put("name", "消防通道 1")
                        .put("kind", "fire_lane")
                        .put("stations", new JsonArray().add("FL-1")));
        assertEquals(201, z.status(), z.body());
        assertEquals(900, z.json().getInteger("graceS"));
        assertEquals(10_000, z.json().getLong("fineFen"));
        Rider r14 = rider("十四分");
        Rider r16 = rider("十六分");
        Rider r31 = rider("三十一分");
        long now = tracker.clock().millis();
        park("FL-1", r14, now, 14);
        park("FL-1", r16, now, 16);
        park("FL-1", r31, now, 31);
        JsonArray events = Poll.until(
                WAIT,
                "zone events",
                () -> tracker.get("/api/v1/zones/fire-1/events", traffic).json().getJsonArray("events"),
                a -> a.size() >= 3);
        List<String> kinds14 = kinds(events, r14);
        List<String> kinds16 = kinds(events, r16);
        List<String> kinds31 = kinds(events, r31);
        assertEquals(List.of(), kinds14, events.encode());
        assertEquals(List.of("text"), kinds16, events.encode());
        assertEquals(List.of("text", "fine"), kinds31, events.encode());
        Poll.until(WAIT, "text sent", () -> smsReceived.stream()
                .anyMatch(j -> r16.owner().phone().equals(j.getString("phone"))
                        && "zone_text".equals(j.getString("template"))
                        && !j.getBoolean("failed")));

        JsonArray fines =
                tracker.get("/api/v1/me/violations", r31.owner().token()).json().getJsonArray("fines");
        assertEquals(1, fines.size(), fines.encode());
        JsonObject fine = fines.getJsonObject(0);
        assertEquals(10_000, fine.getLong("amountFen"));
        assertEquals("unpaid", fine.getString("state"));
        long fineId = fine.getLong("id");
        assertEquals(
                404,
                tracker.post("/api/v1/me/fines/" + fineId + "/pay", r16.owner().token(), new JsonObject())
                        .status());
        Response pay =
                tracker.post("/api/v1/me/fines/" + fineId + "/pay", r31.owner().token(), new JsonObject());
        assertEquals(200, pay.status(), pay.body());
        assertEquals("counter", pay.json().getString("method"));
        assertEquals(
                200,
                tracker.post("/api/v1/fines/" + fineId + "/paid", traffic, new JsonObject().put("reference", "R-1"))
                        .status());
        assertEquals(
                409,
                tracker.post("/api/v1/fines/" + fineId + "/paid", traffic, new JsonObject())
                        .status());
        assertEquals(
                "paid",
                tracker.get("/api/v1/me/violations", r31.owner().token())
                        .json()
                        .getJsonArray("fines")
                        .getJsonObject(0)
                        .getString("state"));
    }

    /** Reads of the rider's tag every 20 s for {@code minutes}, ending now, in one frame. */
    private static void park(String station, Rider r, long nowMs, int minutes) {
        StringBuilder reads = new StringBuilder("[");
        for (long t = nowMs - minutes * 60_000L; t <= nowMs; t += 20_000) {
            reads.append(reads.length() > 1 ? "," : "").append(JsonFrames.read(r.tag(), t, false));
        }
        tracker.publish(station, SEQ.incrementAndGet(), reads.append(']').toString());
    }

    private static List<String> kinds(JsonArray events, Rider r) {
        return events.stream()
                .map(o -> (JsonObject) o)
                .filter(e -> r.tag().equals(e.getString("tag")))
                .map(e -> e.getString("kind"))
                .toList();
    }

    @Test
    void aPolygonCompilesToTheStationsInsideItAndABuildingEntranceAlertsAtOnce() {
        tracker.station("IN-1", 112.701, 26.801);
        tracker.station("IN-2", 112.709, 26.809);
        tracker.station("OUT-1", 112.720, 26.801);
        JsonObject square = polygon(112.70, 26.80, 112.71, 26.80, 112.71, 26.81, 112.70, 26.81, 112.70, 26.80);
        Response z = tracker.put(
                "/api/v1/zones/lobby-7",
                admin,
                new JsonObject()
                        .put("name", "7 栋电梯厅")
                        .put("kind", "building_entrance")
                        .put("geometry", square));
        assertEquals(201, z.status(), z.body());
        assertEquals(new JsonArray().add("IN-1").add("IN-2"), z.json().getJsonArray("compiledStations"));
        JsonObject bowtie = polygon(112.70, 26.80, 112.71, 26.81, 112.71, 26.80, 112.70, 26.81, 112.70, 26.80);
        Response bad = tracker.put(
                "/api/v1/zones/lobby-8",
                admin,
                new JsonObject()
                        .put("name", "x")
                        .put("kind", "building_entrance")
                        .put("geometry", bowtie));
        assertEquals(400, bad.status(), bad.body());
        assertEquals(
                400,
                tracker.put(
                                "/api/v1/zones/lobby-9",
                                admin,
                                new JsonObject().put("name", "x").put("kind", "lift"))
                        .status());
        assertEquals(
                403,
                tracker.put(
                                "/api/v1/zones/lobby-9",
                                traffic,
                                new JsonObject()
                                        .put("name", "x")
                                        .put("kind", "corridor")
                                        .put("stations", new JsonArray().add("IN-1")))
                        .status());

        Rider r = rider("进电梯");
        long t0 = System.nanoTime();
        tracker.publish(
                "IN-2",
                SEQ.incrementAndGet(),
                "[" + JsonFrames.read(r.tag(), tracker.clock().millis(), false) + "]");
        JsonArray alerts = Poll.until(
                WAIT,
                "property alert",
                () -> tracker.get("/api/v1/property/alerts", property).json().getJsonArray("alerts"),
                a -> a.stream().anyMatch(e -> r.tag().equals(((JsonObject) e).getString("tag"))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "alert after " + ms + " ms");
        JsonObject alert = alerts.stream()
                .map(o -> (JsonObject) o)
                .filter(e -> r.tag().equals(e.getString("tag")))
                .findFirst()
                .orElseThrow();
        assertEquals("entered", alert.getString("kind"));
        assertEquals("lobby-7", alert.getString("zone"));
        assertEquals(r.plate(), alert.getString("plate"));
        assertEquals(403, tracker.get("/api/v1/property/alerts", traffic).status());
    }

    /** A GeoJSON polygon of one ring through {@code lonLat} pairs (longitude, latitude, …). */
    private static JsonObject polygon(double... lonLat) {
        JsonArray ring = new JsonArray();
        for (int i = 0; i < lonLat.length; i += 2) {
            ring.add(new JsonArray().add(lonLat[i]).add(lonLat[i + 1]));
        }
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }
}
