package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bikeguard.claims.testsupport.ClaimScenarios;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.testkit.CdpBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The owner page in headless Chromium at a phone's width, under the tracker's
 * Content-Security-Policy: the empty state, and the owner signing the rights transfer of an
 * approved theft claim themselves (read, agree, sign), in Chinese first and in English, with no
 * script error, no CSP violation and no horizontal overflow. Skipped when
 * {@code /usr/bin/chromium} is not installed.
 */
class OwnerPageBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Records script errors and CSP violations from the first byte of every page. */
    private static final String PROBE = "window.__errors = []; window.__csp = [];"
            + " addEventListener('error', e => window.__errors.push(String(e.message)));"
            + " addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason && e.reason.message || e.reason)));"
            + " document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    private ClaimsHarness h;
    private CdpBrowser b;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed (Debian package chromium)");
        h = ClaimsHarness.start();
        b = CdpBrowser.start(h.vertx, 390, 844);
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

    /** Opens the owner page logged in as {@code phone} (the harness takes "user:role" as the token). */
    private void openAs(String phone) {
        b.call(
                "Page.addScriptToEvaluateOnNewDocument",
                new JsonObject().put("source", "localStorage.setItem('bikeguard.token', '" + phone + ":owner');"));
        b.navigate("http://127.0.0.1:" + h.port() + "/claims/owner.html");
        b.waitFor("typeof OWNER !== 'undefined' && OWNER.renders >= 1", WAIT);
    }

    private String text(String selector) {
        return (String) b.eval("document.querySelector("
                + JsonArray.of(selector).encode().replaceAll("^\\[|\\]$", "") + ").textContent");
    }

    private void clean() {
        assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error");
        assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");
        assertTrue(
                (Boolean) b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
                "no horizontal overflow on a phone");
    }

    @Test
    void anOwnerWithoutClaimsSeesTheEmptyStateInChinese() {
        openAs("13900009999");
        assertEquals("zh-CN", b.eval("document.documentElement.lang"), "Simplified Chinese first");
        assertEquals("暂无理赔", text("#app section p"));
        clean();
    }

    @Test
    void theOwnerReadsAgreesAndSignsTheRightsTransferThenTheClaimCanBePaid() {
        ClaimScenarios.Theft t = new ClaimScenarios(h).approved("2024-10-01");
        openAs(t.owner());
        String form = "form.rightsForm[data-claim='" + t.id() + "']";
        b.waitFor("document.querySelector(\"" + form + "\") !== null", WAIT);
        assertTrue(text(form).contains("车辆归运营方所有"), text(form));
        assertEquals(
                Boolean.TRUE, b.eval("document.querySelector(\"" + form + "\").sign.disabled"), "not before agreeing");

        b.eval("document.getElementById('lang').click(); true");
        b.waitFor("document.querySelector(\"" + form + "\").textContent.includes('belongs to the insurer')", WAIT);
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor(
                "document.documentElement.lang === 'zh-CN' && document.querySelector(\"" + form
                        + "\") !== null && document.querySelector(\"" + form + "\").textContent.includes('车辆归运营方所有')",
                WAIT);

        b.eval("{ const f = document.querySelector(\"" + form + "\"); f.agree.click(); } true");
        assertEquals(Boolean.FALSE, b.eval("document.querySelector(\"" + form + "\").sign.disabled"));
        b.eval("document.querySelector(\"" + form + "\").sign.click(); true");
        b.waitFor("document.querySelector('p.signed') !== null", WAIT);
        assertEquals("已签署权益转让书：2026-09-18 12:00", text("p.signed"), "Asia/Shanghai time of the scenario clock");
        assertEquals(Boolean.TRUE, b.eval("document.querySelector('form.rightsForm') === null"), "signed once");
        clean();

        JsonObject claim = h.get(t.path(), "adj1", "adjuster").json();
        assertNotNull(claim.getString("rightsSignedAt"));
        assertEquals(
                null,
                claim.getJsonObject("fourEyes").getValue("rightsPaperId"),
                "the owner's own act: no paper for an adjuster to attach");
        assertTrue(
                claim.getJsonArray("events").stream()
                        .map(e -> (JsonObject) e)
                        .anyMatch(e -> "rights-transfer-signed".equals(e.getString("action"))
                                && t.owner().equals(e.getString("actor"))),
                "signed by the owner");
        assertEquals(
                201, h.post(t.path() + "/payment", "adj1", "adjuster", null).status());
    }
}
