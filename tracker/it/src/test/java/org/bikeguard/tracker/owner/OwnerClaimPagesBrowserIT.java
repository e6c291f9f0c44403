package org.bikeguard.tracker.owner;

import static org.bikeguard.tracker.owner.OwnerPhone.WAIT;
import static org.bikeguard.tracker.owner.OwnerPhone.assertClean;
import static org.bikeguard.tracker.owner.OwnerPhone.assertFitsThePhone;
import static org.bikeguard.tracker.owner.OwnerPhone.go;
import static org.bikeguard.tracker.owner.OwnerPhone.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.junit.jupiter.api.Test;

/**
 * An owner's theft claim on the owner pages in headless Chromium at a phone's size ({@link
 * OwnerPhone}): signing the rights transfer of an approved claim and opening its letters, in both
 * languages, without a script error or a Content-Security-Policy violation.
 */
class OwnerClaimPagesBrowserIT extends OwnerPhoneTests {

    @Test
    void anOwnerSignsTheRightsTransferOfAnApprovedTheftClaimAndOpensItsLetters() throws Exception {
        TestOwner owner = tracker.owner(installer, "签署");
        long bike = tracker.bike(installer, owner.id(), "0E30");
        Response policy = tracker.post(
                "/api/v1/policies",
                owner.token(),
                new JsonObject().put("bikeId", bike).put("product", "anti-theft"));
        assertEquals(201, policy.status(), policy.body());
        ui.clock.advance(Duration.ofHours(2));
        Response theft = tracker.post(
                "/api/v1/thefts",
                owner.token(),
                new JsonObject()
                        .put("bikeId", bike)
                        .put(
                                "stolenAt",
                                ui.clock.instant().minus(Duration.ofHours(1)).toString())
                        .put("place", "船山路口"));
        assertEquals(201, theft.status(), theft.body());
        long caseId = tracker.get("/api/v1/me/thefts", owner.token())
                .array()
                .getJsonObject(0)
                .getLong("id");
        Response confirm = tracker.post(
                "/api/v1/thefts/" + caseId + "/confirm", police, new JsonObject().put("caseNo", "HY-2026-0930"));
        assertEquals(200, confirm.status(), confirm.body());
        Response opened = tracker.post(
                "/api/v1/claims",
                owner.token(),
                new JsonObject().put("type", "theft").put("theftCaseId", String.valueOf(caseId)));
        assertEquals(201, opened.status(), opened.body());
        String claim = "/api/v1/claims/" + opened.json().getLong("id");
        // adjusters receive the papers and approve (a second adjuster when four eyes apply)
        String adjuster = tracker.userToken("adj-owner-web", "adjuster");
        Response papers = tracker.post(
                claim + "/papers",
                adjuster,
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray()
                                        .add("police-receipt")
                                        .add("invoice")
                                        .add("id-card")
                                        .add("registration")));
        assertEquals(200, papers.status(), papers.body());
        Response approved = tracker.post(
                claim + "/decision",
                adjuster,
                new JsonObject().put("decision", "approve").put("reason", "案件已确认，等待期满未找回"));
        assertEquals(200, approved.status(), approved.body());
        if (approved.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded")) {
            Response second = tracker.post(
                    claim + "/second-approval",
                    tracker.userToken("adj2-owner-web", "adjuster"),
                    new JsonObject().put("reason", "复核无误"));
            assertEquals(200, second.status(), second.body());
        }
        assertEquals("approved", tracker.get(claim, owner.token()).json().getString("status"));

        try (CdpBrowser b = ui.phone()) {
            ui.login(b, owner);
            go(b, "claims");
            String v = view(b);
            assertTrue(v.contains("已核准") && v.contains("权益转让书") && v.contains("车辆归运营方所有"), v);
            assertEquals(true, b.eval("document.querySelector('form.rights').sign.disabled"), "not before the tick");
            assertFitsThePhone(b, "the rights transfer to sign");
            b.eval("document.querySelector('form.rights').agree.click(); true");
            assertEquals(false, b.eval("document.querySelector('form.rights').sign.disabled"), "enabled by the tick");
            b.eval("document.querySelector('form.rights').agree.click(); true");
            assertEquals(true, b.eval("document.querySelector('form.rights').sign.disabled"), "and disabled again");
            b.eval(
                    "document.querySelector('form.rights').agree.click(); document.querySelector('form.rights').sign.click();"
                            + " true");
            b.waitFor("document.getElementById('view').textContent.includes('权益转让书已签署')", WAIT);
            String signedAt = tracker.get(claim, owner.token()).json().getString("rightsSignedAt");
            assertTrue(signedAt != null, "the claim records the owner's signature");
            String shanghai = LocalDateTime.ofInstant(Instant.parse(signedAt), ScenarioClock.SHANGHAI)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            assertTrue(view(b).contains("已签署权益转让书：" + shanghai), shanghai + " in " + view(b));
            assertEquals(0, ((Number) b.eval("document.querySelectorAll('form.rights').length")).intValue());

            // the acknowledgement letter, fetched with the token and opened as a blob: URL (the page's CSP
            // does not let a script fetch blob: URLs, so the blob is caught where its URL is made)
            b.eval("window.open = () => (window.__doc = { location: {}, close() {} });"
                    + " var made = URL.createObjectURL; URL.createObjectURL = (o) => { window.__blob = o; return made(o); };"
                    + " document.querySelector('button[data-doc$=\"/acknowledgement.pdf\"]').click(); true");
            b.waitFor("window.__doc && String(window.__doc.location.href).startsWith('blob:')", WAIT);
            assertEquals(
                    "application/pdf %PDF-",
                    b.eval("window.__blob.slice(0, 5).text().then(head => window.__blob.type + ' ' + head)"));
            assertTrue(
                    (Boolean) b.eval("!!document.querySelector('button[data-doc$=\"/settlement.pdf\"]')"
                            + " && !document.querySelector('button[data-doc$=\"/denial.pdf\"]')"),
                    "an approved claim offers the settlement notice, not a denial letter");
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('Rights transfer signed')", WAIT);
            assertTrue(view(b).contains("Acknowledgement letter"), view(b));
            b.eval("document.getElementById('lang').click(); true");
            b.waitFor("document.getElementById('view').textContent.includes('受理通知书')", WAIT);
            assertFitsThePhone(b, "the signed claim");
            assertClean(b);
        }
    }
}
