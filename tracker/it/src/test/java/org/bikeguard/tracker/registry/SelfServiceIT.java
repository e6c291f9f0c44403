package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SelfServiceIT {

    private static TrackerKit tracker;
    private static String admin;
    private static String installer;
    private static String police;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.adminToken();
        installer = tracker.userToken("installer-s", "installer");
        police = tracker.userToken("officer-s", "police");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void ownerSeesTheirProfileMaskedAndOnlyTheirOwnBikes() {
        TestOwner a = tracker.owner(installer, "自助甲");
        TestOwner b = tracker.owner(installer, "自助乙");
        long bikeA = tracker.bike(installer, a.id(), "5A01");
        tracker.bike(installer, b.id(), "5A02");
        JsonObject profile = tracker.get("/api/v1/me/profile", a.token()).json();
        assertEquals(a.id(), profile.getLong("id"));
        assertEquals(IdNumbers.mask(a.idNumber()), profile.getString("idNumber"));
        JsonArray bikes = tracker.get("/api/v1/me/bikes", a.token()).array();
        assertEquals(1, bikes.size());
        assertEquals(bikeA, bikes.getJsonObject(0).getLong("id"));
        assertEquals(403, tracker.get("/api/v1/me/bikes", installer).status(), "self-service is for owners");
        assertEquals(403, tracker.get("/api/v1/me/profile", police).status());
        String orphan = tracker.userToken("13800000000", "owner");
        assertEquals(
                0,
                tracker.get("/api/v1/me/bikes", orphan).array().size(),
                "an owner login without a record owns nothing");
        assertEquals(404, tracker.get("/api/v1/me/profile", orphan).status());
    }

    @Test
    void ownerTransfersToAnotherOwnerNamedByPhoneAndIdNumberAndTheBuyerThenOwnsIt() {
        TestOwner seller = tracker.owner(installer, "转让方");
        TestOwner buyer = tracker.owner(installer, "受让方");
        TestOwner stranger = tracker.owner(installer, "路人");
        long bike = tracker.bike(installer, seller.id(), "5B01");
        JsonObject wrong = new JsonObject().put("toPhone", buyer.phone()).put("toIdNumber", stranger.idNumber());
        assertEquals(
                400,
                tracker.post("/api/v1/me/bikes/" + bike + "/transfer", seller.token(), wrong)
                        .status());
        JsonObject right = new JsonObject().put("toPhone", buyer.phone()).put("toIdNumber", buyer.idNumber());
        assertEquals(
                404,
                tracker.post("/api/v1/me/bikes/" + bike + "/transfer", stranger.token(), right)
                        .status(),
                "nobody transfers another owner's bike");
        Response t = tracker.post("/api/v1/me/bikes/" + bike + "/transfer", seller.token(), right);
        assertEquals(200, t.status(), t.body());
        assertEquals(buyer.id(), t.json().getLong("ownerId"));
        assertEquals(0, tracker.get("/api/v1/me/bikes", seller.token()).array().size());
        assertEquals(1, tracker.get("/api/v1/me/bikes", buyer.token()).array().size());
        JsonArray events = tracker.get("/api/v1/bikes/" + bike + "/history", buyer.token())
                .json()
                .getJsonArray("events");
        JsonObject last = events.getJsonObject(events.size() - 1);
        assertEquals("ownership_transferred", last.getString("kind"));
        assertEquals(seller.phone(), last.getString("actor"));
    }

    @Test
    void ownerDeregistersTheirBikeButNotOneWithAnOpenTheftCase() {
        TestOwner o = tracker.owner(installer, "注销者");
        long free = tracker.bike(installer, o.id(), "5C01");
        long stolen = tracker.bike(installer, o.id(), "5C02");
        assertEquals(
                201,
                tracker.post(
                                "/api/v1/thefts",
                                o.token(),
                                new JsonObject()
                                        .put("bikeId", stolen)
                                        .put(
                                                "stolenAt",
                                                tracker.clock()
                                                        .instant()
                                                        .minusSeconds(60)
                                                        .toString())
                                        .put("place", "小区门口")
                                        .put("description", ""))
                        .status());
        assertEquals(
                409,
                tracker.post("/api/v1/me/bikes/" + stolen + "/deregister", o.token(), null)
                        .status());
        Response d = tracker.post(
                "/api/v1/me/bikes/" + free + "/deregister",
                o.token(),
                new JsonObject().put("reason", "sold for scrap"));
        assertEquals(200, d.status(), d.body());
        assertEquals("deregistered", d.json().getString("status"));
        assertEquals(1, tracker.get("/api/v1/me/thefts", o.token()).array().size());
    }

    @Test
    void ownerRequestsATagReplacementWhichTheInstallerFulfilsOrRejects() {
        TestOwner o = tracker.owner(installer, "换牌");
        TestOwner other = tracker.owner(installer, "他人");
        long bike = tracker.bike(installer, o.id(), "5D01");
        JsonObject tagReq = new JsonObject().put("kind", "tag").put("reason", "tag lost its battery");
        assertEquals(
                404,
                tracker.post("/api/v1/me/bikes/" + bike + "/requests", other.token(), tagReq)
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/me/bikes/" + bike + "/requests", o.token(), new JsonObject().put("kind", "wheel"))
                        .status());
        Response r = tracker.post("/api/v1/me/bikes/" + bike + "/requests", o.token(), tagReq);
        assertEquals(201, r.status(), r.body());
        assertEquals(
                409,
                tracker.post("/api/v1/me/bikes/" + bike + "/requests", o.token(), tagReq)
                        .status(),
                "one pending per kind");
        long plateReq = tracker.post(
                        "/api/v1/me/bikes/" + bike + "/requests", o.token(), new JsonObject().put("kind", "plate"))
                .json()
                .getLong("id");

        JsonArray queue = tracker.get("/api/v1/requests", installer).array();
        assertTrue(queue.stream()
                .anyMatch(x -> ((JsonObject) x).getLong("id") == r.json().getLong("id")));
        assertEquals(403, tracker.get("/api/v1/requests", o.token()).status());
        assertEquals(
                200,
                tracker.post("/api/v1/bikes/" + bike + "/tag", installer, new JsonObject().put("tag", "5D02"))
                        .status());
        assertEquals(
                200,
                tracker.post(
                                "/api/v1/requests/" + plateReq + "/reject",
                                installer,
                                new JsonObject().put("note", "plate is fine"))
                        .status());
        List<String> statuses = tracker.get("/api/v1/me/requests", o.token()).array().stream()
                .map(x -> ((JsonObject) x).getString("kind") + ":" + ((JsonObject) x).getString("status"))
                .toList();
        assertEquals(List.of("plate:rejected", "tag:done"), statuses);
        assertEquals(
                409,
                tracker.post("/api/v1/me/requests/" + plateReq + "/cancel", o.token(), null)
                        .status());
    }

    @Test
    void ownerBooksAnInstallationAppointmentWithinTheDailyCapacity() {
        Response p = tracker.put(
                "/api/v1/installation-points/IP-01",
                admin,
                new JsonObject()
                        .put("name", "衡阳市蒸湘区安装点")
                        .put("address", "解放大道 1 号")
                        .put("dailyCapacity", 1));
        assertEquals(201, p.status(), p.body());
        assertEquals(
                403,
                tracker.put("/api/v1/installation-points/IP-02", installer, new JsonObject().put("name", "x"))
                        .status());
        TestOwner a = tracker.owner(installer, "预约甲");
        TestOwner b = tracker.owner(installer, "预约乙");
        assertEquals(
                1, tracker.get("/api/v1/installation-points", a.token()).array().size());
        LocalDate tomorrow = LocalDate.now(tracker.clock().withZone(ZoneId.of("Asia/Shanghai")))
                .plusDays(1);
        JsonObject booking = new JsonObject().put("point", "IP-01").put("day", tomorrow.toString());
        Response ok = tracker.post("/api/v1/me/appointments", a.token(), booking);
        assertEquals(201, ok.status(), ok.body());
        assertEquals(
                409, tracker.post("/api/v1/me/appointments", b.token(), booking).status(), "the day is full");
        assertEquals(
                400,
                tracker.post(
                                "/api/v1/me/appointments",
                                b.token(),
                                booking.copy().put("day", "2020-01-01"))
                        .status());
        assertEquals(
                400,
                tracker.post(
                                "/api/v1/me/appointments",
                                b.token(),
                                booking.copy().put("point", "NOPE"))
                        .status());
        JsonArray day = tracker.get("/api/v1/installation-points/IP-01/appointments?day=" + tomorrow, installer)
                .array();
        assertEquals(1, day.size());
        assertEquals(a.id(), day.getJsonObject(0).getLong("ownerId"));
        assertEquals(
                403,
                tracker.get("/api/v1/installation-points/IP-01/appointments?day=" + tomorrow, a.token())
                        .status());
        long id = ok.json().getLong("id");
        assertEquals(
                404,
                tracker.post("/api/v1/me/appointments/" + id + "/cancel", b.token(), null)
                        .status());
        assertEquals(
                "cancelled",
                tracker.post("/api/v1/me/appointments/" + id + "/cancel", a.token(), null)
                        .json()
                        .getString("status"));
        assertEquals(
                201,
                tracker.post("/api/v1/me/appointments", b.token(), booking).status(),
                "a cancelled place is free again");
    }
}
