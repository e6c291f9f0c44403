package org.bikeguard.tracker.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.SteppedClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The owner pages in headless Chromium at a phone's size (360 × 740 CSS px, touch, WeChat's user
 * agent) against a real tracker with the claims module on its port (embedded PostgreSQL, the log
 * SMS gateway, the counter payment gateway) on a scenario clock: each empty state, the language
 * switch and large text, every flow once end to end, the first load's transferred bytes, and
 * neither a script error nor a Content-Security-Policy violation anywhere. Skipped when
 * {@code /usr/bin/chromium} is not installed.
 */
@Timeout(300)
class OwnerPagesBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int WIDTH = 360;
    private static final int HEIGHT = 740;
    private static final String WECHAT_UA =
            "Mozilla/5.0 (Linux; Android 13; V2207A) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47";
    private static final String RECORD_ERRORS =
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                    + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); window.__errors = [];"
                    + " window.addEventListener('error', e => window.__errors.push(String(e.message)));"
                    + " window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final SteppedClock CLOCK = new SteppedClock();
    private static final String POINT = "IP-OWN";

    private static TrackerKit tracker;
    private static String installer;
    private static String police;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        tracker = TrackerKit.builder()
                .clock(CLOCK)
                .httpPort(FreePorts.free()) // claims calls the tracker through its published URL
                .env("BIKEGUARD_INGEST_INSTANCES", "1")
                .env("BIKEGUARD_THEFT_WAITING_DAYS", "0") // a theft claim can be approved on the scenario day
                .verticles("org.bikeguard.claims.ClaimsVerticle")
                .start();
        installer = tracker.userToken("installer-web", "installer");
        police = tracker.userToken("officer-owner-web", "police");
        Response p = tracker.put(
                "/api/v1/installation-points/" + POINT,
                tracker.adminToken(),
                new JsonObject().put("name", "蒸湘安装点").put("address", "解放大道 1 号").put("dailyCapacity", 2));
        assertEquals(201, p.status(), p.body());
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static CdpBrowser phone() throws IOException {
        CdpBrowser b = CdpBrowser.start(tracker.vertx(), WIDTH, HEIGHT);
        b.useClock(tracker.clock());
        b.call(
                "Emulation.setDeviceMetricsOverride",
                new JsonObject()
                        .put("width", WIDTH)
                        .put("height", HEIGHT)
                        .put("deviceScaleFactor", 2)
                        .put("mobile", true));
        b.call("Emulation.setTouchEmulationEnabled", new JsonObject().put("enabled", true));
        b.call("Emulation.setUserAgentOverride", new JsonObject().put("userAgent", WECHAT_UA));
        b.call("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", RECORD_ERRORS));
        return b;
    }

    private static String page() {
        return tracker.baseUrl() + "/owner/";
    }

    /**
     * Logs in on a freshly loaded page (a query string of its own, so the wait cannot see the
     * previous document) with phone, password and the SMS code from the log gateway's outbox.
     */
    private static void login(CdpBrowser b, TestOwner owner) {
        b.navigate(page() + "?login=" + owner.id());
        b.waitFor("!document.getElementById('login').hidden", WAIT);
        b.eval("var f = document.getElementById('loginForm'); f.username.value = '" + owner.phone() + "';"
                + " f.password.value = '" + RegistryFixtures.OWNER_PASSWORD + "'; f.requestSubmit(); true");
        b.waitFor("!document.getElementById('codeForm').hidden", WAIT);
        String code = SmsOutbox.latestCode(tracker.dataDir(), owner.phone());
        b.eval("var f = document.getElementById('codeForm'); f.code.value = '" + code + "'; f.requestSubmit(); true");
        b.waitFor(
                "!document.getElementById('nav').hidden && document.getElementById('view').dataset.ready === 'bikes'",
                WAIT);
    }

    private static void logout(CdpBrowser b) {
        b.eval("document.getElementById('logout').click(); true");
        b.waitFor("!document.getElementById('login').hidden", WAIT);
    }

    /** Opens a view and waits until it rendered. */
    private static void go(CdpBrowser b, String view) {
        b.eval("document.getElementById('view').dataset.ready = ''; location.hash = '#" + view + "'; true");
        b.waitFor("document.getElementById('view').dataset.ready === '" + view.split("\\?")[0] + "'", WAIT);
    }

    private static String view(CdpBrowser b) {
        return (String) b.eval("document.getElementById('view').textContent");
    }

    /** Fills a form of the view by a script and submits it; waits for the text to appear in the view. */
    private static void submit(CdpBrowser b, String form, String fill, String expect) {
        b.eval("document.getElementById('view').dataset.ready = ''; var f = document.querySelector('" + form + "'); "
                + fill + "; f.requestSubmit(); true");
        b.waitFor("document.getElementById('view').textContent.includes('" + expect + "')", WAIT);
    }

    private static void assertClean(CdpBrowser b) {
        assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error");
        assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");
    }

    private static void assertFitsThePhone(CdpBrowser b, String where) {
        Number w = (Number) b.eval("document.documentElement.scrollWidth");
        assertTrue(w.intValue() <= WIDTH, where + " is " + w + " px wide: it scrolls sideways on a 360 px phone");
    }

    @Test
    void everyViewShowsItsEmptyStateInChineseAtPhoneWidth() throws Exception {
        TestOwner owner = tracker.owner(installer, "空状态");
        try (CdpBrowser b = phone()) {
            login(b, owner);
            String[][] empties = {
                {"bikes", "您还没有登记的车辆"},
                {"theft", "暂无报失记录"},
                {"cover", "暂无保障"},
                {"claims", "暂无理赔"},
                {"transfer", "暂无过户记录"},
                {"requests", "暂无补办申请"},
                {"appointments", "暂无预约"},
                {"violations", "暂无违章记录"},
            };
            for (String[] e : empties) {
                go(b, e[0]);
                assertTrue(view(b).contains(e[1]), e[0] + " shows " + e[1] + ": " + view(b));
                assertFitsThePhone(b, e[0]);
            }
            assertTrue(view(b).contains("暂无罚款"), "violations is the last view: " + view(b));
            go(b, "cover");
            assertTrue(view(b).contains("暂无缴费订单"), view(b));
            go(b, "appointments");
            // another test may have booked there already: only the shape is this test's
            b.waitFor("/^当日可约 [12] \\/ 2$/.test(document.getElementById('capacity').textContent)", WAIT);
            assertClean(b);
        }
    }

    @Test
    void theLanguageSwitchLargeTextAndLoginErrorsInPlainChinese() throws Exception {
        TestOwner owner = tracker.owner(installer, "语言");
        try (CdpBrowser b = phone()) {
            b.navigate(page());
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            assertEquals("zh-CN", b.eval("document.documentElement.lang"), "Simplified Chinese first");
            assertEquals("车主登录", b.eval("document.querySelector('#loginForm h2').textContent"));
            b.eval("var f = document.getElementById('loginForm'); f.username.value = '" + owner.phone() + "';"
                    + " f.password.value = 'wrong-password'; f.requestSubmit(); true");
            b.waitFor("document.getElementById('loginError').textContent === '手机号或密码错误。'", WAIT);
            b.eval("var f = document.getElementById('loginForm'); f.password.value = '"
                    + RegistryFixtures.OWNER_PASSWORD + "'; f.requestSubmit(); true");
            b.waitFor("!document.getElementById('codeForm').hidden", WAIT);
            String code = SmsOutbox.latestCode(tracker.dataDir(), owner.phone());
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
            b.eval("var f = document.getElementById('codeForm'); f.code.value = '" + wrong
                    + "'; f.requestSubmit(); true");
            b.waitFor("document.getElementById('loginError').textContent === '验证码错误，还可尝试 4 次。'", WAIT);

            b.eval("document.getElementById('lang').click(); true");
            assertEquals("en", b.eval("document.documentElement.lang"));
            assertEquals("Owner login", b.eval("document.querySelector('#loginForm h2').textContent"));
            b.eval("var f = document.getElementById('codeForm'); f.code.value = '" + code
                    + "'; f.requestSubmit(); true");
            b.waitFor("document.getElementById('view').dataset.ready === 'bikes'", WAIT);
            assertEquals("My bikes", b.eval("document.querySelector('#nav a').textContent"));
            assertTrue(view(b).contains("You have no registered bike yet"), view(b));
            b.navigate(page() + "?reload=1#violations");
            b.waitFor("document.getElementById('view').dataset.ready === 'violations'", WAIT);
            assertTrue(view(b).contains("No violation records"), "the choice survives a reload: " + view(b));
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('暂无违章记录')", WAIT);
            assertEquals("我的车辆", b.eval("document.querySelector('#nav a').textContent"));

            assertEquals("16px", b.eval("getComputedStyle(document.documentElement).fontSize"));
            double before =
                    ((Number) b.eval("document.querySelector('#nav a').getBoundingClientRect().height")).doubleValue();
            b.eval("document.getElementById('bigFont').click(); true");
            assertEquals("21px", b.eval("getComputedStyle(document.documentElement).fontSize"), "large text");
            assertEquals("true", b.eval("document.getElementById('bigFont').getAttribute('aria-pressed')"));
            double after =
                    ((Number) b.eval("document.querySelector('#nav a').getBoundingClientRect().height")).doubleValue();
            assertTrue(after > before * 1.2, "the menu grows with the text: " + before + " -> " + after);
            b.navigate(page() + "?reload=2");
            b.waitFor("document.getElementById('view').dataset.ready === 'bikes'", WAIT);
            assertEquals("21px", b.eval("getComputedStyle(document.documentElement).fontSize"), "kept after reload");
            assertFitsThePhone(b, "large text");
            b.eval("document.getElementById('bigFont').click(); true");
            assertEquals("16px", b.eval("getComputedStyle(document.documentElement).fontSize"));
            assertClean(b);
        }
    }

    @Test
    void anOwnerDoesEveryTaskAndTheBuyerConfirmsTheTransfer() throws Exception {
        TestOwner seller = tracker.owner(installer, "卖方");
        TestOwner buyer = tracker.owner(installer, "买方");
        long stolenBike = tracker.bike(installer, seller.id(), "0E01");
        long soldBike = tracker.bike(installer, seller.id(), "0E02");
        long oldBike = tracker.bike(installer, seller.id(), "0E03");
        String soldPlate =
                tracker.get("/api/v1/bikes/" + soldBike, installer).json().getString("plate");
        try (CdpBrowser b = phone()) {
            login(b, seller);
            // my bikes: three certificates with their QR codes
            b.waitFor(
                    "document.querySelectorAll('img.qr').length === 3"
                            + " && [...document.querySelectorAll('img.qr')].every(i => i.complete && i.naturalWidth > 0)",
                    WAIT);
            JsonObject cert = tracker.get("/api/v1/me/bikes/" + stolenBike + "/certificate", seller.token())
                    .json();
            assertTrue(cert.getString("url").endsWith("/c/" + cert.getString("code")), cert.encode());
            assertTrue(view(b).contains(cert.getString("code")), "the certificate number is shown");

            // buy the anti-theft service, to be paid at the installation point
            go(b, "cover");
            submit(b, "#buyForm", "f.bikeId.value = '" + stolenBike + "'", "请到任一安装点缴费");
            assertTrue(view(b).contains("防盗服务") && view(b).contains("待缴费"), view(b));
            assertEquals(
                    1,
                    tracker.get("/api/v1/me/payments", seller.token()).array().size());
            // and the liability cover for the same bike
            submit(
                    b,
                    "#buyForm",
                    "f.bikeId.value = '" + stolenBike + "'; f.querySelector('input[value=liability]').checked = true",
                    "责任保障");
            b.waitFor("document.querySelectorAll('#orders .order').length === 2", WAIT);

            // two hours later the bike is stolen; the owner reports it and follows the case
            CLOCK.advance(Duration.ofHours(2));
            String stolenAt = LocalDateTime.ofInstant(
                            CLOCK.instant().minus(Duration.ofHours(1)), ScenarioClock.SHANGHAI)
                    .format(LOCAL);
            go(b, "theft?bike=" + stolenBike);
            submit(
                    b,
                    "#theftForm",
                    "f.bikeId.value = '" + stolenBike + "'; f.stolenAt.value = '" + stolenAt
                            + "'; f.place.value = '解放路口'",
                    "报失已提交");
            assertTrue(view(b).contains("已报失") && view(b).contains("解放路口"), view(b));
            long caseId = tracker.get("/api/v1/me/thefts", seller.token())
                    .array()
                    .getJsonObject(0)
                    .getLong("id");
            Response confirm = tracker.post(
                    "/api/v1/thefts/" + caseId + "/confirm", police, new JsonObject().put("caseNo", "HY-2026-0901"));
            assertEquals(200, confirm.status(), confirm.body());
            go(b, "theft");
            assertTrue(view(b).contains("已立案") && view(b).contains("HY-2026-0901"), view(b));

            // file the theft claim with a photo, then follow it
            go(b, "claims");
            submit(
                    b,
                    "#theftClaimForm",
                    "f.theftCaseId.value = '" + caseId + "'; var dt = new DataTransfer();"
                            + " dt.items.add(new File([new Uint8Array([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 74, 70, 73, 70])],"
                            + " 'scene.jpg', {type: 'image/jpeg'})); f.photos.files = dt.files",
                    "已上传 1 张照片");
            long claimId = tracker.get("/api/v1/claims", seller.token())
                    .json()
                    .getJsonArray("claims")
                    .getJsonObject(0)
                    .getLong("id");
            assertTrue(view(b).contains("#" + claimId), view(b));
            Response claim = tracker.get("/api/v1/claims/" + claimId, seller.token());
            assertTrue(claim.body().contains("scene.jpg"), "the photo is attached: " + claim.body());
            // a liability claim on the liability cover, with a photo
            submit(
                    b,
                    "#liabilityForm",
                    "f.occurredAt.value = '" + stolenAt + "'; f.place.value = '蒸湘路'; f.damage.value = '碰擦行人电动车';"
                            + " var dt = new DataTransfer(); dt.items.add(new File([new Uint8Array([0x89, 0x50, 0x4E, 0x47,"
                            + " 0x0D, 0x0A, 0x1A, 0x0A])], 'damage.png', {type: 'image/png'})); f.photos.files = dt.files",
                    "已上传 1 张照片");
            b.waitFor("document.querySelectorAll('#myClaims .claim').length === 2", WAIT);
            assertTrue(view(b).contains("责任"), view(b));

            // a replacement certificate card, then deregistration of the old bike
            go(b, "requests?bike=" + oldBike);
            submit(b, "#requestForm", "f.bikeId.value = '" + oldBike + "'; f.kind.value = 'card'", "补办申请已提交");
            assertTrue(view(b).contains("证书卡") && view(b).contains("待办理"), view(b));
            go(b, "bikes");
            submit(b, "form.deregister[data-bike=\"" + oldBike + "\"]", "f.reason.value = '车辆报废'", "车辆已注销");
            assertEquals(
                    "deregistered",
                    tracker.get("/api/v1/bikes/" + oldBike, installer).json().getString("status"));

            // the seller starts the transfer; a stolen bike cannot be offered
            go(b, "transfer?bike=" + soldBike);
            assertTrue(
                    (Boolean) b.eval("[...document.querySelector('#offerForm').bikeId.options].every(o => o.value !== '"
                            + stolenBike + "')"),
                    "a stolen bike is not offered for transfer");
            submit(
                    b,
                    "#offerForm",
                    "f.bikeId.value = '" + soldBike + "'; f.toPhone.value = '" + buyer.phone() + "'",
                    "已发起过户");
            assertTrue(view(b).contains("待确认"), view(b));
            assertClean(b);
            logout(b);

            // the buyer confirms with their own ID number (another's is refused in plain Chinese)
            login(b, buyer);
            go(b, "transfer");
            assertTrue(view(b).contains(soldPlate), view(b));
            b.eval("var f = document.querySelector('form.accept'); f.idNumber.value = '" + seller.idNumber() + "';"
                    + " f.requestSubmit(); true");
            b.waitFor("document.querySelector('form.accept .error').textContent === '身份证号与您的实名信息不符。'", WAIT);
            submit(b, "form.accept", "f.idNumber.value = '" + buyer.idNumber() + "'", "过户完成");
            assertEquals(
                    buyer.id(),
                    tracker.get("/api/v1/bikes/" + soldBike, installer).json().getLong("ownerId"));
            go(b, "bikes");
            assertTrue(view(b).contains(soldPlate), "the buyer now has the bike: " + view(b));

            // the buyer books a registration at the installation point within the day's capacity
            go(b, "appointments");
            b.waitFor("document.getElementById('capacity').textContent === '当日可约 2 / 2'", WAIT);
            submit(b, "#bookForm", "f.note.value = '新车上牌'", "预约成功");
            assertTrue(view(b).contains("已预约") && view(b).contains("蒸湘安装点"), view(b));
            b.waitFor("document.getElementById('capacity').textContent === '当日可约 1 / 2'", WAIT);
            b.eval("document.querySelector('#bookForm').requestSubmit(); true");
            b.waitFor("document.querySelector('#bookForm .error').textContent === '您已预约该安装点当天的登记。'", WAIT);

            go(b, "violations");
            assertTrue(view(b).contains("暂无违章记录"), view(b));
            assertFitsThePhone(b, "the buyer's views");
            assertClean(b);
        }
    }

    @Test
    void anOwnerSignsTheRightsTransferOfAnApprovedTheftClaimAndOpensItsLetters() throws Exception {
        TestOwner owner = tracker.owner(installer, "签署");
        long bike = tracker.bike(installer, owner.id(), "0E30");
        Response policy = tracker.post(
                "/api/v1/policies",
                owner.token(),
                new JsonObject().put("bikeId", bike).put("product", "anti-theft"));
        assertEquals(201, policy.status(), policy.body());
        CLOCK.advance(Duration.ofHours(2));
        Response theft = tracker.post(
                "/api/v1/thefts",
                owner.token(),
                new JsonObject()
                        .put("bikeId", bike)
                        .put(
                                "stolenAt",
                                CLOCK.instant().minus(Duration.ofHours(1)).toString())
                        .put("place", "船山路口"));
        assertEquals(201, theft.status(), theft.body());
        long caseId = tracker.get("/api/v1/me/thefts", owner.token())
                .array()
                .getJsonObject(0)
                .getLong("id");
        Response confirm = tracker.post(
                "/api/v1/thefts/" + caseId + "/confirm", police, new JsonObject().put("caseNo", "HY-2026-0930"));
        assertEquals(200, confirm.status(), confirm.body());
        Response opened = tracker.post(
                "/api/v1/claims",
                owner.token(),
                new JsonObject().put("type", "theft").put("theftCaseId", String.valueOf(caseId)));
        assertEquals(201, opened.status(), opened.body());
        String claim = "/api/v1/claims/" + opened.json().getLong("id");
        // adjusters receive the papers and approve (a second adjuster when four eyes apply)
        String adjuster = tracker.userToken("adj-owner-web", "adjuster");
        Response papers = tracker.post(
                claim + "/papers",
                adjuster,
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray()
                                        .add("police-receipt")
                                        .add("invoice")
                                        .add("id-card")
                                        .add("registration")));
        assertEquals(200, papers.status(), papers.body());
        Response approved = tracker.post(
                claim + "/decision",
                adjuster,
                new JsonObject().put("decision", "approve").put("reason", "案件已确认，等待期满未找回"));
        assertEquals(200, approved.status(), approved.body());
        if (approved.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded")) {
            Response second = tracker.post(
                    claim + "/second-approval",
                    tracker.userToken("adj2-owner-web", "adjuster"),
                    new JsonObject().put("reason", "复核无误"));
            assertEquals(200, second.status(), second.body());
        }
        assertEquals("approved", tracker.get(claim, owner.token()).json().getString("status"));

        try (CdpBrowser b = phone()) {
            login(b, owner);
            go(b, "claims");
            String v = view(b);
            assertTrue(v.contains("已核准") && v.contains("权益转让书") && v.contains("车辆归运营方所有"), v);
            assertEquals(true, b.eval("document.querySelector('form.rights').sign.disabled"), "not before the tick");
            assertFitsThePhone(b, "the rights transfer to sign");
            b.eval("document.querySelector('form.rights').agree.click(); true");
            assertEquals(false, b.eval("document.querySelector('form.rights').sign.disabled"), "enabled by the tick");
            b.eval("document.querySelector('form.rights').agree.click(); true");
            assertEquals(true, b.eval("document.querySelector('form.rights').sign.disabled"), "and disabled again");
            b.eval(
                    "document.querySelector('form.rights').agree.click(); document.querySelector('form.rights').sign.click();"
                            + " true");
            b.waitFor("document.getElementById('view').textContent.includes('权益转让书已签署')", WAIT);
            String signedAt = tracker.get(claim, owner.token()).json().getString("rightsSignedAt");
            assertTrue(signedAt != null, "the claim records the owner's signature");
            String shanghai = LocalDateTime.ofInstant(Instant.parse(signedAt), ScenarioClock.SHANGHAI)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            assertTrue(view(b).contains("已签署权益转让书：" + shanghai), shanghai + " in " + view(b));
            assertEquals(0, ((Number) b.eval("document.querySelectorAll('form.rights').length")).intValue());

            // the acknowledgement letter, fetched with the token and opened as a blob: URL (the page's CSP
            // does not let a script fetch blob: URLs, so the blob is caught where its URL is made)
            b.eval("window.open = () => (window.__doc = { location: {}, close() {} });"
                    + " var made = URL.createObjectURL; URL.createObjectURL = (o) => { window.__blob = o; return made(o); };"
                    + " document.querySelector('button[data-doc$=\"/acknowledgement.pdf\"]').click(); true");
            b.waitFor("window.__doc && String(window.__doc.location.href).startsWith('blob:')", WAIT);
            assertEquals(
                    "application/pdf %PDF-",
                    b.eval("window.__blob.slice(0, 5).text().then(head => window.__blob.type + ' ' + head)"));
            assertTrue(
                    (Boolean) b.eval("!!document.querySelector('button[data-doc$=\"/settlement.pdf\"]')"
                            + " && !document.querySelector('button[data-doc$=\"/denial.pdf\"]')"),
                    "an approved claim offers the settlement notice, not a denial letter");
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('Rights transfer signed')", WAIT);
            assertTrue(view(b).contains("Acknowledgement letter"), view(b));
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('受理通知书')", WAIT);
            assertFitsThePhone(b, "the signed claim");
            assertClean(b);
        }
    }

    /**
     * Runs an insert into the tables detection and the zone rules write; answers the first column
     * of its RETURNING row, or -1 without one.
     */
    private static long insert(String sql, Object... values) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            if (!st.execute()) {
                return -1;
            }
            try (ResultSet rs = st.getResultSet()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOwnerSeesTheirViolationAndFineAppealsAndPays() throws Exception {
        TestOwner owner = tracker.owner(installer, "违章");
        long bike = tracker.bike(installer, owner.id(), "0E20");
        String plate = tracker.get("/api/v1/bikes/" + bike, installer).json().getString("plate");
        String traffic = tracker.userToken("traffic-owner-web", "traffic");
        Instant at = CLOCK.instant().truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime atUtc = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        long violation = insert(
                "INSERT INTO violation (tag, bike_id, kind, intersection_id, at, confidence, evidence, detected_at)"
                        + " VALUES (?, ?, 'red_light', 'HY-X07', ?, 0.97, '{\"phase\":\"red\"}'::jsonb, ?) RETURNING id",
                0x0E20L,
                bike,
                atUtc,
                atUtc);
        insert(
                "INSERT INTO zone (id, name, kind, stations, grace_s, fine_fen, updated_at, updated_by)"
                        + " VALUES ('fire-owner-web', '消防通道 9', 'fire_lane', '{}', 900, 10000, ?, 'test')"
                        + " ON CONFLICT (id) DO NOTHING",
                atUtc);
        long event = insert(
                "INSERT INTO zone_event (zone_id, kind, tag, bike_id, station, enter_at, at, created_at)"
                        + " VALUES ('fire-owner-web', 'fine', ?, ?, 'HY-0101', ?, ?, ?) RETURNING id",
                0x0E20L,
                bike,
                atUtc.minusMinutes(31),
                atUtc,
                atUtc);
        long fine = insert(
                "INSERT INTO fine (zone_event_id, bike_id, owner_id, amount_fen, created_at) VALUES (?, ?, ?, 10000, ?)"
                        + " RETURNING id",
                event,
                bike,
                owner.id(),
                atUtc);
        String shanghai = LocalDateTime.ofInstant(at, ScenarioClock.SHANGHAI)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        try (CdpBrowser b = phone()) {
            login(b, owner);
            go(b, "violations");
            String v = view(b);
            for (String s :
                    new String[] {"闯红灯", plate, "HY-X07", shanghai, "计入违章", "未申诉", "消防通道 9", "100.00 元", "未缴纳"}) {
                assertTrue(v.contains(s), "shows " + s + ": " + v);
            }
            assertTrue(!v.contains("暂无违章记录") && !v.contains("暂无罚款"), v);
            assertFitsThePhone(b, "violations");

            // the owner appeals from the page; the form goes, the state shows
            submit(b, "form.appeal[data-violation=\"" + violation + "\"]", "f.reason.value = '当时是绿灯'", "申诉已提交");
            assertTrue(view(b).contains("申诉处理中"), view(b));
            assertEquals(0, ((Number) b.eval("document.querySelectorAll('form.appeal').length")).intValue());
            Response again = tracker.post(
                    "/api/v1/me/violations/" + violation + "/appeal",
                    owner.token(),
                    new JsonObject().put("reason", "再次申诉"));
            assertEquals(409, again.status(), again.body());

            // pay the fine at the counter: the gateway's reference and instructions show on the card
            b.eval("document.querySelector('form.payFine[data-fine=\"" + fine + "\"]').requestSubmit(); true");
            b.waitFor("document.querySelector('form.payFine .ok').textContent.includes('FINE-" + fine + "')", WAIT);
            assertTrue(
                    ((String) b.eval("document.querySelector('form.payFine .ok').textContent")).contains("交警窗口"),
                    view(b));
            Response paid = tracker.post("/api/v1/fines/" + fine + "/paid", traffic, new JsonObject());
            assertEquals(200, paid.status(), paid.body());
            // the page still offers to pay: asking again says so in Chinese
            b.eval("document.querySelector('form.payFine').requestSubmit(); true");
            b.waitFor("document.querySelector('form.payFine .error').textContent === '该罚款已缴纳。'", WAIT);

            // the traffic police accept the appeal: the violation no longer counts
            Response decided = tracker.post(
                    "/api/v1/traffic/appeals/" + violation + "/decision",
                    traffic,
                    new JsonObject().put("decision", "cancelled").put("note", "信号灯故障"));
            assertEquals(200, decided.status(), decided.body());
            b.eval("document.getElementById('view').dataset.ready = ''; BG.render(); true");
            b.waitFor("document.getElementById('view').dataset.ready === 'violations'", WAIT);
            v = view(b);
            assertTrue(v.contains("申诉成立，违章已撤销 · 信号灯故障") && v.contains("已撤销") && !v.contains("计入违章"), v);
            assertTrue(v.contains("已缴费") && v.contains("缴纳时间"), v);
            assertEquals(0, ((Number) b.eval("document.querySelectorAll('form.payFine').length")).intValue());

            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('Red light')", WAIT);
            assertTrue(
                    view(b).contains("Appeal accepted; the violation is cancelled") && view(b).contains("Paid"),
                    view(b));
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('闯红灯')", WAIT);
            assertFitsThePhone(b, "violations after the appeal");
            assertClean(b);
        }
    }

    @Test
    void theFirstLoadTransfersLessThan200KilobytesPerPage() throws Exception {
        TestOwner owner = tracker.owner(installer, "页面重量");
        tracker.bike(installer, owner.id(), "0E10");
        String sum = "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0)";
        try (CdpBrowser b = phone()) {
            b.call("Network.enable", new JsonObject());
            b.call("Network.setCacheDisabled", new JsonObject().put("cacheDisabled", true));
            b.navigate(page());
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            long loginPage = ((Number) b.eval(sum)).longValue();
            login(b, owner);
            b.waitFor("[...document.querySelectorAll('img.qr')].every(i => i.complete && i.naturalWidth > 0)", WAIT);
            // a reload with the token: the shell, the bike list and the QR code, as an owner opens it
            b.navigate(page() + "?reload=1#bikes");
            b.waitFor(
                    "document.getElementById('view').dataset.ready === 'bikes'"
                            + " && [...document.querySelectorAll('img.qr')].every(i => i.complete && i.naturalWidth > 0)",
                    WAIT);
            long bikesPage = ((Number) b.eval(sum)).longValue();
            long firstRender = ((Number) b.eval("BG.firstRenderMs")).longValue();
            String figures = "owner pages, first load transferred bytes (cache disabled):\n  /owner/ login: "
                    + loginPage + "\n  /owner/#bikes signed in (shell + API + QR): " + bikesPage
                    + "\n  first render of the bike list: " + firstRender + " ms after navigation start\n";
            System.out.print(figures);
            Files.writeString(Path.of("target", "owner-page-weight.txt"), figures);
            assertTrue(loginPage > 10_000, "the measurement counts the files: " + loginPage);
            assertTrue(loginPage < 200 * 1024, "login page " + loginPage + " B");
            assertTrue(bikesPage < 200 * 1024, "bikes page " + bikesPage + " B");
            assertTrue(firstRender < 1_000, "first render " + firstRender + " ms");
            assertClean(b);
        }
    }
}
