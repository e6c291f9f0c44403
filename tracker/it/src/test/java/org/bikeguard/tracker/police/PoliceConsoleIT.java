package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The police console in headless Chromium against a whole tracker: log in as police, a watched
 * tag is heard over real MQTT, the alarm appears in the list and on the map, and the bike's path
 * replays to its end. Skipped when {@code /usr/bin/chromium} is not installed.
 */
class PoliceConsoleIT {

    private static TrackerKit tracker;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(
                CdpBrowser.available(), "chromium is not installed (Debian packages chromium, chromium-driver)");
        tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start();
        for (int i = 0; i < 40; i++) {
            tracker.station(String.format("PC-%02d", i), 112.55 + 0.004 * (i % 8), 26.88 + 0.004 * (i / 8));
        }
        tracker.user("officer-web", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void policeSeeAStolenBikesAlarmAppearOnTheMapAndReplayItsPath() throws Exception {
        long now = tracker.clock().millis();
        // where the bike went before it was reported: three stations, ten minutes apart
        tracker.publish("PC-00", 1, "[" + JsonFrames.read("D1001", now - 1_800_000, false) + "]");
        tracker.publish("PC-09", 2, "[" + JsonFrames.read("D1001", now - 1_200_000, false) + "]");
        tracker.publish("PC-18", 3, "[" + JsonFrames.read("D1001", now - 600_000, false) + "]");
        var http = tracker.http();
        var page = http.get("/police/");
        assertEquals(200, page.status(), page.body());
        assertEquals(200, http.get("/police/vendor/leaflet/leaflet.js").status());
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1280, 800)) {
            b.useClock(tracker.clock());
            // record Content-Security-Policy violations from the first byte of every page (CDP scripts are exempt)
            b.call(
                    "Page.addScriptToEvaluateOnNewDocument",
                    new io.vertx.core.json.JsonObject()
                            .put(
                                    "source",
                                    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                                            + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
            b.navigate("http://127.0.0.1:" + tracker.httpPort() + "/police/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            assertEquals("zh-CN", b.eval("document.documentElement.lang"), "Simplified Chinese first");
            assertEquals("警员登录", b.eval("document.querySelector('#login h2').textContent"));
            b.eval("document.getElementById('login-user').value = 'officer-web';"
                    + "document.getElementById('login-pass').value = 'password-officer-web';"
                    + "document.getElementById('login-go').click(); true");
            // the socket is open and authenticated by its first message (no token in the URL)
            b.waitFor("window.BG.ready && BG.alarms.ws && BG.alarms.ws.readyState === 1 && BG.alarms.ready", WAIT);
            assertTrue(!((String) b.eval("BG.alarms.ws.url")).contains("token"), "no token in the socket's URL");
            assertEquals(40, ((Number) b.eval("BG.stations.stations.length")).intValue());

            // the theft is confirmed: the tag goes on the watch list, and the bike passes a station
            tracker.app().alerts().watchList().watch(TagIds.parse("D1001"), 77, "HY-2026-0077", "衡阳C0077");
            tracker.publish(
                    "PC-27", 4, "[" + JsonFrames.read("D1001", tracker.clock().millis(), false) + "]");
            b.waitFor("BG.alarms.list.some(a => a.tag === 'D1001' && a.type === 'stolen')", WAIT);
            b.waitFor("document.querySelector('#alarm-list li.t-stolen') !== null", WAIT);
            assertTrue(((String) b.eval("document.querySelector('#alarm-list li').textContent")).contains("衡阳C0077"));
            assertEquals("PC-27", b.eval("BG.alarms.list.find(a => a.tag === 'D1001').station"));
            assertEquals(
                    Boolean.TRUE,
                    b.eval(
                            "(() => { const a = BG.alarms.list.find(a => a.tag === 'D1001');"
                                    + " return BG.alarms.layer.hasLayer(a.marker) && BG.map.getBounds().contains(a.marker.getLatLng()); })()"),
                    "the alarm's marker is on the map, in view");
            assertTrue(
                    ((Number) b.eval("BG.alarms.pathLayer.getLayers().length")).intValue() >= 1,
                    "the bike's path is drawn");

            // replay the path from the alarm
            b.eval("document.querySelector('#alarm-list li.t-stolen button[data-act=replay]').click(); true");
            b.waitFor("BG.replay.tracks.length === 1 && BG.replay.tracks[0].stays.length === 4", WAIT);
            assertEquals("PC-00,PC-09,PC-18,PC-27", b.eval("BG.replay.tracks[0].stays.map(s => s.station).join(',')"));
            b.eval(
                    "document.getElementById('replay-speed').value = '7200'; document.getElementById('replay-play').click(); true");
            b.waitFor("BG.replay.frames > 3 && !BG.replay.playing && BG.replay.t === BG.replay.t1", WAIT);
            assertEquals(
                    Boolean.TRUE,
                    b.eval(
                            "(() => { const m = BG.replay.tracks[0].marker.getLatLng();"
                                    + " const s = BG.stations.byId.get('PC-27'); return Math.abs(m.lat - s.lat) < 1e-9 && Math.abs(m.lng - s.lon) < 1e-9; })()"),
                    "the replay ends at the last station");
            String csv = (String) b.eval("BG.replay.csv()");
            assertTrue(csv.startsWith("tag,station,lon,lat,firstSeen,lastSeen"), csv);
            assertEquals(5, csv.split("\r\n").length, csv);
            b.eval("BG.setLang('en'); true");
            assertEquals("Live alarms", b.eval("document.querySelector('#tabs button').textContent"));
            b.screenshot(Path.of("target", "police-console.png"));
            assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no Content-Security-Policy violation");

            // logging out revokes the token at the tracker, not only in the browser
            String token = (String) b.eval("BG.api.token");
            assertEquals(200, tracker.get("/api/v1/auth/me", token).status());
            b.eval("document.getElementById('logout').click(); true");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            assertEquals(401, tracker.get("/api/v1/auth/me", token).status(), "the old token is revoked");
        }
    }
}
