package org.bikeguard.claims.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adjuster console as {@code ops/run} serves it: the real tracker deploys claims, sends its
 * Content-Security-Policy and logs the adjuster in through the console's own login form; a new
 * installation's empty work list shows its empty state (it used to throw "Failed to execute
 * 'appendChild'") with no script error and no CSP violation. Skipped without Chromium.
 */
class ConsoleOnRealTrackerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed (Debian package chromium)");
        tracker = TrackerKit.builder()
                .adminPassword(System.getenv("BIKEGUARD_ADMIN_PASSWORD"))
                .httpPort(FreePorts.free())
                .verticles("org.bikeguard.claims.ClaimsVerticle")
                .start();
        tracker.user("adj-web", "adjuster");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void anAdjusterLogsInAndSeesTheEmptyWorkListWithoutErrors() throws Exception {
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1280, 800)) {
            b.call(
                    "Page.addScriptToEvaluateOnNewDocument",
                    new JsonObject()
                            .put(
                                    "source",
                                    "window.__errors = []; window.__csp = [];"
                                            + " addEventListener('error', e => window.__errors.push(String(e.message)));"
                                            + " addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));"
                                            + " document.addEventListener('securitypolicyviolation',"
                                            + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
            b.navigate("http://127.0.0.1:" + tracker.httpPort() + "/claims/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("{ const f = document.getElementById('loginForm'); f.username.value = 'adj-web';"
                    + " f.password.value = 'password-adj-web'; f.requestSubmit(); } true");
            b.waitFor("typeof CONSOLE !== 'undefined' && CONSOLE.renders >= 1", WAIT);
            assertEquals("暂无理赔", b.eval("document.querySelector('#queue td').textContent"));
            assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error");
            assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");
        }
    }
}
