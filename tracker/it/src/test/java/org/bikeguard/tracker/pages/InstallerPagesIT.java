package org.bikeguard.tracker.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The installation counter in headless Chromium at a tablet's size (1024 × 768) against a whole
 * tracker: log in as installer; register a new owner, bike and tag at the point; replace the tag
 * an owner asked for (the request queue empties); print the certificate PDF; the day's
 * appointments and an empty day; an unknown plate; the language switch; no script errors or CSP
 * violations; the first load under 200 KB. Skipped when {@code /usr/bin/chromium} is not installed.
 */
@Timeout(240)
class InstallerPagesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TrackerKit tracker;
    private static String installer;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed (Debian package chromium)");
        tracker = TrackerKit.start();
        installer = tracker.userToken("counter-web", "installer");
        for (String id : new String[] {"IP-02", "IP-03"}) {
            Response p = tracker.put(
                    "/api/v1/installation-points/" + id,
                    tracker.adminToken(),
                    new JsonObject()
                            .put("name", id.equals("IP-03") ? "雁峰区安装点" : "石鼓区安装点")
                            .put("address", "衡阳")
                            .put("dailyCapacity", 12));
            assertEquals(201, p.status(), p.body());
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void anInstallerRegistersReplacesATagPrintsTheCertificateAndSeesTheDaysAppointments() throws Exception {
        LocalDate today = LocalDate.ofInstant(tracker.clock().instant(), ScenarioClock.SHANGHAI);
        // an owner who booked today at IP-03 and asked for a new tag
        TestOwner waiting = tracker.owner(installer, "王五");
        long oldBike = tracker.bike(installer, waiting.id(), "AA0001");
        String oldPlate =
                tracker.get("/api/v1/bikes/" + oldBike, installer).json().getString("plate");
        assertEquals(
                201,
                tracker.post(
                                "/api/v1/me/appointments",
                                waiting.token(),
                                new JsonObject()
                                        .put("point", "IP-03")
                                        .put("day", today.toString())
                                        .put("note", "换标签"))
                        .status());
        assertEquals(
                201,
                tracker.post(
                                "/api/v1/me/bikes/" + oldBike + "/requests",
                                waiting.token(),
                                new JsonObject().put("kind", "tag").put("reason", "标签损坏"))
                        .status());

        String base = "http://127.0.0.1:" + tracker.httpPort();
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1024, 768)) {
            b.useClock(tracker.clock());
            PageChecks.watch(b);
            b.navigate(base + "/installer/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            long bytes = PageChecks.loadedBytes(b);
            String times = PageChecks.renderTimes(b, "performance.now()");
            assertTrue(bytes > 5_000 && bytes < 200 * 1024, "installer page first load: " + bytes + " bytes");
            assertEquals("zh-CN", b.eval("document.documentElement.lang"));
            assertEquals("安装点人员登录", b.eval("document.querySelector('#login h2').textContent"));
            b.eval("document.getElementById('login-user').value = 'counter-web';"
                    + " document.getElementById('login-pass').value = 'password-counter-web';"
                    + " document.getElementById('login-go').click(); true");
            b.waitFor("BG.inst.ready === true", WAIT);
            b.eval(
                    "const p = document.getElementById('point'); p.value = 'IP-03'; p.dispatchEvent(new Event('change')); true");

            // register a new owner, their bike and its tag
            String phone = RegistryFixtures.newPhone();
            set(b, "o-phone", phone);
            b.eval("document.getElementById('o-find').click(); true");
            b.waitFor("!document.getElementById('o-new').hidden", WAIT);
            set(b, "o-name", "赵六");
            set(b, "o-id", RegistryFixtures.newIdNumber());
            set(b, "o-pass", "a-long-passphrase-1");
            set(b, "o-addr", "雁峰区 1 号");
            set(b, "b-tag", "BEEF01");
            set(b, "b-plate", "湘D·66601");
            set(b, "b-frame", "LYD7766601");
            set(b, "b-brand", "Yadea");
            set(b, "b-colour", "红");
            set(b, "b-date", "2025-09-01");
            set(b, "b-price", "2599.5");
            b.eval("document.getElementById('reg-go').click(); true");
            b.waitFor("BG.inst.registered !== undefined", WAIT);
            JsonObject reg = tracker.get("/api/v1/bikes?plate=" + enc("湘D66601"), installer)
                    .array()
                    .getJsonObject(0);
            assertEquals("BEEF01", reg.getString("tag"));
            assertEquals("IP-03", reg.getString("installationPoint"));
            assertEquals(259950, reg.getLong("purchasePriceFen"));
            JsonArray owners =
                    tracker.get("/api/v1/owners?phone=" + phone, installer).array();
            assertEquals("赵六", owners.getJsonObject(0).getString("name"));
            assertEquals(owners.getJsonObject(0).getLong("id"), reg.getLong("ownerId"));
            assertTrue(text(b, "#reg-msg").contains(reg.getString("certificateCode")), text(b, "#reg-msg"));

            // the owner's tag request: find the bike, fit the new tag, the queue empties
            b.eval("document.querySelector('#tabs [data-view=tag]').click(); true");
            b.waitFor("(BG.inst.tagRequests || []).length === 1", WAIT);
            assertTrue(text(b, "#tag-requests").contains("标签损坏"), text(b, "#tag-requests"));
            set(b, "tag-plate", oldPlate);
            b.eval("document.getElementById('tag-find').click(); true");
            b.waitFor("BG.inst.tagBike && !document.getElementById('tag-form').hidden", WAIT);
            set(b, "tag-new", "aa0002");
            b.eval("document.getElementById('tag-go').click(); true");
            b.waitFor("BG.inst.tagBike.tag === 'AA0002'", WAIT);
            assertEquals(
                    "AA0002",
                    tracker.get("/api/v1/bikes/" + oldBike, installer).json().getString("tag"));
            b.waitFor("(BG.inst.tagRequests || [1]).length === 0", WAIT);
            assertEquals("暂无换标申请", text(b, "#tag-requests"), "the queue's empty state");

            // print: an unknown plate, then the new bike's certificate
            b.eval("document.querySelector('#tabs [data-view=print]').click(); true");
            set(b, "print-plate", "湘D00000");
            b.eval("document.getElementById('print-find').click(); true");
            b.waitFor("document.getElementById('print-msg').textContent !== ''", WAIT);
            assertEquals("没有找到该车牌的车辆", text(b, "#print-msg"));
            set(b, "print-plate", "湘D66601");
            b.eval("document.getElementById('print-find').click(); true");
            b.waitFor("!document.getElementById('print-go').hidden", WAIT);
            b.eval("document.getElementById('print-go').click(); true");
            b.waitFor("BG.inst.lastPdf !== undefined", WAIT);
            assertEquals("application/pdf", b.eval("BG.inst.lastPdf.type"));
            assertTrue(((Number) b.eval("BG.inst.lastPdf.size")).intValue() > 10_000);
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('print-open').hidden"));

            // the day's appointments, then an empty day
            b.eval("document.querySelector('#tabs [data-view=appointments]').click(); true");
            b.waitFor("(BG.inst.appointments || []).length === 1", WAIT);
            assertEquals(today.toString(), b.eval("document.getElementById('ap-day').value"), "today in Asia/Shanghai");
            assertTrue(text(b, "#ap-list").contains("换标签"), text(b, "#ap-list"));
            assertEquals("1 个预约 / 每日容量 12", text(b, "#ap-summary"));
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('ap-empty').hidden"));
            b.eval("const d = document.getElementById('ap-day'); d.value = '" + today.plusDays(1)
                    + "'; d.dispatchEvent(new Event('change')); true");
            b.waitFor("BG.inst.appointments.length === 0 && !document.getElementById('ap-empty').hidden", WAIT);
            assertEquals("当天没有预约。", text(b, "#ap-empty"));

            // English
            b.eval("document.getElementById('lang').click(); true");
            assertEquals("en", b.eval("document.documentElement.lang"));
            assertEquals("Register", b.eval("document.querySelector('#tabs button').textContent"));
            assertEquals("No appointments that day.", text(b, "#ap-empty"));
            assertEquals("0 appointments / daily capacity 12", text(b, "#ap-summary"));
            b.screenshot(Path.of("target", "installer-counter.png"));
            PageChecks.noErrors(b);

            // logging out revokes the token
            String token = (String) b.eval("BG.inst.token");
            b.eval("document.getElementById('logout').click(); true");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            org.bikeguard.testkit.Poll.until(
                    WAIT,
                    "the old token is revoked",
                    () -> tracker.get("/api/v1/auth/me", token).status() == 401);
            System.out.printf("[page weight] /installer/ %d bytes (first load; %s, login form shown)%n", bytes, times);
        }
    }

    private static void set(CdpBrowser b, String id, String value) {
        b.eval("document.getElementById('" + id + "').value = "
                + new JsonArray().add(value).encode() + "[0]; true");
    }

    private static String text(CdpBrowser b, String selector) {
        return (String) b.eval("document.querySelector('" + selector + "').textContent");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
