package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RegistryApiIT {

    private static TrackerKit tracker;
    private static String admin;
    private static String installer;
    private static String police;
    private static String adjuster;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.adminToken();
        installer = tracker.userToken("installer-1", "installer");
        police = tracker.userToken("officer-1", "police");
        adjuster = tracker.userToken("adjuster-1", "adjuster");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void ownerRegistrationCreatesAPhoneLoginAndAnswersTheOwnerShapeClaimsReadsWithMaskedIdNumber() {
        TestOwner o = tracker.owner(installer, "张三");
        Response me = tracker.get("/api/v1/auth/me", o.token());
        assertEquals(200, me.status(), me.body());
        assertEquals(new JsonObject().put("username", o.phone()).put("role", "owner"), me.json());

        JsonObject j = tracker.get("/api/v1/owners/" + o.id(), admin).json();
        assertEquals(o.id(), j.getLong("id"));
        assertEquals("张三", j.getString("name"));
        assertEquals(o.phone(), j.getString("phone"));
        assertEquals(o.phone(), j.getString("username"));
        assertNull(j.getString("homeStation"));
        assertEquals(IdNumbers.mask(o.idNumber()), j.getString("idNumber"));
        assertTrue(j.getString("idNumber").contains("*"));
        assertEquals(
                j, tracker.get("/api/v1/owners/" + o.id(), o.token()).json(), "an owner sees their own record, masked");
        assertEquals(
                IdNumbers.mask(o.idNumber()),
                tracker.get("/api/v1/owners/" + o.id(), adjuster).json().getString("idNumber"));
    }

    @Test
    void policeAndAdminSeeTheFullIdNumberOnlyWhenAskingAndTheRevealIsAudited() throws Exception {
        TestOwner o = tracker.owner(installer, "李四");
        assertEquals(
                o.idNumber(),
                tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", police)
                        .json()
                        .getString("idNumber"));
        assertEquals(
                o.idNumber(),
                tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", admin)
                        .json()
                        .getString("idNumber"));
        assertEquals(
                403,
                tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", adjuster)
                        .status());
        assertEquals(
                403,
                tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", installer)
                        .status());
        assertEquals(
                403,
                tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", o.token())
                        .status());
        assertEquals(
                2,
                count("SELECT count(*) FROM audit_log WHERE action = 'owner.reveal' AND subject = 'owner:" + o.id()
                        + "'"));
        JsonArray found = tracker.get("/api/v1/owners?idNumber=" + o.idNumber().toLowerCase(), installer)
                .array();
        assertEquals(1, found.size());
        assertEquals(o.id(), found.getJsonObject(0).getLong("id"));
        assertEquals(IdNumbers.mask(o.idNumber()), found.getJsonObject(0).getString("idNumber"));
        assertEquals(
                403, tracker.get("/api/v1/owners?phone=" + o.phone(), adjuster).status());
    }

    @Test
    void idNumbersAreValidatedByCheckDigitUniqueAndNeverStoredInClear() throws Exception {
        String good = RegistryFixtures.newIdNumber();
        char wrongCheck = good.charAt(17) == '1' ? '2' : '1';
        Response bad = tracker.post("/api/v1/owners", installer, ownerBody(good.substring(0, 17) + wrongCheck));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("validation", bad.code());
        assertEquals("idNumber", bad.json().getJsonObject("details").getString("field"));
        assertFalse(bad.body().contains(good.substring(0, 17)), "the error never echoes the number");
        assertEquals(
                400,
                tracker.post("/api/v1/owners", installer, ownerBody("43040219900307"))
                        .status());

        Response ok = tracker.post("/api/v1/owners", installer, ownerBody(good));
        assertEquals(201, ok.status(), ok.body());
        Response again = tracker.post("/api/v1/owners", installer, ownerBody(good.toLowerCase()));
        assertEquals(409, again.status());
        assertEquals("idNumber", again.json().getJsonObject("details").getString("field"));

        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT id_number_enc, id_number_hash FROM owners WHERE id = ?")) {
            st.setLong(1, ok.json().getLong("id"));
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                String enc = new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(enc.contains(good.substring(6, 14)), "no birth date in clear");
                // version 2, key id length 1, key id "1", then the HMAC-SHA256
                assertEquals(2 + 1 + 32, rs.getBytes(2).length);
                assertEquals(2, rs.getBytes(1)[0], "the ciphertext names its key");
            }
        }
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE details::text LIKE '%" + good + "%'"));
    }

    @Test
    void ownerRegistrationRefusesBadPhonesPasswordsAndTakenPhones() {
        JsonObject b = ownerBody(RegistryFixtures.newIdNumber());
        assertEquals(
                400,
                tracker.post("/api/v1/owners", installer, b.copy().put("phone", "12345"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/owners", installer, b.copy().put("password", "short"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/owners", installer, b.copy().put("homeStation", "NOPE"))
                        .status());
        assertEquals(201, tracker.post("/api/v1/owners", installer, b).status());
        Response taken = tracker.post(
                "/api/v1/owners",
                installer,
                ownerBody(RegistryFixtures.newIdNumber()).put("phone", b.getString("phone")));
        assertEquals(409, taken.status());
        assertEquals("phone", taken.json().getJsonObject("details").getString("field"));
    }

    @Test
    void onlyAdminAndInstallersRegisterOwnersAndBikesAndNobodyWithoutAToken() {
        TestOwner o = tracker.owner(admin, "王五");
        for (String t : List.of(police, adjuster, o.token())) {
            assertEquals(
                    403,
                    tracker.post("/api/v1/owners", t, ownerBody(RegistryFixtures.newIdNumber()))
                            .status());
            assertEquals(
                    403,
                    tracker.post("/api/v1/bikes", t, RegistryFixtures.bikeBody(o.id(), "A100"))
                            .status());
        }
        assertEquals(
                401,
                tracker.post("/api/v1/owners", null, ownerBody(RegistryFixtures.newIdNumber()))
                        .status());
        assertEquals(401, tracker.get("/api/v1/bikes/1", null).status());
        assertEquals(401, tracker.get("/api/v1/auth/me", null).status());
        assertEquals(401, tracker.get("/api/v1/auth/me", "v1.forged.token").status());
        assertEquals(
                201,
                tracker.post("/api/v1/bikes", admin, RegistryFixtures.bikeBody(o.id(), "A101"))
                        .status());
    }

    @Test
    void registeredBikeAnswersTheShapeClaimsReadsWithCanonicalPlateAndTag() {
        TestOwner o = tracker.owner(installer, "赵六");
        JsonObject body = RegistryFixtures.bikeBody(o.id(), "00e2000aa1");
        Response r = tracker.post("/api/v1/bikes", installer, body);
        assertEquals(201, r.status(), r.body());
        long id = r.json().getLong("id");
        JsonObject b = tracker.get("/api/v1/bikes/" + id, adjuster).json();
        assertEquals(id, b.getLong("id"));
        assertEquals(o.id(), b.getLong("ownerId"));
        assertEquals(body.getString("plate").replace("·", ""), b.getString("plate"));
        assertEquals(body.getString("frameNo"), b.getString("frameNo"));
        assertEquals("2025-10-01", b.getString("purchaseDate"));
        assertEquals(329900L, b.getLong("purchasePriceFen"));
        assertEquals("E2000AA1", b.getString("tag"));
        assertEquals("registered", b.getString("status"));
        assertEquals(12, b.getString("certificateCode").length());
        assertEquals(b, tracker.get("/api/v1/bikes/" + id, o.token()).json());
        assertEquals(
                id,
                tracker.get("/api/v1/bikes?tag=E2000AA1", police)
                        .array()
                        .getJsonObject(0)
                        .getLong("id"));
        assertEquals(
                id,
                tracker.get("/api/v1/bikes?plate=" + enc(body.getString("plate")), police)
                        .array()
                        .getJsonObject(0)
                        .getLong("id"));
        assertEquals(
                0,
                tracker.get("/api/v1/bikes?frameNo=NOSUCH", installer).array().size());
        assertEquals(
                1,
                tracker.get("/api/v1/owners/" + o.id() + "/bikes", o.token())
                        .array()
                        .size());
    }

    @Test
    void registrationRefusesTakenPlateFrameAndTagAndBadValues() {
        TestOwner o = tracker.owner(installer, "钱七");
        JsonObject first = RegistryFixtures.bikeBody(o.id(), "B200");
        assertEquals(201, tracker.post("/api/v1/bikes", installer, first).status());
        JsonObject other = RegistryFixtures.bikeBody(o.id(), "B201");
        assertConflict(
                tracker.post("/api/v1/bikes", installer, other.copy().put("plate", first.getString("plate"))), "plate");
        assertConflict(
                tracker.post("/api/v1/bikes", installer, other.copy().put("frameNo", first.getString("frameNo"))),
                "frameNo");
        assertConflict(tracker.post("/api/v1/bikes", installer, other.copy().put("tag", "0b200")), "tag");
        assertEquals(
                400,
                tracker.post("/api/v1/bikes", installer, other.copy().put("ownerId", 999999))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/bikes", installer, other.copy().put("tag", "XYZ"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/bikes", installer, other.copy().put("purchaseDate", "2025-13-01"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/bikes", installer, other.copy().put("purchaseDate", "2999-01-01"))
                        .status());
        assertEquals(
                400,
                tracker.post("/api/v1/bikes", installer, other.copy().put("purchasePriceFen", -1))
                        .status());
        assertEquals(201, tracker.post("/api/v1/bikes", installer, other).status());
    }

    @Test
    void anOwnerSeesAndChangesOnlyTheirOwnBikesAndOthersAre404() {
        TestOwner a = tracker.owner(installer, "甲");
        TestOwner b = tracker.owner(installer, "乙");
        long bikeOfB = tracker.bike(installer, b.id(), "C300");
        assertEquals(404, tracker.get("/api/v1/bikes/" + bikeOfB, a.token()).status());
        assertEquals(
                404,
                tracker.get("/api/v1/bikes/" + bikeOfB + "/history", a.token()).status());
        assertEquals(404, tracker.get("/api/v1/owners/" + b.id(), a.token()).status());
        assertEquals(
                404,
                tracker.get("/api/v1/owners/" + b.id() + "/bikes", a.token()).status());
        assertEquals(
                403,
                tracker.post("/api/v1/bikes/" + bikeOfB + "/tag", a.token(), new JsonObject().put("tag", "C301"))
                        .status());
        assertEquals(403, tracker.get("/api/v1/bikes?tag=C300", a.token()).status());
        assertEquals(200, tracker.get("/api/v1/bikes/" + bikeOfB, b.token()).status());
        assertEquals(404, tracker.get("/api/v1/bikes/nonsense", admin).status());
    }

    @Test
    void historyRecordsTagReplacementPlateBatteryAndOwnershipTransferWithDates() {
        TestOwner seller = tracker.owner(installer, "卖家");
        TestOwner buyer = tracker.owner(installer, "买家");
        long id = tracker.bike(installer, seller.id(), "D400");
        Response tag = tracker.post("/api/v1/bikes/" + id + "/tag", installer, new JsonObject().put("tag", "d401"));
        assertEquals(200, tag.status(), tag.body());
        assertEquals("D401", tag.json().getString("tag"));
        assertEquals(
                200,
                tracker.post("/api/v1/bikes/" + id + "/plate", installer, new JsonObject().put("plate", "湘D 99999"))
                        .status());
        assertEquals(
                200,
                tracker.post("/api/v1/bikes/" + id + "/battery", admin, new JsonObject().put("batterySerial", "BAT-2"))
                        .status());
        Response t = tracker.post(
                "/api/v1/bikes/" + id + "/transfer", installer, new JsonObject().put("toOwnerId", buyer.id()));
        assertEquals(200, t.status(), t.body());
        assertEquals(buyer.id(), t.json().getLong("ownerId"));

        JsonArray events = tracker.get("/api/v1/bikes/" + id + "/history", buyer.token())
                .json()
                .getJsonArray("events");
        List<String> kinds =
                events.stream().map(e -> ((JsonObject) e).getString("kind")).toList();
        assertEquals(
                List.of(
                        "registered",
                        "tag_fitted",
                        "tag_replaced",
                        "plate_replaced",
                        "battery_replaced",
                        "ownership_transferred"),
                kinds);
        JsonObject replaced = events.getJsonObject(2);
        assertEquals("D400", replaced.getJsonObject("details").getString("oldTag"));
        assertEquals("D401", replaced.getJsonObject("details").getString("newTag"));
        assertEquals("installer-1", replaced.getString("actor"));
        assertTrue(replaced.getString("at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(
                seller.id(), events.getJsonObject(5).getJsonObject("details").getLong("fromOwnerId"));
        assertEquals(404, tracker.get("/api/v1/bikes/" + id, seller.token()).status(), "the seller no longer sees it");
        assertEquals(
                201,
                tracker.post("/api/v1/bikes", installer, RegistryFixtures.bikeBody(seller.id(), "D400"))
                        .status(),
                "the replaced tag is free again");
        assertEquals(
                404,
                tracker.post("/api/v1/bikes/99999/tag", installer, new JsonObject().put("tag", "D402"))
                        .status());
    }

    @Test
    void deregisteredBikeFreesItsTagPlateAndFrameAndRefusesFurtherChanges() {
        TestOwner o = tracker.owner(installer, "注销");
        JsonObject body = RegistryFixtures.bikeBody(o.id(), "E500");
        long id = tracker.post("/api/v1/bikes", installer, body).json().getLong("id");
        Response d = tracker.post(
                "/api/v1/bikes/" + id + "/deregister", installer, new JsonObject().put("reason", "scrapped"));
        assertEquals(200, d.status(), d.body());
        assertEquals("deregistered", d.json().getString("status"));
        assertNull(d.json().getString("tag"));
        assertEquals(
                409,
                tracker.post("/api/v1/bikes/" + id + "/tag", installer, new JsonObject().put("tag", "E501"))
                        .status());
        assertEquals(
                201,
                tracker.post("/api/v1/bikes", installer, body).status(),
                "tag, plate and frame number are free again");
    }

    @Test
    void adjustersAndPoliceCannotChangeRegistryData() {
        TestOwner o = tracker.owner(installer, "只读");
        long id = tracker.bike(installer, o.id(), "F600");
        TestOwner other = tracker.owner(installer, "别人");
        for (String t : List.of(adjuster, police)) {
            assertEquals(
                    403,
                    tracker.post("/api/v1/bikes/" + id + "/tag", t, new JsonObject().put("tag", "F601"))
                            .status());
            assertEquals(
                    403,
                    tracker.post("/api/v1/bikes/" + id + "/plate", t, new JsonObject().put("plate", "X1"))
                            .status());
            assertEquals(
                    403,
                    tracker.post("/api/v1/bikes/" + id + "/battery", t, new JsonObject().put("batterySerial", "X1"))
                            .status());
            assertEquals(
                    403,
                    tracker.post("/api/v1/bikes/" + id + "/transfer", t, new JsonObject().put("toOwnerId", other.id()))
                            .status());
            assertEquals(
                    403,
                    tracker.post("/api/v1/bikes/" + id + "/deregister", t, new JsonObject())
                            .status());
        }
        assertEquals("F600", tracker.get("/api/v1/bikes/" + id, admin).json().getString("tag"));
    }

    @Test
    void publicStolenCheckAndCertificateNeedNoTokenAndAnswerNothingPersonal() throws Exception {
        TestOwner o = tracker.owner(installer, "公开");
        JsonObject body = RegistryFixtures.bikeBody(o.id(), "1A700");
        long id = tracker.post("/api/v1/bikes", installer, body).json().getLong("id");
        Response check = tracker.get("/api/v1/public/stolen-check?plate=" + enc(body.getString("plate")), null);
        assertEquals(200, check.status(), check.body());
        assertEquals(new JsonObject().put("stolen", false), check.json());
        assertEquals(
                new JsonObject().put("stolen", false),
                tracker.get(
                                "/api/v1/public/stolen-check?frameNo="
                                        + body.getString("frameNo").toLowerCase(),
                                null)
                        .json());
        assertEquals(
                new JsonObject().put("stolen", false),
                tracker.get("/api/v1/public/stolen-check?plate=NOSUCH", null).json());
        assertEquals(400, tracker.get("/api/v1/public/stolen-check", null).status());

        String code = tracker.get("/api/v1/bikes/" + id, o.token()).json().getString("certificateCode");
        Response pub = tracker.get("/api/v1/public/certificates/" + code.toLowerCase(), null);
        assertEquals(200, pub.status(), pub.body());
        assertEquals(
                Set.of("code", "plate", "status", "brand", "colour", "registeredOn", "owner"),
                pub.json().fieldNames(),
                "nothing personal but the masked owner");
        assertEquals("公*", pub.json().getString("owner"));
        assertEquals("registered", pub.json().getString("status"));
        assertEquals(
                404, tracker.get("/api/v1/public/certificates/NOSUCHCODE", null).status());

        JsonObject scanned = tracker.get("/api/v1/certificates/" + code, police).json();
        assertEquals(o.phone(), scanned.getJsonObject("owner").getString("phone"));
        assertEquals("公开", scanned.getJsonObject("owner").getString("name"));
        assertEquals(403, tracker.get("/api/v1/certificates/" + code, o.token()).status());
        assertEquals(403, tracker.get("/api/v1/certificates/" + code, adjuster).status());
        assertEquals(401, tracker.get("/api/v1/certificates/" + code, null).status());
        assertNotEquals(
                0,
                count("SELECT count(*) FROM audit_log WHERE action = 'certificate.scan' AND subject = 'bike:" + id
                        + "'"));
    }

    @Test
    void authMeAnswersUsernameAndRoleForEveryRole() {
        assertEquals(
                new JsonObject().put("username", "admin").put("role", "admin"),
                tracker.get("/api/v1/auth/me", admin).json());
        assertEquals(
                new JsonObject().put("username", "officer-1").put("role", "police"),
                tracker.get("/api/v1/auth/me", police).json());
        assertEquals("adjuster", tracker.get("/api/v1/auth/me", adjuster).json().getString("role"));
        assertEquals(
                "installer", tracker.get("/api/v1/auth/me", installer).json().getString("role"));
    }

    private static void assertConflict(Response r, String field) {
        assertEquals(409, r.status(), r.body());
        assertEquals("conflict", r.code());
        assertEquals(field, r.json().getJsonObject("details").getString("field"));
    }

    private static JsonObject ownerBody(String idNumber) {
        return new JsonObject()
                .put("name", "测试")
                .put("idNumber", idNumber)
                .put("phone", RegistryFixtures.newPhone())
                .put("password", "owner-password-1");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
