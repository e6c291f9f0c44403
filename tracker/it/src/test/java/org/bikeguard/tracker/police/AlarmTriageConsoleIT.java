package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.alert.WatchList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alarm triage in the police console, headless Chromium against a whole tracker: alarms caught up
 * after a reconnect neither beep nor move the map (counted by the page), the follow toggle decides
 * panning and a playing replay is never interrupted, keyboard shortcuts and filters, an outcome set
 * on one console shows on a second at once, and the situation tab's empty states. No script
 * errors, no Content-Security-Policy violations. Skipped without {@code /usr/bin/chromium}.
 */
class AlarmTriageConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Records script errors and CSP violations from the first byte of every page. */
    static final String WATCH_ERRORS = "window.__errors = [];"
            + " window.addEventListener('error', e => window.__errors.push(String(e.message)));"
            + " window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));"
            + " window.__csp = []; document.addEventListener('securitypolicyviolation',"
            + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    private static TrackerKit tracker;
    private static final AtomicLong SEQ = new AtomicLong();

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        tracker = TrackerKit.start();
        for (int i = 0; i < 40; i++) {
            tracker.station(String.format("AT-%02d", i), 112.50 + 0.01 * (i % 8), 26.85 + 0.01 * (i / 8));
        }
        tracker.user("officer-a", "police");
        tracker.user("officer-b", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** A console logged in as {@code user}, its stream live. */
    static CdpBrowser console(TrackerKit kit, String user) throws Exception {
        CdpBrowser b = CdpBrowser.start(kit.vertx(), 1280, 800);
        try {
            b.useClock(kit.clock());
            b.call("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", WATCH_ERRORS));
            b.navigate("http://127.0.0.1:" + kit.httpPort() + "/police/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("document.getElementById('login-user').value = '" + user + "';"
                    + "document.getElementById('login-pass').value = 'password-" + user + "';"
                    + "document.getElementById('login-go').click(); true");
            b.waitFor("window.BG && BG.ready && BG.alarms.ready && !BG.alarms.catchingUp", WAIT);
            return b;
        } catch (Exception | AssertionError e) {
            b.close();
            throw e;
        }
    }

    /** No script error and no CSP violation on the page. */
    static void clean(CdpBrowser b) {
        assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "script errors");
        assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "CSP violations");
    }

    /** A watched tag heard at a station now (a stolen alarm). */
    static void raise(TrackerKit kit, AtomicLong seq, String tag, String station) {
        kit.app().alerts().watchList().watch(TagIds.parse(tag), 0, "HY-" + tag, "衡阳" + tag);
        kit.publish(
                station,
                seq.incrementAndGet(),
                "[" + JsonFrames.read(tag, kit.clock().millis(), false) + "]");
    }

    private static void raise(String tag, String station) {
        raise(tracker, SEQ, tag, station);
    }

    private static long number(CdpBrowser b, String expression) {
        return ((Number) b.eval(expression)).longValue();
    }

    private static String has(String tag) {
        return "BG.alarms.list.some(a => a.tag === '" + tag + "')";
    }

    @Test
    void caughtUpAlarmsNeitherBeepNorPanAndFollowDecidesPanning() throws Exception {
        try (CdpBrowser b = console(tracker, "officer-a")) {
            assertEquals(0, number(b, "BG.alarms.beeps"));
            long before = number(b, "BG.alarms.list.length"); // alarms of other tests, from the REST list
            String center = (String) b.eval("BG.map.getCenter().toString()");

            // follow is off by default: a live alarm beeps and is listed, the map stays
            raise("F001", "AT-05");
            b.waitFor(has("F001"), WAIT);
            assertEquals(1, number(b, "BG.alarms.beeps"));
            assertEquals(0, number(b, "BG.alarms.pans"));
            assertEquals(center, b.eval("BG.map.getCenter().toString()"), "the map did not move");

            // follow on: the next live alarm moves the map to it
            b.eval("document.getElementById('alarm-follow').click(); true");
            assertEquals(Boolean.TRUE, b.eval("BG.alarms.follow"));
            Thread.sleep(1_600); // one beep per 1.5 s at most
            raise("F002", "AT-39");
            b.waitFor(has("F002"), WAIT);
            assertEquals(1, number(b, "BG.alarms.pans"));
            b.waitFor(
                    "BG.map.getBounds().contains(BG.alarms.list.find(a => a.tag === 'F002').marker.getLatLng())"
                            + " && BG.map.getCenter().toString() !== '" + center + "'",
                    WAIT);

            // a replay plays: a live alarm does not pull the map away, even with follow on
            long now = tracker.clock().millis();
            tracker.publish(
                    "AT-10", SEQ.incrementAndGet(), "[" + JsonFrames.read("F003", now - 1_800_000, false) + "]");
            tracker.publish("AT-20", SEQ.incrementAndGet(), "[" + JsonFrames.read("F003", now - 900_000, false) + "]");
            Thread.sleep(1_600);
            raise("F003", "AT-30");
            b.waitFor(has("F003"), WAIT);
            assertEquals(2, number(b, "BG.alarms.pans"));
            b.eval("document.querySelector('#alarm-list li.t-stolen button[data-act=replay]').click(); true");
            b.waitFor("BG.replay.tracks.length === 1", WAIT);
            b.eval("document.getElementById('replay-speed').value = '10';"
                    + " document.getElementById('replay-play').click(); true");
            b.waitFor("BG.replay.playing", WAIT);
            Thread.sleep(1_600);
            raise("F004", "AT-01");
            b.waitFor(has("F004"), WAIT);
            assertEquals(2, number(b, "BG.alarms.pans"), "no pan while a replay plays");
            assertEquals(Boolean.TRUE, b.eval("BG.replay.playing"));
            assertEquals(4, number(b, "BG.alarms.beeps"));
            b.eval("BG.replay.pause(); true");

            // the connection drops; five alarms are raised meanwhile; the console reconnects
            long beeps = number(b, "BG.alarms.beeps");
            b.eval("BG.alarms.__connect = BG.alarms.connect; BG.alarms.connect = () => {}; BG.alarms.ws.close(); true");
            b.waitFor("!BG.alarms.ready", WAIT);
            for (int i = 0; i < 5; i++) {
                raise("F01" + i, String.format("AT-%02d", 11 + i));
            }
            Poll.until(Duration.ofSeconds(10), "five alarms stored", () -> {
                try {
                    return tracker.app().alerts().store().since(0, 100).stream()
                                    .filter(o -> o.getString("tag").startsWith("F01"))
                                    .count()
                            == 5;
                } catch (Exception e) {
                    return false;
                }
            });
            Thread.sleep(1_600); // past the beep gap: a caught-up alarm taken for live would beep
            b.eval("BG.alarms.connect = BG.alarms.__connect; BG.alarms.connect(); true");
            b.waitFor("BG.alarms.ready && !BG.alarms.catchingUp && " + has("F014"), WAIT);
            assertEquals(before + 9, number(b, "BG.alarms.list.length"));
            assertEquals(beeps, number(b, "BG.alarms.beeps"), "no beep burst for caught-up alarms");
            assertEquals(2, number(b, "BG.alarms.pans"), "no panning for caught-up alarms");
            assertEquals(5, number(b, "BG.alarms.missed"));
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('alarm-missed').hidden"));
            assertTrue(((String) b.eval("document.getElementById('alarm-missed').textContent")).contains("5"));

            // keyboard: j selects the newest, i marks it intercepted; the "open" filter then hides it
            b.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true })); true");
            long selected = number(b, "BG.alarms.selected");
            assertEquals(number(b, "BG.alarms.list[0].id"), selected);
            b.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', bubbles: true })); true");
            b.waitFor("BG.alarms.byId.get(" + selected + ").outcome === 'intercepted'", WAIT);
            b.eval("const f = document.getElementById('alarm-filter-outcome'); f.value = 'open';"
                    + " f.dispatchEvent(new Event('change')); true");
            assertEquals(
                    number(b, "BG.alarms.list.filter(a => !a.outcome).length"),
                    number(b, "document.querySelectorAll('#alarm-list li').length"));
            assertEquals(
                    Boolean.FALSE, b.eval("!!document.querySelector('#alarm-list li[data-id=\"" + selected + "\"]')"));
            assertEquals(
                    Boolean.FALSE,
                    b.eval("BG.alarms.layer.hasLayer(BG.alarms.byId.get(" + selected + ").marker)"),
                    "its marker is hidden too");
            b.eval("const t = document.getElementById('alarm-filter-type'); t.value = 'clone';"
                    + " t.dispatchEvent(new Event('change')); true");
            assertEquals(0, number(b, "document.querySelectorAll('#alarm-list li').length"));
            // the area filter: the stations picked, then a rectangle drawn, on the "who passed" tab
            b.eval("for (const id of ['alarm-filter-type', 'alarm-filter-outcome']) {"
                    + " const f = document.getElementById(id); f.value = ''; f.dispatchEvent(new Event('change')); }"
                    + " BG.stations.selected.add('AT-39'); const a = document.getElementById('alarm-filter-area');"
                    + " a.value = 'drawn'; a.dispatchEvent(new Event('change')); true");
            assertEquals(
                    "F002",
                    b.eval("Array.from(document.querySelectorAll('#alarm-list li'))"
                            + ".map(li => BG.alarms.byId.get(Number(li.dataset.id)).tag).join(',')"));
            b.eval("BG.drawing.clear(); BG.drawing.finish([L.latLng(26.845, 112.545), L.latLng(26.845, 112.555),"
                    + " L.latLng(26.855, 112.555), L.latLng(26.855, 112.545)]); BG.alarms.applyFilter(); true");
            assertEquals(
                    "F001",
                    b.eval("Array.from(document.querySelectorAll('#alarm-list li'))"
                            + ".map(li => BG.alarms.byId.get(Number(li.dataset.id)).tag).join(',')"));
            b.eval("BG.drawing.clear(); const a2 = document.getElementById('alarm-filter-area'); a2.value = '';"
                    + " a2.dispatchEvent(new Event('change')); true");
            assertEquals(
                    number(b, "BG.alarms.list.length"),
                    number(b, "document.querySelectorAll('#alarm-list li').length"));
            // typing in a field is not a shortcut
            b.eval(
                    "document.getElementById('ls-tag').dispatchEvent(new KeyboardEvent('keydown', { key: 'f', bubbles: true })); true");
            assertEquals(Boolean.TRUE, b.eval("BG.alarms.follow"));
            // the help lists the shortcuts
            b.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true })); true");
            assertEquals(Boolean.FALSE, b.eval("document.getElementById('help').hidden"));
            assertEquals(12, number(b, "document.querySelectorAll('#help-keys tr').length"));
            b.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); true");
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('help').hidden"));
            clean(b);
        }
    }

    @Test
    void aStolenAlarmsCompanionsShowInItsDetailOnceTheyFollowIt() throws Exception {
        try (CdpBrowser b = console(tracker, "officer-a")) {
            // CB01 and CB02 in one van past three stations 2 km apart, minutes ago (CB01 not yet watched)
            long now = tracker.clock().millis();
            for (int i = 0; i < 3; i++) {
                long t = now - (8 - 2L * i) * 60_000;
                tracker.publish(
                        String.format("AT-%02d", 2 * i),
                        SEQ.incrementAndGet(),
                        "[" + JsonFrames.read("CB01", t, false) + "," + JsonFrames.read("CB02", t + 2_000, false)
                                + "]");
            }
            raise("CB01", "AT-06");
            b.waitFor(has("CB01"), WAIT);
            long id = number(b, "BG.alarms.list.find(a => a.tag === 'CB01').id");
            b.eval("BG.alarms.focus(" + id + ", false); true");
            b.waitFor(
                    "(BG.alarms.byId.get(" + id + ").companions || []).length === 1" + " && BG.alarms.byId.get(" + id
                            + ").marker.getPopup().getContent().includes('CB02')",
                    WAIT);
            assertTrue(((String) b.eval("BG.alarms.byId.get(" + id + ").marker.getPopup().getContent()"))
                    .contains("同行车辆"));
            clean(b);
        }
    }

    @Test
    void anOutcomeSetOnOneConsoleShowsOnAnotherAndTheSituationTabSaysWhenItIsEmpty() throws Exception {
        WatchList w = tracker.app().alerts().watchList();
        w.all().forEach(e -> w.unwatch(e.tag()));
        try (CdpBrowser one = console(tracker, "officer-a");
                CdpBrowser two = console(tracker, "officer-b")) {
            // empty states: no watched tag, no theft report; the stations' health is summed up
            two.eval("document.querySelector('#tabs button[data-tab=layers]').click(); true");
            two.waitFor("BG.layers.loaded >= 1", WAIT);
            assertEquals(Boolean.FALSE, two.eval("document.getElementById('watch-empty').hidden"));
            assertEquals(Boolean.FALSE, two.eval("document.getElementById('heat-empty').hidden"));
            assertEquals(
                    two.eval("BG.layers.report.totals.total === 0"),
                    two.eval("!document.getElementById('outcomes-empty').hidden"));
            assertEquals(168, number(two, "document.querySelectorAll('#heat-table td').length"));
            assertTrue(((String) two.eval("document.getElementById('health-summary').textContent")).contains("40"));
            assertEquals("", two.eval("document.getElementById('watch-error').textContent"));
            assertEquals("", two.eval("document.getElementById('health-error').textContent"));
            // the health layer draws every silent station on one canvas: no DOM node per station
            long nodes = number(two, "document.getElementById('map').querySelectorAll('*').length");
            two.eval("document.getElementById('health-show').click(); true");
            assertTrue(number(two, "BG.layers.healthLayer.getLayers().length") > 0);
            assertEquals(
                    number(two, "BG.layers.healthData.stations.length"),
                    number(two, "BG.layers.healthLayer.getLayers().length"));
            assertTrue(
                    number(two, "document.getElementById('map').querySelectorAll('*').length") < nodes + 5,
                    "no DOM node per station");

            raise("CE01", "AT-07");
            one.waitFor(has("CE01"), WAIT);
            two.waitFor(has("CE01"), WAIT);
            long id = number(one, "BG.alarms.list.find(a => a.tag === 'CE01').id");
            one.eval("document.querySelector('#alarm-list li[data-id=\"" + id
                    + "\"] button[data-act=intercepted]').click(); true");
            two.waitFor("BG.alarms.byId.get(" + id + ").outcome === 'intercepted'", WAIT);
            assertEquals("officer-a", two.eval("BG.alarms.byId.get(" + id + ").outcomeBy"));
            two.waitFor(
                    "document.querySelector('#alarm-list li[data-id=\"" + id
                            + "\"]') && document.querySelector('#alarm-list li[data-id=\"" + id
                            + "\"]').textContent.includes('已拦截')",
                    WAIT);
            // and back: a false alarm set on the second shows on the first
            two.eval("document.querySelector('#alarm-list li[data-id=\"" + id
                    + "\"] button[data-act=false_alarm]').click(); true");
            one.waitFor(
                    "BG.alarms.byId.get(" + id + ").outcome === 'false_alarm'" + " && BG.alarms.byId.get(" + id
                            + ").outcomeBy === 'officer-b'",
                    WAIT);

            // the outcomes of the last 7 days (the scenario's today) count it
            two.eval("document.getElementById('outcomes-refresh').click(); true");
            two.waitFor(
                    "BG.layers.report && BG.layers.report.totals.intercepted + BG.layers.report.totals.false_alarm >= 1",
                    WAIT);
            assertEquals(Boolean.TRUE, two.eval("document.getElementById('outcomes-empty').hidden"));
            assertEquals(
                    8, number(two, "document.querySelectorAll('#outcomes-body tr').length"), "7 days and the total");

            two.eval("document.getElementById('watch-refresh').click(); true");
            two.waitFor("document.querySelectorAll('#watch-body tr').length === 1", WAIT);
            assertEquals(Boolean.TRUE, two.eval("document.getElementById('watch-empty').hidden"));
            assertTrue(((String) two.eval("document.getElementById('watch-body').textContent")).contains("衡阳CE01"));
            two.eval("BG.setLang('en'); true");
            assertEquals("Situation", two.eval("document.querySelector('#tabs button[data-tab=layers]').textContent"));
            clean(one);
            clean(two);
        }
    }
}
