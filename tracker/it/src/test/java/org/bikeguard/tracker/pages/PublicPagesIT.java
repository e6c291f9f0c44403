package org.bikeguard.tracker.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public pages in headless Chromium at a phone's size (390 × 844) against a whole tracker:
 * the second-hand check's empty state, a stolen plate found stolen, a clean one not, a stolen
 * bike's QR text; the certificate page a QR opens (status, masked owner) and "I found this bike"
 * reaching the police console's "found" tab, where an officer marks it handled; an unknown certificate's empty state; the language switch; each
 * page under 200 KB on first load; no script errors or CSP violations. Skipped when
 * {@code /usr/bin/chromium} is not installed.
 */
@Timeout(240)
class PublicPagesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long PAGE_BUDGET = 200 * 1024;

    private static TrackerKit tracker;
    private static String installer;
    private static String police;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed (Debian package chromium)");
        tracker = TrackerKit.start();
        installer = tracker.userToken("counter-pub", "installer");
        police = tracker.userToken("officer-pub", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void aBuyerOnAPhoneFindsAStolenPlateStolenAndAFinderTellsThePoliceFromTheQrPage() throws Exception {
        TestOwner owner = tracker.owner(installer, "李四");
        JsonObject stolen = bike(owner, "5701E1");
        JsonObject clean = bike(owner, "C1EA01");
        Response theft = tracker.post(
                "/api/v1/thefts",
                owner.token(),
                new JsonObject()
                        .put("bikeId", stolen.getLong("id"))
                        .put(
                                "stolenAt",
                                tracker.clock().instant().minusSeconds(7200).toString())
                        .put("place", "解放路口")
                        .put("description", "white Yadea"));
        assertEquals(201, theft.status(), theft.body());
        String base = "http://127.0.0.1:" + tracker.httpPort();
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 390, 844)) {
            b.useClock(tracker.clock());
            PageChecks.watch(b);
            PageChecks.phone(b, 390, 844);

            // the second-hand check: empty state first, Chinese first
            b.navigate(base + "/public/");
            b.waitFor("window.BG && BG.check && BG.check.ready", WAIT);
            assertEquals("zh-CN", b.eval("document.documentElement.lang"));
            assertEquals("二手车查验", b.eval("document.querySelector('header h1').textContent"));
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('empty').hidden"), "the empty state shows");
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('result').hidden"));
            long checkBytes = PageChecks.loadedBytes(b);
            String checkTimes = PageChecks.renderTimes(b, "BG.check.readyAt");
            assertTrue(
                    checkBytes > 5_000 && checkBytes < PAGE_BUDGET, "check page first load: " + checkBytes + " bytes");
            assertEquals(
                    Boolean.TRUE,
                    b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
                    "nothing wider than the phone");

            check(b, "plate", stolen.getString("plate"));
            b.waitFor("document.querySelector('#result .verdict.stolen') !== null", WAIT);
            assertTrue(text(b, "#result").contains("已登记为被盗车辆"), text(b, "#result"));
            check(b, "frameNo", clean.getString("frameNo"));
            b.waitFor("document.querySelector('#result .verdict.clear') !== null", WAIT);
            assertTrue(text(b, "#result").contains("未登记为被盗车辆"), text(b, "#result"));

            // English, kept across pages
            b.eval("document.getElementById('lang').click(); true");
            assertEquals("en", b.eval("document.documentElement.lang"));
            assertEquals("Second-hand check", b.eval("document.querySelector('header h1').textContent"));
            assertTrue(text(b, "#result").contains("Not registered as stolen"), text(b, "#result"));

            // what a scan of the stolen bike's QR code shows, pasted
            String code = stolen.getString("certificateCode");
            check(b, "qr", base + "/c/" + code);
            b.waitFor("document.querySelector('#result .verdict.stolen') !== null", WAIT);
            assertTrue(text(b, "#result").contains("STOLEN"), text(b, "#result"));
            assertEquals("/c/" + code, b.eval("document.querySelector('#result a').getAttribute('href')"));
            PageChecks.noErrors(b);

            // the certificate page the QR code opens
            b.navigate(base + "/c/" + code);
            b.waitFor("window.BG && BG.cert && BG.cert.ready", WAIT);
            long certBytes = PageChecks.loadedBytes(b);
            String certTimes = PageChecks.renderTimes(b, "BG.cert.readyAt");
            assertTrue(
                    certBytes > 5_000 && certBytes < PAGE_BUDGET,
                    "certificate page first load: " + certBytes + " bytes");
            assertEquals("en", b.eval("document.documentElement.lang"), "the language choice is kept");
            b.eval("document.getElementById('lang').click(); true");
            assertEquals("zh-CN", b.eval("document.documentElement.lang"));
            assertEquals(stolen.getString("plate"), text(b, "#c-plate"));
            assertEquals("李*", text(b, "#c-owner"), "the owner masked");
            assertEquals("已报被盗", text(b, "#status-line .badge"));
            assertEquals(code, text(b, "#c-code"));

            // "I found this bike": the browser's position (granted) and a typed place
            b.eval("document.getElementById('found-open').click(); true");
            b.call(
                    "Emulation.setGeolocationOverride",
                    new JsonObject()
                            .put("latitude", 26.8934)
                            .put("longitude", 112.5721)
                            .put("accuracy", 15));
            boolean granted = grantGeolocation(b, base);
            if (granted) {
                b.eval("document.getElementById('found-geo').click(); true");
                b.waitFor("BG.cert.pos !== null", WAIT);
                assertTrue(text(b, "#found-pos").contains("15"), text(b, "#found-pos"));
            }
            b.eval("document.getElementById('found-place').value = '蒸湘路 12 号门口';"
                    + " document.getElementById('found-note').value = '锁在树下';"
                    + " document.getElementById('found-send').click(); true");
            b.waitFor("BG.cert.sent === true", WAIT);
            assertEquals("已通知警方，谢谢您！", text(b, "#found-msg"));
            JsonArray reports = tracker.get("/api/v1/found-reports", police).array();
            assertEquals(1, reports.size(), reports.encodePrettily());
            JsonObject r = reports.getJsonObject(0);
            assertEquals(stolen.getLong("id"), r.getLong("bikeId"));
            assertEquals(theft.json().getLong("id"), r.getLong("caseId"), "the police see the bike's open case");
            assertEquals("蒸湘路 12 号门口", r.getString("place"));
            assertEquals("锁在树下", r.getString("note"));
            if (granted) {
                assertEquals(112.5721, r.getDouble("lon"), 1e-6);
                assertEquals(26.8934, r.getDouble("lat"), 1e-6);
            }
            b.screenshot(Path.of("target", "public-certificate.png"));
            PageChecks.noErrors(b);

            // where the police see it: the console's "found" tab, then marked handled
            b.call(
                    "Emulation.setDeviceMetricsOverride",
                    new JsonObject()
                            .put("width", 1280)
                            .put("height", 800)
                            .put("deviceScaleFactor", 1)
                            .put("mobile", false));
            b.navigate(base + "/police/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("document.getElementById('login-user').value = 'officer-pub';"
                    + " document.getElementById('login-pass').value = 'password-officer-pub';"
                    + " document.getElementById('login-go').click(); true");
            b.waitFor("window.BG.ready && BG.found.loaded", WAIT);
            assertEquals("(1)", text(b, "#found-count"), "the open report is counted on the tab");
            b.eval("document.querySelector('#tabs button[data-tab=found]').click(); true");
            b.waitFor("document.querySelector('#found-list li') !== null", WAIT);
            String item = text(b, "#found-list li");
            assertTrue(item.contains(stolen.getString("plate")) && item.contains("蒸湘路 12 号门口"), item);
            if (granted) {
                assertEquals(1, ((Number) b.eval("BG.found.layer.getLayers().length")).intValue(), "its marker");
            }
            b.eval("document.querySelector('#found-list li button[data-act=handled]').click(); true");
            b.waitFor("BG.found.list.length === 0 && !document.getElementById('found-empty').hidden", WAIT);
            assertEquals(
                    "officer-pub",
                    tracker.get("/api/v1/found-reports", police)
                            .array()
                            .getJsonObject(0)
                            .getString("handledBy"));
            PageChecks.noErrors(b);

            // an unknown certificate: its empty state, no found button
            b.navigate(base + "/c/NOSUCHCODE12");
            b.waitFor("BG.cert.ready", WAIT);
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('missing').hidden"));
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('cert').hidden"));
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('found').hidden"));
            assertTrue(text(b, "#missing").contains("查无此证书"), text(b, "#missing"));
            PageChecks.noErrors(b);
            System.out.printf(
                    "[page weight] /public/ %d bytes (%s), /c/{code} %d bytes (%s) (first load)%n",
                    checkBytes, checkTimes, certBytes, certTimes);
        }
    }

    private static JsonObject bike(TestOwner owner, String tag) {
        long id = tracker.bike(installer, owner.id(), tag);
        return tracker.get("/api/v1/bikes/" + id, installer).json();
    }

    private static void check(CdpBrowser b, String kind, String value) {
        b.eval(
                "(() => { const k = document.getElementById('kind'); k.value = '" + kind + "';"
                        + " k.dispatchEvent(new Event('change')); document.getElementById('q').value = "
                        + new JsonArray().add(value).encode()
                        + "[0]; document.getElementById('result').innerHTML = ''; document.getElementById('go').click(); return true; })()");
    }

    private static String text(CdpBrowser b, String selector) {
        return (String) b.eval("document.querySelector('" + selector + "').textContent");
    }

    /** Grants the page's origin geolocation; false when this Chromium does not take the command from a page session. */
    private static boolean grantGeolocation(CdpBrowser b, String origin) {
        try {
            b.call(
                    "Browser.grantPermissions",
                    new JsonObject()
                            .put("permissions", new JsonArray().add("geolocation"))
                            .put("origin", origin));
            return true;
        } catch (RuntimeException e) {
            System.out.println("[geolocation] not granted from the page session: " + e.getMessage());
            return false;
        }
    }
}
