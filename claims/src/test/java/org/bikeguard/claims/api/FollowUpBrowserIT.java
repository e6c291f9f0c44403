package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.TheftClaims;
import org.bikeguard.testkit.CdpBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's follow-up views in headless Chromium under the tracker's Content-Security-Policy:
 * empty activities and fraud-review views; then my and overdue activities, a referred claim
 * cleared from the fraud-review queue, its reserve, an activity done and one added, the
 * acknowledgement letter, the language switch, and an admin's outstanding reserves — with no
 * script error, no CSP violation and no horizontal overflow at 1280 px. Skipped when
 * {@code /usr/bin/chromium} is not installed.
 */
class FollowUpBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Records script errors and CSP violations, stubs window.open (PDFs), logs in as adj1. */
    private static final String PROBE = "window.__errors = []; window.__csp = [];"
            + " addEventListener('error', e => window.__errors.push(String(e.message)));"
            + " addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason && e.reason.message || e.reason)));"
            + " document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            + " window.open = (u) => { window.__opened = String(u); return null; };"
            + " localStorage.setItem('bikeguard.token', 'adj1:adjuster');";

    private ClaimsHarness h;
    private CdpBrowser b;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed (Debian package chromium)");
        h = ClaimsHarness.start();
        b = CdpBrowser.start(h.vertx, 1280, 800);
        b.call("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", PROBE));
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        if (h != null) {
            h.close();
        }
    }

    private void open() {
        b.navigate("http://127.0.0.1:" + h.port() + "/claims/");
        b.waitFor(
                "typeof CONSOLE !== 'undefined' && CONSOLE.renders >= 1 && ACTIVITIES.renders >= 1 && REVIEW.renders >= 1",
                WAIT);
    }

    private void clean() {
        assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error");
        assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");
        assertTrue(
                (Boolean) b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
                "no horizontal overflow at 1280 px");
    }

    private String text(String selector) {
        return (String) b.eval("document.querySelector("
                + JsonArray.of(selector).encode().replaceAll("^\\[|\\]$", "") + ").textContent");
    }

    private long count(String selector) {
        return ((Number) b.eval("document.querySelectorAll('" + selector + "').length")).longValue();
    }

    @Test
    void emptyActivitiesAndFraudReviewViewsSayNothingWaits() {
        open();
        assertEquals("暂无待办事项", text("#activityList td"));
        assertEquals("暂无待复核的理赔", text("#reviewList td"));
        assertEquals(Boolean.TRUE, b.eval("document.getElementById('reserveBox').hidden"), "reserves: admins only");
        b.eval("document.getElementById('actOverdue').click(); true");
        b.waitFor("ACTIVITIES.view === 'overdue' && ACTIVITIES.renders >= 2", WAIT);
        assertEquals("暂无待办事项", text("#activityList td"));
        clean();
    }

    @Test
    void activitiesFraudReviewReservesAndLettersInTheConsole() throws Exception {
        long referred = TheftClaims.opened(h, "1", "2026-08-01"); // early theft: referred
        long mine = TheftClaims.opened(h, "2", "2026-06-01");
        h.post("/api/v1/claims/" + mine + "/assignment", "adj1", "adjuster", null);
        h.clock.setDate("2026-08-24"); // Monday: the acknowledgements (due Friday 21 August) are overdue
        open();

        // my activities: the two standard ones of the claim assigned to me; then the overdue ones
        assertEquals(2, count("#activityList tr.clickable"));
        assertTrue(text("#activityList").contains("确认收到报案并告知车主"), text("#activityList"));
        b.eval("document.getElementById('actOverdue').click(); true");
        b.waitFor(
                "ACTIVITIES.view === 'overdue' && document.querySelectorAll('#activityList tr.overdue').length === 2",
                WAIT);

        // the fraud-review queue: open the referred claim and clear it
        assertEquals(1, count("#reviewList tr.clickable"));
        b.eval("document.querySelector('#reviewList tr.clickable').click(); true");
        b.waitFor("document.getElementById('claim').dataset.claim === '" + referred + "'", WAIT);
        assertEquals("1,200.00", text("#reserveNow"));
        b.eval("{ const f = document.getElementById('reviewForm'); f.outcome.value = 'cleared';"
                + " f.reason.value = '轨迹与报案一致'; f.requestSubmit(); } true");
        b.waitFor("document.querySelector('#claim h2').textContent.includes('处理中')", WAIT);
        b.waitFor("document.querySelector('#reviewList td').textContent === '暂无待复核的理赔'", WAIT);
        assertTrue(text("#claim .reviews").contains("已排除"), text("#claim .reviews"));

        // an activity done, one added in two working days
        b.eval("document.querySelector('#activities .doneBtn').click(); true");
        b.waitFor("document.querySelectorAll('#activities li.done').length === 1", WAIT);
        assertTrue(text("#activities li.done").contains("adj1"), text("#activities li.done"));
        b.eval("{ const f = document.getElementById('activityForm'); f.text.value = '联系派出所核实';"
                + " f.days.value = '2'; f.requestSubmit(); } true");
        b.waitFor("document.getElementById('activities').textContent.includes('联系派出所核实')", WAIT);
        assertTrue(text("#activities").contains("2026-08-26"), text("#activities"));

        // the acknowledgement letter opens as a PDF
        b.eval("document.getElementById('docAck').click(); true");
        b.waitFor("(window.__opened || '').startsWith('blob:')", WAIT);
        assertEquals(0L, count("#docDenial"), "no denial letter for a claim not denied");
        clean();

        // English
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor(
                "document.documentElement.lang === 'en' && document.querySelector('#claim h2').textContent.includes('Open')",
                WAIT);
        assertEquals("Activities", text("#activityBox h2"));
        assertEquals("Fraud-review queue", text("#reviewBox h2"));
        assertTrue(text("#activities").contains("Acknowledge the claim to the owner"), text("#activities"));
        assertTrue(text("#claim .reserve").startsWith("Reserve (yuan)"), text("#claim .reserve"));
        b.screenshot(Path.of("target", "claims-followup.png"));
        clean();
        b.eval("document.getElementById('lang').click(); true");

        // an admin sees the outstanding reserves: two theft claims of 1,200 yuan
        b.call(
                "Page.addScriptToEvaluateOnNewDocument",
                new JsonObject().put("source", "localStorage.setItem('bikeguard.token', 'adm1:admin');"));
        open();
        b.waitFor("!document.getElementById('reserveBox').hidden", WAIT);
        assertEquals("2,400.00", text("#reservesTotal"));
        clean();
    }
}
