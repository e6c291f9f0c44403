package org.bikeguard.tracker.owner;

import static org.bikeguard.tracker.owner.OwnerPhone.WAIT;
import static org.bikeguard.tracker.owner.OwnerPhone.assertClean;
import static org.bikeguard.tracker.owner.OwnerPhone.assertFitsThePhone;
import static org.bikeguard.tracker.owner.OwnerPhone.go;
import static org.bikeguard.tracker.owner.OwnerPhone.logout;
import static org.bikeguard.tracker.owner.OwnerPhone.submit;
import static org.bikeguard.tracker.owner.OwnerPhone.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.junit.jupiter.api.Test;

/**
 * The owner pages in headless Chromium at a phone's size against a real tracker ({@link OwnerPhone}):
 * each empty state, the language switch and large text, the everyday tasks end to end (certificate,
 * theft report, cover, transfer to a buyer who confirms, appointments), the first load's transferred
 * bytes, and neither a script error nor a Content-Security-Policy violation anywhere. Skipped when
 * {@code /usr/bin/chromium} is not installed.
 */
class OwnerPagesBrowserIT extends OwnerPhoneTests {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Test
    void everyViewShowsItsEmptyStateInChineseAtPhoneWidth() throws Exception {
        TestOwner owner = tracker.owner(installer, "空状态");
        try (CdpBrowser b = ui.phone()) {
            ui.login(b, owner);
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
        try (CdpBrowser b = ui.phone()) {
            b.navigate(ui.page());
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
            b.navigate(ui.page() + "?reload=1#violations");
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
            b.navigate(ui.page() + "?reload=2");
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
        try (CdpBrowser b = ui.phone()) {
            ui.login(b, seller);
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
            ui.clock.advance(Duration.ofHours(2));
            String stolenAt = LocalDateTime.ofInstant(
                            ui.clock.instant().minus(Duration.ofHours(1)), ScenarioClock.SHANGHAI)
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
            ui.login(b, buyer);
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
    void theFirstLoadTransfersLessThan200KilobytesPerPage() throws Exception {
        TestOwner owner = tracker.owner(installer, "页面重量");
        tracker.bike(installer, owner.id(), "0E10");
        String sum = "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0)";
        try (CdpBrowser b = ui.phone()) {
            b.call("Network.enable", new JsonObject());
            b.call("Network.setCacheDisabled", new JsonObject().put("cacheDisabled", true));
            b.navigate(ui.page());
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            long loginPage = ((Number) b.eval(sum)).longValue();
            ui.login(b, owner);
            b.waitFor("[...document.querySelectorAll('img.qr')].every(i => i.complete && i.naturalWidth > 0)", WAIT);
            // a reload with the token: the shell, the bike list and the QR code, as an owner opens it
            b.navigate(ui.page() + "?reload=1#bikes");
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
