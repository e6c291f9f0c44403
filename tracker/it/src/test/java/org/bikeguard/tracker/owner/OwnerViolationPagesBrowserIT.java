package org.bikeguard.tracker.owner;

import static org.bikeguard.tracker.owner.OwnerPhone.WAIT;
import static org.bikeguard.tracker.owner.OwnerPhone.assertClean;
import static org.bikeguard.tracker.owner.OwnerPhone.assertFitsThePhone;
import static org.bikeguard.tracker.owner.OwnerPhone.go;
import static org.bikeguard.tracker.owner.OwnerPhone.submit;
import static org.bikeguard.tracker.owner.OwnerPhone.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.junit.jupiter.api.Test;

/**
 * An owner's violations and fines on the owner pages in headless Chromium at a phone's size
 * ({@link OwnerPhone}): the violation and the fire-lane fine shown, an appeal from the page, paying
 * the fine at the counter, the traffic police's decision reaching the page, in both languages.
 */
class OwnerViolationPagesBrowserIT extends OwnerPhoneTests {

    @Test
    void anOwnerSeesTheirViolationAndFineAppealsAndPays() throws Exception {
        TestOwner owner = tracker.owner(installer, "违章");
        long bike = tracker.bike(installer, owner.id(), "0E20");
        String plate = tracker.get("/api/v1/bikes/" + bike, installer).json().getString("plate");
        String traffic = tracker.userToken("traffic-owner-web", "traffic");
        Instant at = ui.clock.instant().truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime atUtc = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        long violation = ui.insert(
                "INSERT INTO violation (tag, bike_id, kind, intersection_id, at, confidence, evidence, detected_at)"
                        + " VALUES (?, ?, 'red_light', 'HY-X07', ?, 0.97, '{\"phase\":\"red\"}'::jsonb, ?) RETURNING id",
                0x0E20L,
                bike,
                atUtc,
                atUtc);
        ui.insert(
                "INSERT INTO zone (id, name, kind, stations, grace_s, fine_fen, updated_at, updated_by)"
                        + " VALUES ('fire-owner-web', '消防通道 9', 'fire_lane', '{}', 900, 10000, ?, 'test')"
                        + " ON CONFLICT (id) DO NOTHING",
                atUtc);
        long event = ui.insert(
                "INSERT INTO zone_event (zone_id, kind, tag, bike_id, station, enter_at, at, created_at)"
                        + " VALUES ('fire-owner-web', 'fine', ?, ?, 'HY-0101', ?, ?, ?) RETURNING id",
                0x0E20L,
                bike,
                atUtc.minusMinutes(31),
                atUtc,
                atUtc);
        long fine = ui.insert(
                "INSERT INTO fine (zone_event_id, bike_id, owner_id, amount_fen, created_at) VALUES (?, ?, ?, 10000, ?)"
                        + " RETURNING id",
                event,
                bike,
                owner.id(),
                atUtc);
        String shanghai = LocalDateTime.ofInstant(at, ScenarioClock.SHANGHAI)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        try (CdpBrowser b = ui.phone()) {
            ui.login(b, owner);
            go(b, "violations");
            String v = view(b);
            for (String s :
                    new String[] {"闯红灯", plate, "HY-X07", shanghai, "计入违章", "未申诉", "消防通道 9", "100.00 元", "未缴纳"}) {
                assertTrue(v.contains(s), "shows " + s + ": " + v);
            }
            assertTrue(!v.contains("暂无违章记录") && !v.contains("暂无罚款"), v);
            assertFitsThePhone(b, "violations");

            // the owner appeals from the page; the form goes, the state shows
            submit(b, "form.appeal[data-violation=\"" + violation + "\"]", "f.reason.value = '当时是绿灯'", "申诉已提交");
            assertTrue(view(b).contains("申诉处理中"), view(b));
            assertEquals(0, ((Number) b.eval("document.querySelectorAll('form.appeal').length")).intValue());
            Response again = tracker.post(
                    "/api/v1/me/violations/" + violation + "/appeal",
                    owner.token(),
                    new JsonObject().put("reason", "再次申诉"));
            assertEquals(409, again.status(), again.body());

            // pay the fine at the counter: the gateway's reference and instructions show on the card
            b.eval("document.querySelector('form.payFine[data-fine=\"" + fine + "\"]').requestSubmit(); true");
            b.waitFor("document.querySelector('form.payFine .ok').textContent.includes('FINE-" + fine + "')", WAIT);
            assertTrue(
                    ((String) b.eval("document.querySelector('form.payFine .ok').textContent")).contains("交警窗口"),
                    view(b));
            Response paid = tracker.post("/api/v1/fines/" + fine + "/paid", traffic, new JsonObject());
            assertEquals(200, paid.status(), paid.body());
            // the page still offers to pay: asking again says so in Chinese
            b.eval("document.querySelector('form.payFine').requestSubmit(); true");
            b.waitFor("document.querySelector('form.payFine .error').textContent === '该罚款已缴纳。'", WAIT);

            // the traffic police accept the appeal: the violation no longer counts
            Response decided = tracker.post(
                    "/api/v1/traffic/appeals/" + violation + "/decision",
                    traffic,
                    new JsonObject().put("decision", "cancelled").put("note", "信号灯故障"));
            assertEquals(200, decided.status(), decided.body());
            b.eval("document.getElementById('view').dataset.ready = ''; BG.render(); true");
            b.waitFor("document.getElementById('view').dataset.ready === 'violations'", WAIT);
            v = view(b);
            assertTrue(v.contains("申诉成立，违章已撤销 · 信号灯故障") && v.contains("已撤销") && !v.contains("计入违章"), v);
            assertTrue(v.contains("已缴费") && v.contains("缴纳时间"), v);
            assertEquals(0, ((Number) b.eval("document.querySelectorAll('form.payFine').length")).intValue());

            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('Red light')", WAIT);
            assertTrue(
                    view(b).contains("Appeal accepted; the violation is cancelled") && view(b).contains("Paid"),
                    view(b));
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('闯红灯')", WAIT);
            assertFitsThePhone(b, "violations after the appeal");
            assertClean(b);
        }
    }
}
