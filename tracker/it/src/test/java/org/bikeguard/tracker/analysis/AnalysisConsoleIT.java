package org.bikeguard.tracker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The police console's analysis tab in headless Chromium: empty state (no dens, no companions)
 * without script errors, then one tag's companions listed and drawn. Skipped when
 * {@code /usr/bin/chromium} is not installed.
 */
class AnalysisConsoleIT {

    private static TrackerKit tracker;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                CdpBrowser.available(), "chromium is not installed (Debian packages chromium, chromium-driver)");
        tracker = TrackerKit.start();
        for (int i = 0; i < 4; i++) {
            tracker.station("AC-" + i, 112.55 + 0.01 * i, 26.88);
        }
        tracker.user("officer-ac", "police");
        Instant t = tracker.clock().instant().minus(Duration.ofHours(3));
        try (Connection c = tracker.app().database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi)"
                                + " VALUES (?, ?, ?, ?, 3, -60)")) {
            for (int i = 0; i < 4; i++) {
                Instant at = t.plus(Duration.ofMinutes(3L * i));
                for (String tag : new String[] {"AC01", "AC02"}) {
                    st.setLong(1, TagIds.parse(tag));
                    st.setString(2, "AC-" + i);
                    st.setTimestamp(3, Timestamp.from(at));
                    st.setTimestamp(4, Timestamp.from(at.plusSeconds(20)));
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void theAnalysisTabShowsNoDensWithoutErrorsAndListsATagsCompanions() throws Exception {
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1280, 800)) {
            b.useClock(tracker.clock());
            b.call(
                    "Page.addScriptToEvaluateOnNewDocument",
                    new JsonObject()
                            .put(
                                    "source",
                                    "window.__errors = []; window.addEventListener('error', e => __errors.push(e.message));"
                                            + " window.addEventListener('unhandledrejection', e => __errors.push(String(e.reason)));"
                                            + " const ce = console.error; console.error = (...a) => { __errors.push(a.join(' ')); ce(...a); };"));
            b.navigate("http://127.0.0.1:" + tracker.httpPort() + "/police/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("document.getElementById('login-user').value = 'officer-ac';"
                    + "document.getElementById('login-pass').value = 'password-officer-ac';"
                    + "document.getElementById('login-go').click(); true");
            b.waitFor("window.BG.ready === true", WAIT);
            b.eval("document.querySelector('#tabs button[data-tab=analysis]').click(); true");
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('tab-analysis').hidden"));
            assertEquals("研判", b.eval("document.querySelector('#tabs button[data-tab=analysis]').textContent"));

            // no theft cases: no dens, said in words, nothing on the map
            b.eval("document.getElementById('den-go').click(); true");
            b.waitFor("!document.getElementById('den-empty').hidden", WAIT);
            assertEquals("未发现疑似窝点", b.eval("document.getElementById('den-empty').textContent"));
            assertEquals(0, ((Number) b.eval("BG.analysis.denLayer.getLayers().length")).intValue());

            // a tag nobody travelled with, then one that did
            b.eval(
                    "document.getElementById('cp-tag').value = 'AC09'; document.getElementById('cp-case').value = 'HY-AC-1';"
                            + " document.getElementById('cp-go').click(); true");
            b.waitFor("!document.getElementById('cp-empty').hidden", WAIT);
            b.eval("document.getElementById('cp-tag').value = 'AC01'; document.getElementById('cp-go').click(); true");
            b.waitFor("document.querySelectorAll('#cp-result tbody tr').length === 1", WAIT);
            assertEquals("AC02", b.eval("document.querySelector('#cp-result tbody td').textContent"));
            assertTrue(((Number) b.eval("BG.analysis.companionLayer.getLayers().length")).intValue() == 4);
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('cp-empty').hidden"));

            // a police query without a case number is refused, and said so
            b.eval("document.getElementById('cp-case').value = ''; document.getElementById('cp-go').click(); true");
            b.waitFor("document.getElementById('cp-error').textContent !== ''", WAIT);
            b.eval("BG.setLang('en'); true");
            assertEquals("Fence dens", b.eval("document.querySelector('#tab-analysis h3:nth-of-type(2)').textContent"));
            b.screenshot(Path.of("target", "police-analysis.png"));
            assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script errors");
        }
    }
}
