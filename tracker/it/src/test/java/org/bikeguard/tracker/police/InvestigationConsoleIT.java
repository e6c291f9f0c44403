package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case workspace and the search box in headless Chromium against a whole tracker, each flow
 * once: the case list (an empty filter, then the list), a reported case opened from it (empty
 * states), confirmed from the console with a case number, a handover note, opened again by its
 * case number, its pinned evidence replayed and printed (station names, audit reference), the bike
 * recovered; the search box finding a bike by plate (owner masked, then revealed), by tag (last
 * seen), and nothing; the language switch; no script error and no CSP violation throughout.
 * Skipped when {@code /usr/bin/chromium} is not installed.
 */
class InvestigationConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "station-secret-ic01";

    private static TrackerKit tracker;
    private static long caseId;
    private static TestOwner other;
    private static String otherPlate;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        tracker = TrackerKit.start();
        String admin = tracker.adminToken();
        assertEquals(
                201,
                tracker.http(admin)
                        .putStation("IC-A", "解放路口", "street", 112.57, 26.89, 50, SECRET)
                        .status());
        assertEquals(
                201,
                tracker.http(admin)
                        .putStation("IC-B", "火车站", "street", 112.58, 26.89, 50, SECRET)
                        .status());
        tracker.user("officer-ic", "police");
        String installer = tracker.userToken("installer-ic", "installer");
        TestOwner o = tracker.owner(installer, "失主");
        long bikeId = tracker.bike(installer, o.id(), "7D01");
        for (String sql : new String[] {
            "UPDATE bikes SET registered_at = registered_at - interval '30 days' WHERE id = ?",
            "UPDATE tag_bindings SET bound_at = bound_at - interval '30 days' WHERE bike_id = ?",
            "UPDATE ownerships SET from_at = from_at - interval '30 days' WHERE bike_id = ?"
        }) {
            sql(sql, bikeId);
        }
        Instant now = tracker.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        sighting("IC-A", now.minus(Duration.ofMinutes(150)), now.minus(Duration.ofMinutes(140)));
        sighting("IC-B", now.minus(Duration.ofMinutes(60)), now.minus(Duration.ofMinutes(50)));
        var r = tracker.post(
                "/api/v1/thefts",
                o.token(),
                new JsonObject()
                        .put("bikeId", bikeId)
                        .put("stolenAt", now.minus(Duration.ofHours(3)).toString())
                        .put("place", "解放路口"));
        assertEquals(201, r.status(), r.body());
        caseId = r.json().getLong("id");
        other = tracker.owner(installer, "王小明");
        long otherBike = tracker.bike(installer, other.id(), "7D09");
        otherPlate = tracker.get("/api/v1/bikes/" + otherBike, installer).json().getString("plate");
    }

    private static void sighting(String station, Instant first, Instant last) throws SQLException {
        sql(
                "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi) VALUES (?, ?, ?, ?, 3, -55)",
                0x7D01L,
                station,
                first,
                last);
    }

    private static void sql(String sql, Object... params) throws SQLException {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                st.setObject(i + 1, p instanceof Instant in ? OffsetDateTime.ofInstant(in, ZoneOffset.UTC) : p);
            }
            st.executeUpdate();
        }
    }

    private static int count(String sql, String param) throws SQLException {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** Waits; on a timeout the failure names the script errors and the two tabs' contents. */
    private static void await(CdpBrowser b, String expression) {
        try {
            b.waitFor(expression, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "\nerrors: " + b.eval("JSON.stringify(window.__errors)") + "\ncases: "
                            + b.eval("document.getElementById('tab-cases').innerHTML") + "\nsearch: "
                            + b.eval("document.getElementById('tab-search').innerHTML"),
                    e);
        }
    }

    private static String js(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void anOfficerWorksACaseFromTheListToRecoveryAndFindsBikesWithTheSearchBox() throws Exception {
        try (CdpBrowser b = CdpBrowser.start(tracker.vertx(), 1280, 900)) {
            b.useClock(tracker.clock());
            b.call(
                    "Page.addScriptToEvaluateOnNewDocument",
                    new JsonObject()
                            .put(
                                    "source",
                                    "window.__errors = []; window.__csp = [];"
                                            + " addEventListener('error', e => __errors.push(String(e.message)));"
                                            + " addEventListener('unhandledrejection', e => __errors.push(String(e.reason)));"
                                            + " document.addEventListener('securitypolicyviolation', e => __csp.push(e.violatedDirective));"
                                            + " localStorage.removeItem('bg.lang');"));
            b.navigate("http://127.0.0.1:" + tracker.httpPort() + "/police/");
            b.waitFor("!document.getElementById('login').hidden", WAIT);
            b.eval("document.getElementById('login-user').value = 'officer-ic';"
                    + "document.getElementById('login-pass').value = 'password-officer-ic';"
                    + "document.getElementById('login-go').click(); true");
            await(b, "window.BG.ready");
            b.eval("window.print = () => { window.__printed = (window.__printed || 0) + 1; }; true");

            // the case list: an empty filter first, then every case
            b.eval("document.querySelector('#tabs button[data-tab=cases]').click(); true");
            assertEquals("案件", b.eval("document.querySelector('#tabs button[data-tab=cases]').textContent"));
            b.eval("document.getElementById('cases-status').value = 'recovered';"
                    + " document.querySelector('#cases-filter button[type=submit]').click(); true");
            await(b, "document.getElementById('cases-empty')");
            assertEquals("没有符合条件的案件", b.eval("document.getElementById('cases-empty').textContent"));
            b.eval("document.getElementById('cases-status').value = '';"
                    + " document.querySelector('#cases-filter button[type=submit]').click(); true");
            await(b, "document.querySelectorAll('#cases-table tbody tr').length === 1");

            // open the reported case from the list: nothing pinned, no alarm, no note yet
            b.eval("document.querySelector('#cases-table tbody tr td').click(); true");
            await(b, "document.getElementById('case-view')");
            assertTrue((Boolean) b.eval("!!document.getElementById('case-no-evidence')"
                    + " && !!document.getElementById('case-no-alarms') && !!document.getElementById('case-no-notes')"));

            // confirm it from the console: the evidence is pinned
            b.eval("document.getElementById('case-confirm-no').value = 'HY-2026-IC7';"
                    + " document.querySelector('#case-actions button[data-act=confirm]').click(); true");
            await(b, "document.querySelectorAll('#case-evidence li').length === 1");
            assertTrue(((String) b.eval("document.getElementById('case-title').textContent")).contains("已立案"));
            assertTrue(((String) b.eval("document.querySelector('#case-evidence li').textContent")).contains("7D01"));

            // a shift handover
            b.eval("document.getElementById('note-kind').value = 'handover';"
                    + " document.getElementById('note-text').value = '调取解放路口监控';"
                    + " document.getElementById('note-next').value = '夜班蹲守火车站';"
                    + " document.querySelector('#case-note-form button[type=submit]').click(); true");
            await(b, "document.querySelectorAll('#case-notes li.note-handover').length === 1");
            assertTrue(
                    ((String) b.eval("document.querySelector('#case-notes li').textContent")).contains("officer-ic"));

            // open it again by its case number
            b.eval("document.querySelector('#case-view button[data-act=back]').click();"
                    + " document.getElementById('case-no').value = 'HY-2026-IC7';"
                    + " document.querySelector('#case-open button[type=submit]').click(); true");
            await(
                    b,
                    "document.getElementById('case-title') && document.getElementById('case-title').textContent.includes('HY-2026-IC7')");

            // replay the pinned evidence, then print it
            b.eval("document.querySelector('#case-evidence button[data-act=replay-evidence]').click(); true");
            await(
                    b,
                    "!document.getElementById('tab-replay').hidden && BG.replay.tracks.length === 1"
                            + " && BG.replay.tracks[0].stays.length === 2");
            assertEquals("IC-A,IC-B", b.eval("BG.replay.tracks[0].stays.map(s => s.station).join(',')"));
            // the replay tab takes the case number too (not the internal id)
            b.eval("BG.replay.tracks = []; document.getElementById('replay-case-id').value = 'HY-2026-IC7';"
                    + " document.getElementById('replay-case-load').click(); true");
            await(b, "BG.replay.tracks.length === 1 && BG.replay.tracks[0].stays.length === 2");
            b.eval("document.querySelector('#tabs button[data-tab=cases]').click();"
                    + " document.querySelector('#case-evidence button[data-act=print-evidence]').click(); true");
            await(b, "window.__printed === 1");
            String ref = (String) b.eval("document.getElementById('report-reference').textContent");
            assertTrue(ref.matches("RPT-\\d{8}-[0-9A-Z]{8}"), ref);
            String report = (String) b.eval("document.getElementById('report').textContent");
            assertTrue(report.contains("解放路口") && report.contains("火车站"), report);
            assertEquals(
                    1,
                    count(
                            "SELECT count(*) FROM audit_log WHERE action = 'case.report' AND details->>'reference' = ?",
                            ref));

            // recovered
            b.eval("document.getElementById('case-outcome-note').value = '火车站附近找回';"
                    + " document.querySelector('#case-actions button[data-act=recover]').click(); true");
            await(b, "document.getElementById('case-title').textContent.includes('已找回')");

            // the search box: a plate with one bike opens its card, owner masked until revealed
            b.eval("document.getElementById('search-q').value = " + js(otherPlate) + ";"
                    + " document.querySelector('#search-form button').click(); true");
            await(b, "document.getElementById('bike-card')");
            String masked = (String) b.eval("document.getElementById('owner-masked').textContent");
            assertTrue(masked.contains("王**") && !masked.contains(other.phone()), masked);
            assertTrue((Boolean) b.eval(
                    "!!document.getElementById('card-no-case') && !!document.getElementById('card-never-seen')"));
            b.eval("document.querySelector('#owner-masked button[data-act=reveal]').click(); true");
            await(b, "document.getElementById('owner-revealed')");
            assertTrue(
                    ((String) b.eval("document.getElementById('owner-revealed').textContent")).contains(other.phone()));
            assertEquals(
                    1,
                    count(
                            "SELECT count(*) FROM audit_log WHERE action = 'owner.reveal' AND subject = ?",
                            "owner:" + other.id()));

            // by tag: where the recovered bike was last seen
            b.eval("document.getElementById('search-q').value = '7d01';"
                    + " document.querySelector('#search-form button').click(); true");
            await(b, "document.getElementById('card-last-seen')");
            assertTrue(((String) b.eval("document.getElementById('card-last-seen').textContent")).contains("火车站"));

            // nothing found
            b.eval("document.getElementById('search-q').value = '湘Z·00000';"
                    + " document.querySelector('#search-form button').click(); true");
            await(b, "document.getElementById('search-empty')");
            assertEquals("未找到车辆", b.eval("document.getElementById('search-empty').textContent"));

            // the language switch re-renders both tabs
            b.eval("BG.setLang('en'); true");
            assertEquals("No bike found", b.eval("document.getElementById('search-empty').textContent"));
            assertEquals("Cases", b.eval("document.querySelector('#tabs button[data-tab=cases]').textContent"));
            assertEquals("Bikes", b.eval("document.querySelector('#tabs button[data-tab=search]').textContent"));
            b.eval("document.querySelector('#tabs button[data-tab=cases]').click(); true");
            assertTrue(((String) b.eval("document.getElementById('case-title').textContent")).contains("recovered"));
            b.screenshot(Path.of("target", "investigation-console.png"));
            assertEquals("[]", b.eval("JSON.stringify(window.__errors)"), "no script error");
            assertEquals("[]", b.eval("JSON.stringify(window.__csp)"), "no CSP violation");
        }
    }
}
