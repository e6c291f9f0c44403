package org.bikeguard.tracker.traffic;

import static org.bikeguard.tracker.traffic.TrafficDesk.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.tracker.traffic.TrafficDesk.Rider;
import org.junit.jupiter.api.Test;

/**
 * Violation notices and the owner's view on a real tracker and PostgreSQL ({@link TrafficDesk}):
 * a notice retried after the SMS gateway failed and sent once, and an owner seeing only their own
 * bikes' violations, before and after the bike changed hands.
 */
class ViolationNoticesIT extends TrafficDeskTests {

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
        assertEquals(c.id(), desk.noticeOwner(vc), "the notice goes to the owner at the passage");
        assertEquals("violation", n.getString("template"));
    }

    private static List<Long> ids(TestOwner o) {
        return tracker.get("/api/v1/me/violations", o.token()).json().getJsonArray("violations").stream()
                .map(v -> ((JsonObject) v).getLong("id"))
                .toList();
    }
}
