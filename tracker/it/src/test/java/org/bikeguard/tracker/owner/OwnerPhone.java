package org.bikeguard.tracker.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.SteppedClock;
import org.junit.jupiter.api.Assumptions;

/**
 * The fixture of the owner pages' browser tests: a real tracker with the claims module on its port
 * (embedded PostgreSQL, the log SMS gateway, the counter payment gateway) on a stepped scenario
 * clock, an installer and a police account, an installation point, and a phone-sized headless
 * Chromium (360 × 740 CSS px, touch, WeChat's user agent) with the steps every flow uses. One per
 * test class; not thread-safe. {@link #start()} skips the class when {@code /usr/bin/chromium} is
 * not installed.
 */
final class OwnerPhone implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final int WIDTH = 360;
    static final int HEIGHT = 740;
    static final String POINT = "IP-OWN";
    private static final String WECHAT_UA =
            "Mozilla/5.0 (Linux; Android 13; V2207A) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47";
    private static final String RECORD_ERRORS =
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                    + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); window.__errors = [];"
                    + " window.addEventListener('error', e => window.__errors.push(String(e.message)));"
                    + " window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));";

    final SteppedClock clock = new SteppedClock();
    final TrackerKit tracker;
    final String installer;
    final String police;

    private OwnerPhone() {
        tracker = TrackerKit.builder()
                .clock(clock)
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

    /** Starts the tracker, or skips the calling test class without Chromium. */
    static OwnerPhone start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        return new OwnerPhone();
    }

    @Override
    public void close() {
        tracker.close();
    }

    /** A phone-sized headless Chromium on this tracker's clock, recording script errors and CSP violations. */
    CdpBrowser phone() throws IOException {
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

    String page() {
        return tracker.baseUrl() + "/owner/";
    }

    /**
     * Logs in on a freshly loaded page (a query string of its own, so the wait cannot see the
     * previous document) with phone, password and the SMS code from the log gateway's outbox.
     */
    void login(CdpBrowser b, TestOwner owner) {
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

    static void logout(CdpBrowser b) {
        b.eval("document.getElementById('logout').click(); true");
        b.waitFor("!document.getElementById('login').hidden", WAIT);
    }

    /** Opens a view and waits until it rendered. */
    static void go(CdpBrowser b, String view) {
        b.eval("document.getElementById('view').dataset.ready = ''; location.hash = '#" + view + "'; true");
        b.waitFor("document.getElementById('view').dataset.ready === '" + view.split("\\?")[0] + "'", WAIT);
    }

    static String view(CdpBrowser b) {
        return (String) b.eval("document.getElementById('view').textContent");
    }

    /** Fills a form of the view by a script and submits it; waits for the text to appear in the view. */
    static void submit(CdpBrowser b, String form, String fill, String expect) {
        b.eval("document.getElementById('view').dataset.ready = ''; var f = document.querySelector('" + form + "'); "
                + fill + "; f.requestSubmit(); true");
        b.waitFor("document.getElementById('view').textContent.includes('" + expect + "')", WAIT);
    }

    static void assertClean(CdpBrowser b) {
        assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error");
        assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");
    }

    static void assertFitsThePhone(CdpBrowser b, String where) {
        Number w = (Number) b.eval("document.documentElement.scrollWidth");
        assertTrue(w.intValue() <= WIDTH, where + " is " + w + " px wide: it scrolls sideways on a 360 px phone");
    }

    /**
     * Runs an insert into the tables detection and the zone rules write; answers the first column
     * of its RETURNING row, or -1 without one.
     */
    long insert(String sql, Object... values) {
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
}
