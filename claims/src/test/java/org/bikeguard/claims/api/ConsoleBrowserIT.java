package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.bikeguard.claims.testsupport.ClaimScenarios;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.testkit.CdpBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adjuster console in headless Chromium, under the tracker's Content-Security-Policy: the
 * empty work list, then a working day — list, search, pages, a claim opened, a note, assignment
 * and my claims, a liability claim's first notice, assessment and attachments (a picture inline,
 * a PDF as a link), the language switch — with no script error, no CSP violation and no
 * horizontal overflow at 1280 px. Skipped when {@code /usr/bin/chromium} is not installed.
 */
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Records script errors and CSP violations from the first byte of every page, logs in as adj1. */
    private static final String PROBE = "window.__errors = []; window.__csp = [];"
            + " addEventListener('error', e => window.__errors.push(String(e.message)));"
            + " addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason && e.reason.message || e.reason)));"
            + " document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
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
        b.waitFor("typeof CONSOLE !== 'undefined' && CONSOLE.renders >= 1", WAIT);
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

    @Test
    void anEmptyQueueShowsItsEmptyStateInChineseWithoutErrors() {
        open();
        assertEquals("zh-CN", b.eval("document.documentElement.lang"), "Simplified Chinese first");
        assertEquals("暂无理赔", text("#queue td"));
        assertTrue(text("#pageInfo").contains("共 0 件"), text("#pageInfo"));
        assertEquals("请在左侧选择一件理赔", text("#claim p"));
        assertEquals("暂无待收款项", text("#receivableList td"), "no receivable either");
        b.waitFor("CONSOLE.calendarChecked === true", WAIT);
        assertEquals(
                Boolean.TRUE, b.eval("document.getElementById('calendarWarning').hidden"), "no warning for adjusters");
        clean();
    }

    @Test
    void fromNovemberAnAdminIsWarnedThatNextYearsHolidayNoticeIsNotLoaded() {
        h.clock.setDate("2026-11-15"); // the bundled calendar has no official 2027
        b.call(
                "Page.addScriptToEvaluateOnNewDocument",
                new JsonObject().put("source", "localStorage.setItem('bikeguard.token', 'adm1:admin');"));
        open();
        b.waitFor("!document.getElementById('calendarWarning').hidden", WAIT);
        assertTrue(text("#calendarWarning").contains("2027 年国务院放假安排尚未导入"), text("#calendarWarning"));
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor("document.getElementById('calendarWarning').textContent.startsWith('The official 2027')", WAIT);
        clean();

        h.clock.setDate("2026-10-31");
        open();
        b.waitFor("CONSOLE.calendarChecked === true", WAIT);
        assertEquals(Boolean.TRUE, b.eval("document.getElementById('calendarWarning').hidden"), "not before November");
    }

    @Test
    void anAdjustersDayInTheConsole() throws Exception {
        WorkRoutesIT.theft(h, "1");
        long bb = WorkRoutesIT.theft(h, "2");
        WorkRoutesIT.theft(h, "3");
        long liab = liabilityClaimWithAttachments();
        open();
        assertEquals(4L, ((Number) b.eval("document.querySelectorAll('#queue tr.clickable').length")).longValue());
        assertEquals(String.valueOf(liab), text("#queue tr td"), "unknown due dates first, the oldest opened first");

        // search by plate, then by the owner's phone
        b.eval("{ const f = document.getElementById('searchForm'); f.q.value = '衡阳Ab2'; f.requestSubmit(); } true");
        b.waitFor(
                "document.querySelectorAll('#queue tr.clickable').length === 1 && document.querySelector('#queue tr').dataset.id === '"
                        + bb + "'",
                WAIT);
        b.eval(
                "{ const f = document.getElementById('searchForm'); f.q.value = 'nothing-like-this'; f.requestSubmit(); } true");
        b.waitFor("document.querySelector('#queue td').textContent === '没有符合条件的理赔'", WAIT);
        b.eval("{ const f = document.getElementById('searchForm'); f.q.value = ''; f.requestSubmit(); } true");
        b.waitFor("document.querySelectorAll('#queue tr.clickable').length === 4", WAIT);

        // pages of two
        b.eval("CONSOLE.size = 2; loadQueue(); true");
        b.waitFor("document.getElementById('pageInfo').textContent === '第 1 / 2 页，共 4 件'", WAIT);
        assertEquals(Boolean.TRUE, b.eval("document.getElementById('prevPage').disabled"));
        b.eval("document.getElementById('nextPage').click(); true");
        b.waitFor("document.getElementById('pageInfo').textContent === '第 2 / 2 页，共 4 件'", WAIT);
        assertEquals(String.valueOf(bb), text("#queue tr td"));
        assertEquals(Boolean.TRUE, b.eval("document.getElementById('nextPage').disabled"));

        // open a claim, leave a note, take it, then only my claims
        b.eval("document.querySelector('#queue tr.clickable').click(); true");
        b.waitFor("document.getElementById('claim').dataset.claim === '" + bb + "'", WAIT);
        assertEquals("未分派", text("#assignee"));
        b.eval("{ const f = document.getElementById('noteForm'); f.text.value = '已电话联系车主'; f.requestSubmit(); } true");
        b.waitFor(
                "document.querySelector('#notes li') && document.querySelector('#notes li').textContent.includes('已电话联系车主')",
                WAIT);
        assertTrue(text("#notes li").contains("adj1"), "the note names its author");
        b.eval("document.getElementById('takeBtn').click(); true");
        b.waitFor("document.getElementById('assignee').textContent.startsWith('adj1')", WAIT);
        assertTrue(text(".events").contains("分派"), text(".events"));
        b.eval("{ const f = document.getElementById('searchForm'); f.mine.checked = true; f.requestSubmit(); } true");
        b.waitFor(
                "document.querySelectorAll('#queue tr.clickable').length === 1 && document.querySelector('#queue tr').dataset.id === '"
                        + bb + "'",
                WAIT);
        b.eval(
                "{ const f = document.getElementById('assignForm'); f.assignee.value = 'adj2'; f.requestSubmit(); } true");
        b.waitFor("document.getElementById('assignee').textContent.startsWith('adj2')", WAIT);
        b.waitFor("document.querySelector('#queue td').textContent === '没有符合条件的理赔'", WAIT);
        b.eval("{ const f = document.getElementById('searchForm'); f.mine.checked = false; f.requestSubmit(); } true");

        // the liability claim: notice, attachments, assessment with the fault share
        b.eval("showClaim(" + liab + "); true");
        b.waitFor("document.getElementById('claim').dataset.claim === '" + liab + "'", WAIT);
        assertTrue(text(".parties").contains("11010519491231002X"), text(".parties"));
        b.waitFor(
                "document.querySelector('#attachments img') && document.querySelector('#attachments img').naturalWidth === 4",
                WAIT);
        // attachments arrive one by one: wait for the PDF's link as well
        b.waitFor("document.querySelector('#attachments a[data-type=\"application/pdf\"]') !== null", WAIT);
        assertEquals(
                "scene.pdf (1 KB)",
                b.eval("document.querySelector('#attachments a[data-type=\"application/pdf\"]').textContent"));
        assertTrue(((String) b.eval("document.querySelector('#attachments a[data-type=\"application/pdf\"]').href"))
                .startsWith("blob:"));
        b.eval("{ const f = document.getElementById('assessForm'); f.share.value = '70';"
                + " const r = document.querySelector('#items .item'); r.querySelector('[name=head]').value = 'medical';"
                + " r.querySelector('[name=idNumber]').value = '11010519491231002X'; r.querySelector('[name=damage]').value = '1000';"
                + " f.requestSubmit(); } true");
        b.waitFor("document.querySelector('table.assessment') !== null", WAIT);
        assertTrue(text("table.assessment tbody tr").contains("张三"), text("table.assessment tbody tr"));
        assertTrue(text("table.assessment tbody tr").contains("700.00"), text("table.assessment tbody tr"));
        assertTrue(text("#claim").contains("应赔合计：700.00"), text("#claim"));
        // a malformed ID number is refused in the page, before the server
        b.eval(
                "{ const r = document.querySelector('#items .item'); r.querySelector('[name=idNumber]').value = '110105194912310021';"
                        + " r.querySelector('[name=damage]').value = '5'; document.getElementById('assessForm').requestSubmit(); } true");
        b.waitFor("document.getElementById('err').textContent.startsWith('身份证号格式或校验位不正确')", WAIT);

        // settlement on the spot, then payment
        b.eval(
                "{ const f = document.getElementById('settleForm'); f.onTheSpot.checked = true; f.agreedWith.value = '张三';"
                        + " f.requestSubmit(); } true");
        b.waitFor("document.querySelector('#claim h2').textContent.includes('已和解')", WAIT);
        b.eval(
                "{ const f = document.getElementById('payForm'); f.reference.value = 'PAY-1'; f.requestSubmit(); } true");
        b.waitFor("document.querySelector('#claim h2').textContent.includes('已支付')", WAIT);

        // a first notice typed in the console opens a liability claim and shows it
        long policy = h.get("/api/v1/claims/" + liab, "adj1", "adjuster").json().getLong("policyId");
        b.eval("{ document.getElementById('noticeBox').open = true; const f = document.getElementById('noticeForm');"
                + " f.policyId.value = '" + policy
                + "'; f.occurredAt.value = '2026-07-15T10:00'; f.place.value = '蒸湘路';"
                + " f.damage.value = '刮擦'; const p = document.querySelector('#parties .party');"
                + " p.querySelector('[name=partyName]').value = '李四'; p.querySelector('[name=partyId]').value = '440524188001010014';"
                + " f.requestSubmit(); } true");
        b.waitFor(
                "document.querySelector('#claim .parties') && document.querySelector('#claim .parties').textContent.includes('440524188001010014')",
                WAIT);
        JsonObject opened = h.get(
                        "/api/v1/claims/" + b.eval("document.getElementById('claim').dataset.claim"),
                        "adj1",
                        "adjuster")
                .json();
        assertEquals(
                "2026-07-15T02:00:00.000Z", opened.getString("occurredAt"), "the time typed is Asia/Shanghai time");
        assertTrue(text("#claim").contains("2026-07-15 10:00"), "shown in local time");
        clean();

        // English
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor(
                "document.documentElement.lang === 'en' && document.querySelector('#claim h2').textContent.includes('Liability')",
                WAIT);
        assertEquals("Claims console", text("header h1 span"));
        assertTrue(text("#pageInfo").startsWith("Page 1 of"), text("#pageInfo"));
        assertTrue(text("#claim").contains("Rider's fault share"), "the claim page is redrawn in English");
        b.screenshot(Path.of("target", "claims-console.png"));
        clean();
        b.eval("document.getElementById('lang').click(); true");
    }

    @Test
    void signalsShowInChineseAndEnglish() {
        h.tracker.stations.put(
                "HOME",
                new org.bikeguard.claims.tracker.TrackerGateway.Station("HOME", "蒸湘小区", "building", 112.6, 26.9, 60));
        h.tracker.owner("s1", "13600000001", "430***1", "HOME");
        h.tracker.bike("sb1", "s1", "2025-10-01", "S1");
        h.clock.setDate("2026-06-01");
        h.post(
                "/api/v1/policies",
                "inst",
                "installer",
                new JsonObject().put("bikeId", "sb1").put("product", "anti-theft"));
        h.tracker.confirmedTheft("sc1", "sb1", "2026-08-10T02:00:00Z");
        h.tracker.sighting("S1", "HOME", "2026-08-10T20:00:00Z", "2026-08-10T21:00:00Z");
        h.clock.setDate("2026-08-20");
        long id = h.post(
                        "/api/v1/claims",
                        "13600000001",
                        "owner",
                        new JsonObject().put("type", "theft").put("theftCaseId", "sc1"))
                .json()
                .getLong("id");
        open();
        b.eval("showClaim(" + id + "); true");
        b.waitFor("document.querySelector('.signal') !== null", WAIT);
        assertTrue(text(".signal b").matches(".*[\\u4e00-\\u9fff].*"), "a Chinese title: " + text(".signal b"));
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor(
                "document.documentElement.lang === 'en' && /^[ -~]+$/.test(document.querySelector('.signal b').textContent)",
                WAIT);
        clean();
    }

    @Test
    void aReceivableIsListedShownOnItsClaimInBothLanguagesAndReceived() {
        ClaimScenarios.Theft t = new ClaimScenarios(h).paid("2024-10-01");
        h.tracker.recovered(t.caseId(), "2026-10-01T06:00:00Z");
        h.clock.setDate("2026-10-02");
        assertEquals(
                200,
                h.post(t.path() + "/recovery", "adj1", "adjuster", new JsonObject().put("resolution", "return"))
                        .status());
        open();
        b.waitFor("CONSOLE.receivables === 1", WAIT);
        assertTrue(text("#receivableList tr").contains("车辆找回，车主退回赔款"), text("#receivableList tr"));
        assertTrue(text("#receivableList tr").contains("800.00"), text("#receivableList tr"));
        b.eval("document.querySelector('#receivableList tr.clickable').click(); true");
        b.waitFor("document.getElementById('receivables') !== null", WAIT);
        assertTrue(text("#receivables tbody tr").contains("待收"), text("#receivables tbody tr"));
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor("document.querySelector('#claim h2').textContent.includes('Bike back to owner')", WAIT);
        assertTrue(
                text("#receivables tbody tr").contains("Bike found, owner repays the payout"),
                text("#receivables tbody tr"));
        b.eval("document.getElementById('lang').click(); true");
        b.waitFor("document.documentElement.lang === 'zh-CN'", WAIT);
        b.waitFor("document.querySelector('form.receiptForm') !== null", WAIT);
        b.eval(
                "{ const f = document.querySelector('form.receiptForm'); f.reference.value = 'IN-1'; f.requestSubmit(); } true");
        b.waitFor("document.querySelector('#receivables tbody tr').textContent.includes('已收')", WAIT);
        assertTrue(text("#receivables tbody tr").contains("IN-1"), text("#receivables tbody tr"));
        b.waitFor("CONSOLE.receivables === 0", WAIT);
        assertEquals("暂无待收款项", text("#receivableList td"));
        JsonObject claim = h.get(t.path(), "adj1", "adjuster").json();
        assertEquals(
                "received", claim.getJsonArray("receivables").getJsonObject(0).getString("state"));
        clean();
    }

    private long liabilityClaimWithAttachments() throws Exception {
        h.tracker.owner("lo1", "13800000001", "430***", null);
        h.tracker.bike("lb1", "lo1", "2025-10-01", "L1");
        h.clock.setDate("2026-06-01");
        long policy = h.post(
                        "/api/v1/policies",
                        "13800000001",
                        "owner",
                        new JsonObject().put("bikeId", "lb1").put("product", "liability"))
                .json()
                .getLong("id");
        h.clock.setDate("2026-07-15");
        long id = h.post(
                        "/api/v1/claims",
                        "adj1",
                        "adjuster",
                        new JsonObject()
                                .put("type", "liability")
                                .put("policyId", String.valueOf(policy))
                                .put("occurredAt", "2026-07-15T09:30:00+08:00")
                                .put("place", "解放大道")
                                .put(
                                        "parties",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "张三")
                                                        .put("idNumber", "11010519491231002X"))))
                .json()
                .getLong("id");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", png);
        assertEquals(
                201,
                h.post("/api/v1/claims/" + id + "/attachments?name=scene.png", "adj1", "adjuster", png.toByteArray())
                        .status());
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                201,
                h.post("/api/v1/claims/" + id + "/attachments?name=scene.pdf", "adj1", "adjuster", pdf)
                        .status());
        return id;
    }
}
