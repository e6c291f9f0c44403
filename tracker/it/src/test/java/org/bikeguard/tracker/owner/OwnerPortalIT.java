package org.bikeguard.tracker.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The owner portal's API against a real tracker (embedded PostgreSQL) at a fixed scenario day:
 * certificates only of one's own bikes, the two-step transfer's refusals (stolen bike, a second
 * pending offer, someone else accepting, a wrong ID number), declining, payment orders through the
 * counter gateway, the day's capacity and replacement-card requests.
 */
@Timeout(120)
class OwnerPortalIT {

    private static TrackerKit tracker;
    private static String installer;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder()
                .clock(ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant()))
                .start();
        installer = tracker.userToken("installer-portal", "installer");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void theOwnerPagesAreServedUnderTheTrackersPolicyWithoutInlineScriptOrHandlers() {
        Response redirect = tracker.get("/owner", null);
        assertTrue(redirect.status() == 200 || redirect.status() == 302, "the bare path leads to the pages");
        for (String file : List.of("/owner/", "/owner/app.js", "/owner/owner.css")) {
            Response r = tracker.get(file, null);
            assertEquals(200, r.status(), file);
        }
        String html = tracker.get("/owner/", null).body();
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        int n = 0;
        while (scripts.find()) {
            n++;
            assertTrue(scripts.group(1).contains("src="), "inline <script" + scripts.group(1) + ">");
        }
        assertEquals(5, n, "i18n, api, views, services, app");
        assertTrue(
                !Pattern.compile("\\son[a-z]+\\s*=|\\sstyle\\s*=|javascript:")
                        .matcher(html)
                        .find(),
                "no inline handler or style");
        assertTrue(html.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""), "a phone page");
    }

    @Test
    void anOwnerSeesTheCertificateAndQrOfTheirOwnBikesOnly() {
        TestOwner a = tracker.owner(installer, "证书甲");
        TestOwner b = tracker.owner(installer, "证书乙");
        long bike = tracker.bike(installer, a.id(), "7C01");
        JsonObject cert = tracker.get("/api/v1/me/bikes/" + bike + "/certificate", a.token())
                .json();
        String code = tracker.get("/api/v1/bikes/" + bike, installer).json().getString("certificateCode");
        assertEquals(code, cert.getString("code"));
        assertEquals(tracker.baseUrl() + "/c/" + code, cert.getString("url"));
        Response svg = tracker.get("/api/v1/me/bikes/" + bike + "/certificate.svg", a.token());
        assertEquals(200, svg.status());
        assertTrue(svg.contentType().startsWith("image/svg+xml"), svg.contentType());
        assertTrue(svg.body().startsWith("<svg"), svg.body());
        assertEquals(
                404,
                tracker.get("/api/v1/me/bikes/" + bike + "/certificate", b.token())
                        .status());
        assertEquals(
                404,
                tracker.get("/api/v1/me/bikes/" + bike + "/certificate.svg", b.token())
                        .status());
        assertEquals(
                403,
                tracker.get("/api/v1/me/bikes/" + bike + "/certificate", installer)
                        .status());
    }

    @Test
    void theBuyerAloneAcceptsWithTheirOwnIdNumberAndOnlyOneOfferIsPending() {
        TestOwner seller = tracker.owner(installer, "过户卖方");
        TestOwner buyer = tracker.owner(installer, "过户买方");
        TestOwner other = tracker.owner(installer, "过户路人");
        long bike = tracker.bike(installer, seller.id(), "7C02");
        JsonObject toBuyer = new JsonObject().put("toPhone", buyer.phone());
        Response unknown = tracker.post(
                "/api/v1/me/bikes/" + bike + "/transfer-offers",
                seller.token(),
                new JsonObject().put("toPhone", "13700000001"));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("toPhone", unknown.json().getJsonObject("details").getString("field"));
        Response offer = tracker.post("/api/v1/me/bikes/" + bike + "/transfer-offers", seller.token(), toBuyer);
        assertEquals(201, offer.status(), offer.body());
        long id = offer.json().getLong("id");
        assertEquals("pending", offer.json().getString("status"));
        assertEquals(
                409,
                tracker.post("/api/v1/me/bikes/" + bike + "/transfer-offers", seller.token(), toBuyer)
                        .status(),
                "one pending offer per bike");
        assertEquals(
                1,
                tracker.get("/api/v1/me/transfer-offers", buyer.token())
                        .json()
                        .getJsonArray("incoming")
                        .size());
        JsonObject ownId = new JsonObject().put("idNumber", other.idNumber());
        assertEquals(
                404,
                tracker.post("/api/v1/me/transfer-offers/" + id + "/accept", other.token(), ownId)
                        .status(),
                "only the buyer named may accept");
        Response wrongId = tracker.post(
                "/api/v1/me/transfer-offers/" + id + "/accept",
                buyer.token(),
                new JsonObject().put("idNumber", seller.idNumber()));
        assertEquals(400, wrongId.status());
        assertEquals("idNumber", wrongId.json().getJsonObject("details").getString("field"));
        Response ok = tracker.post(
                "/api/v1/me/transfer-offers/" + id + "/accept",
                buyer.token(),
                new JsonObject().put("idNumber", buyer.idNumber()));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("accepted", ok.json().getString("status"));
        assertEquals(
                buyer.id(),
                tracker.get("/api/v1/bikes/" + bike, installer).json().getLong("ownerId"));
        assertEquals(
                409,
                tracker.post("/api/v1/me/transfer-offers/" + id + "/cancel", buyer.token(), new JsonObject())
                        .status(),
                "an accepted offer is over");
    }

    @Test
    void aStolenBikeCannotBeOfferedAndABuyerMayDecline() {
        TestOwner seller = tracker.owner(installer, "拒绝卖方");
        TestOwner buyer = tracker.owner(installer, "拒绝买方");
        long stolen = tracker.bike(installer, seller.id(), "7C03");
        long bike = tracker.bike(installer, seller.id(), "7C04");
        Response report = tracker.post(
                "/api/v1/thefts",
                seller.token(),
                new JsonObject()
                        .put("bikeId", stolen)
                        .put(
                                "stolenAt",
                                ScenarioDate.WEEKDAY
                                        .instant()
                                        .minusSeconds(3600)
                                        .toString())
                        .put("place", "解放路口"));
        assertEquals(201, report.status(), report.body());
        JsonObject toBuyer = new JsonObject().put("toPhone", buyer.phone());
        Response refused = tracker.post("/api/v1/me/bikes/" + stolen + "/transfer-offers", seller.token(), toBuyer);
        assertEquals(409, refused.status(), refused.body());
        assertEquals("stolen", refused.json().getJsonObject("details").getString("status"));
        long id = tracker.post("/api/v1/me/bikes/" + bike + "/transfer-offers", seller.token(), toBuyer)
                .json()
                .getLong("id");
        Response declined =
                tracker.post("/api/v1/me/transfer-offers/" + id + "/cancel", buyer.token(), new JsonObject());
        assertEquals("declined", declined.json().getString("status"));
        assertEquals(
                seller.id(),
                tracker.get("/api/v1/bikes/" + bike, installer).json().getLong("ownerId"));
        assertEquals(
                201,
                tracker.post("/api/v1/me/bikes/" + bike + "/transfer-offers", seller.token(), toBuyer)
                        .status(),
                "a new offer after a declined one");
    }

    @Test
    void aPaymentOrderAtTheCounterIsPendingWithAReferenceForOnesOwnBikeOnly() {
        TestOwner a = tracker.owner(installer, "缴费甲");
        TestOwner b = tracker.owner(installer, "缴费乙");
        long bike = tracker.bike(installer, a.id(), "7C05");
        JsonObject body = new JsonObject()
                .put("bikeId", bike)
                .put("product", "anti-theft")
                .put("amountFen", 14500);
        Response order = tracker.post("/api/v1/me/payments", a.token(), body);
        assertEquals(201, order.status(), order.body());
        assertEquals("counter", order.json().getString("method"));
        assertEquals("pending", order.json().getString("status"));
        assertTrue(order.json().getString("reference").matches("P[2-9A-HJ-NP-Z]{10}"), order.body());
        assertTrue(order.json().getString("instructions").contains("145.00"), order.body());
        assertEquals(1, tracker.get("/api/v1/me/payments", a.token()).array().size());
        assertEquals(404, tracker.post("/api/v1/me/payments", b.token(), body).status());
        Response bad =
                tracker.post("/api/v1/me/payments", a.token(), body.copy().put("product", "gold"));
        assertEquals(400, bad.status());
        assertEquals("product", bad.json().getJsonObject("details").getString("field"));
    }

    @Test
    void theDaysCapacityCountsBookingsAndAReplacementCardMayBeRequested() {
        assertEquals(
                201,
                tracker.put(
                                "/api/v1/installation-points/IP-CAP",
                                tracker.adminToken(),
                                new JsonObject().put("name", "容量点").put("dailyCapacity", 1))
                        .status());
        TestOwner a = tracker.owner(installer, "容量甲");
        TestOwner b = tracker.owner(installer, "容量乙");
        LocalDate day = ScenarioDate.WEEKDAY.shanghaiDate().plusDays(1);
        String capacity = "/api/v1/installation-points/IP-CAP/capacity?day=" + day;
        assertEquals(1, tracker.get(capacity, a.token()).json().getInteger("left"));
        JsonObject booking = new JsonObject().put("point", "IP-CAP").put("day", day.toString());
        assertEquals(
                201, tracker.post("/api/v1/me/appointments", a.token(), booking).status());
        JsonObject full = tracker.get(capacity, b.token()).json();
        assertEquals(1, full.getInteger("booked"));
        assertEquals(0, full.getInteger("left"));
        assertEquals(
                409, tracker.post("/api/v1/me/appointments", b.token(), booking).status(), "full");
        assertEquals(
                404,
                tracker.get("/api/v1/installation-points/NOPE/capacity?day=" + day, a.token())
                        .status());
        assertEquals(
                400,
                tracker.get("/api/v1/installation-points/IP-CAP/capacity", a.token())
                        .status());

        long bike = tracker.bike(installer, a.id(), "7C06");
        Response card = tracker.post(
                "/api/v1/me/bikes/" + bike + "/requests",
                a.token(),
                new JsonObject().put("kind", "card").put("reason", "丢失"));
        assertEquals(201, card.status(), card.body());
        assertEquals(
                "card",
                tracker.get("/api/v1/me/requests", a.token())
                        .array()
                        .getJsonObject(0)
                        .getString("kind"));
    }
}
