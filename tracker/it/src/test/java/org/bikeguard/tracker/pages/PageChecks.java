package org.bikeguard.tracker.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.bikeguard.testkit.CdpBrowser;

/** What every page test checks in the browser: script errors and CSP violations, and the weight of a first load. */
final class PageChecks {

    private PageChecks() {}

    /** Records script errors, rejected promises, {@code console.error} and CSP violations from the first byte of every page. */
    static void watch(CdpBrowser b) {
        b.call(
                "Page.addScriptToEvaluateOnNewDocument",
                new JsonObject()
                        .put(
                                "source",
                                "window.__errors = []; window.__csp = [];"
                                        + " window.addEventListener('error', e => window.__errors.push(String(e.message)));"
                                        + " window.addEventListener('unhandledrejection', e => window.__errors.push('rejection ' + e.reason));"
                                        + " const ce = console.error; console.error = (...a) => { window.__errors.push(a.join(' ')); ce.apply(console, a); };"
                                        + " document.addEventListener('securitypolicyviolation',"
                                        + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    /** Fails with the page's script errors or CSP violations, if any. */
    static void noErrors(CdpBrowser b) {
        assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script errors");
        assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");
    }

    /**
     * Bytes of the page's document and every resource it loaded (the body sizes: the tracker does
     * not compress, so this is what was transferred, less the headers).
     */
    static long loadedBytes(CdpBrowser b) {
        Object v = b.eval("performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + (e.encodedBodySize || 0), 0)");
        return ((Number) v).longValue();
    }

    /**
     * Milliseconds from the navigation's start to the first contentful paint, and to {@code readyAt}
     * (the page's data shown), e.g. {@code "fcp 84 ms, ready 120 ms"}.
     */
    static String renderTimes(CdpBrowser b, String readyAt) {
        return (String) b.eval("(() => { const p = performance.getEntriesByType('paint')"
                + ".find(e => e.name === 'first-contentful-paint');"
                + " return 'fcp ' + (p ? Math.round(p.startTime) : '?') + ' ms, ready ' + Math.round(" + readyAt
                + ") + ' ms'; })()");
    }

    /** Makes the page a phone's: width and height in CSS px, touch, a device pixel ratio of 3. */
    static void phone(CdpBrowser b, int width, int height) {
        b.call(
                "Emulation.setDeviceMetricsOverride",
                new JsonObject()
                        .put("width", width)
                        .put("height", height)
                        .put("deviceScaleFactor", 3)
                        .put("mobile", true));
    }
}
