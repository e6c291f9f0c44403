package org.bikeguard.tracker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The claims module's pages, co-deployed on the tracker's port, work under the tracker's
 * Content-Security-Policy (no inline script or style): an owner logs in on the owner view in
 * headless Chromium and sees their (empty) claims, and the adjuster console loads, without a single
 * policy violation. Skipped when {@code /usr/bin/chromium} is not installed.
 */
@Timeout(180)
class ClaimsPagesCspIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RECORD_VIOLATIONS = "window.__csp = []; document.addEventListener("
            + "'securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            + " window.__errors = []; window.addEventListener('error', e => window.__errors.push(String(e.message)));";
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        tracker = TrackerKit.builder()
                .httpPort(FreePorts.free()) // claims calls the tracker through its published URL
                .env("BIKEGUARD_INGEST_INSTANCES", "1")
                .verticles("org.bikeguard.claims.ClaimsVerticle")
                .start();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void anOwnerLogsInOnTheOwnerViewAndTheConsoleLoadsWithoutAPolicyViolation() throws Exception {
        RegistryFixtures.TestOwner owner = tracker.owner(tracker.adminToken(), "csp-owner");
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1024, 768)) {
            b.call("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", RECORD_VIOLATIONS));
            b.navigate(tracker.baseUrl() + "/claims/owner.html");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("const f = document.getElementById('loginForm'); f.username.value = '" + owner.phone() + "';"
                    + " f.password.value = '" + RegistryFixtures.OWNER_PASSWORD + "';"
                    + " f.querySelector('button').click(); true");
            b.waitFor(
                    "!document.getElementById('app').hidden && document.getElementById('app').textContent.length > 0",
                    WAIT);
            assertTrue(
                    ((String) b.eval("document.getElementById('app').textContent")).contains("暂无理赔"),
                    "the owner's (empty) claims are rendered by owner.js");
            assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no policy violation on the owner view");
            assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error on the owner view");

            b.navigate(tracker.baseUrl() + "/claims/");
            b.waitFor("document.querySelector('header a.header-link') !== null", WAIT);
            assertEquals(
                    "rgb(255, 255, 255)",
                    b.eval("getComputedStyle(document.querySelector('header a.header-link')).color"),
                    "the header link's style moved to style.css");
            assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no policy violation on the console");
        }
    }
}
