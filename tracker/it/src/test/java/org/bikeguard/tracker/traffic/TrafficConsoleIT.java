package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The traffic police console and the property desk in headless Chromium against a whole tracker
 * (24 November 2026): empty states first; then violations inserted as detection would, an appeal
 * decided from the page, attendance and the exam recorded; then a bike heard in a lift lobby
 * appears live on the property desk. No script error and no Content-Security-Policy violation on
 * either page. Skipped when {@code /usr/bin/chromium} is not installed.
 */
@Timeout(180)
class TrafficConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String WATCH_ERRORS = "window.__errors = [];"
            + " window.addEventListener('error', e => window.__errors.push(String(e.message)));"
            + " window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));"
            + " document.addEventListener('securitypolicyviolation', e => window.__errors.push('csp ' + e.violatedDirective));";

    private static TrackerKit tracker;
    private static String admin;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        tracker = TrackerKit.builder()
                .clock(ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant()))
                .start();
        admin = tracker.adminToken();
        tracker.user("officer-tc", "traffic");
        tracker.user("desk-tc", "property");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static long violation(long bikeId, String tag, String kind, String at) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO violation (tag, bike_id, kind, intersection_id,"
                        + " at, confidence, evidence, detected_at) VALUES (?, ?, ?, 'HY-X07', ?, 0.98, '{}'::jsonb, ?)"
                        + " RETURNING id")) {
            st.setLong(1, Long.parseUnsignedLong(tag, 16));
            st.setLong(2, bikeId);
            st.setString(3, kind);
            st.setObject(4, OffsetDateTime.parse(at));
            st.setObject(5, OffsetDateTime.ofInstant(tracker.clock().instant(), ZoneOffset.UTC));
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CdpBrowser browser() throws Exception {
        CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1280, 900);
        b.useClock(tracker.clock());
        b.call("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", WATCH_ERRORS));
        return b;
    }

    @Test
    void anOfficerSeesTheMonthDecidesAnAppealAndRecordsTrainingAndThePropertyDeskSeesALobbyEntryLive()
            throws Exception {
        String base = "http://127.0.0.1:" + tracker.httpPort();
        try (CdpBrowser b = browser()) {
            b.navigate(base + "/traffic/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            assertEquals("zh-CN", b.eval("document.documentElement.lang"));
            b.eval("document.getElementById('login-user').value = 'officer-tc';"
                    + "document.getElementById('login-pass').value = 'password-officer-tc';"
                    + "document.getElementById('login-go').click(); true");
            b.waitFor("window.TR.ready && TR.loaded === 1", WAIT);
            assertEquals(
                    "2026-11", b.eval("document.getElementById('month').value"), "the Shanghai month of the clock");
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('dash-empty').hidden"), "empty month");
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('appeals-empty').hidden"));
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('training-empty').hidden"));

            // four violations of one bike in November, one of them appealed by the owner
            TestOwner owner = tracker.owner(admin, "王五");
            long bike = tracker.bike(admin, owner.id(), "C0FFEE1");
            long appealed = violation(bike, "C0FFEE1", "red_light", "2026-11-02T07:40:00+08:00");
            violation(bike, "C0FFEE1", "red_light", "2026-11-03T07:45:00+08:00");
            violation(bike, "C0FFEE1", "wrong_way", "2026-11-05T18:10:00+08:00");
            violation(bike, "C0FFEE1", "motor_lane", "2026-11-09T18:20:00+08:00");
            violation(bike, "C0FFEE1", "red_light", "2026-10-09T18:20:00+08:00");
            assertEquals(
                    201,
                    tracker.post(
                                    "/api/v1/me/violations/" + appealed + "/appeal",
                                    owner.token(),
                                    new JsonObject().put("reason", "当时是绿灯"))
                            .status());
            b.eval("document.getElementById('reload').click(); true");
            b.waitFor("TR.loaded === 2", WAIT);
            assertEquals("4", b.eval("document.getElementById('dash-total').textContent"));
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('dash-empty').hidden"));
            assertEquals(2L, ((Number) b.eval("TR.dash.byHour[7]")).longValue());
            assertEquals(1L, ((Number) b.eval("TR.dash.trend[4].count")).longValue(), "October in the trend");
            assertEquals("1", b.eval("document.getElementById('appeal-count').textContent"));
            assertTrue(((String) b.eval("document.querySelector('#appeals tbody tr').textContent")).contains("当时是绿灯"));

            // the officer cancels the appealed violation: three remain, still enough for training
            b.eval("document.querySelector('#tabs button[data-tab=appeals]').click();"
                    + "document.querySelector('#appeals tbody tr input.note').value = '信号灯故障';"
                    + "document.querySelector('#appeals tbody tr button[data-act=cancelled]').click(); true");
            b.waitFor("TR.loaded === 3", WAIT);
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('appeals-empty').hidden"));
            assertEquals("3", b.eval("document.getElementById('dash-total').textContent"));
            JsonObject decided = tracker.get(
                            "/api/v1/traffic/appeals?state=cancelled", tracker.userToken("officer-tc2", "traffic"))
                    .json()
                    .getJsonArray("appeals")
                    .getJsonObject(0);
            assertEquals("信号灯故障", decided.getString("note"));

            b.eval("document.querySelector('#tabs button[data-tab=training]').click(); true");
            assertEquals(1L, ((Number) b.eval("document.querySelectorAll('#training tbody tr').length")).longValue());
            b.eval(
                    "document.querySelectorAll('#training tbody tr input[type=checkbox]').forEach(c => c.checked = true);"
                            + "document.querySelector('#training tbody tr select.exam').value = 'passed';"
                            + "document.querySelector('#training tbody tr button[data-act=save]').click(); true");
            b.waitFor("TR.loaded === 4", WAIT);
            JsonObject enrolment = tracker.get("/api/v1/traffic/training?month=2026-11", admin)
                    .json()
                    .getJsonArray("enrolments")
                    .getJsonObject(0);
            assertEquals(new JsonArray().add(true).add(true).add(true), enrolment.getJsonArray("attended"));
            assertEquals("passed", enrolment.getString("exam"));
            assertEquals(3, enrolment.getInteger("violations"));
            b.screenshot(Path.of("target", "traffic-console.png"));
            assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error, no CSP violation");
        }

        tracker.station("LOBBY-1", 112.61, 26.91);
        assertEquals(
                201,
                tracker.put(
                                "/api/v1/zones/lobby-1",
                                admin,
                                new JsonObject()
                                        .put("name", "3 栋电梯厅")
                                        .put("kind", "building_entrance")
                                        .put("stations", new JsonArray().add("LOBBY-1")))
                        .status());
        try (CdpBrowser b = browser()) {
            b.navigate(base + "/property/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("document.getElementById('login-user').value = 'desk-tc';"
                    + "document.getElementById('login-pass').value = 'password-desk-tc';"
                    + "document.querySelector('#login button').click(); true");
            b.waitFor("document.getElementById('live').textContent === '实时'", WAIT);
            assertEquals("none", b.eval("getComputedStyle(document.getElementById('login')).display"));
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('empty').hidden"));
            tracker.publish(
                    "LOBBY-1",
                    1,
                    "[" + JsonFrames.read("C0FFEE1", tracker.clock().millis(), false) + "]");
            b.waitFor("PR.alerts.some(a => a.tag === 'C0FFEE1')", WAIT);
            assertTrue(((String) b.eval("document.querySelector('#alerts tbody tr').textContent")).contains("3 栋电梯厅"));
            assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error, no CSP violation");
        }
    }
}
