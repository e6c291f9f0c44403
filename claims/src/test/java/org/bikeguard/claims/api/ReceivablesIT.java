package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.report.PdfText;
import org.bikeguard.claims.testsupport.ClaimScenarios;
import org.bikeguard.claims.testsupport.ClaimScenarios.Theft;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A returned payout is a receivable until it is received: the bike of a paid claim found and
 * taken back by the owner, or the payout sent back by the payment side; listed while open,
 * received once (idempotent), and only then booked as a refund. Over HTTP, real PostgreSQL.
 */
class ReceivablesIT {

    private static ClaimsHarness h;
    private static ClaimScenarios claims;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
        claims = new ClaimScenarios(h);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static JsonObject claim(Theft t) {
        Resp r = h.get(t.path(), "adj1", "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json();
    }

    private static List<Long> openIds() {
        Resp r = h.get("/api/v1/claims/receivables", "adj1", "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json().getJsonArray("receivables").stream()
                .map(o -> ((JsonObject) o).getLong("claimId"))
                .toList();
    }

    private static Resp receipt(long receivableId, String user, JsonObject body) {
        return h.post("/api/v1/claims/receivables/" + receivableId + "/receipt", user, "adjuster", body);
    }

    @Test
    void aPaidClaimsBikeFoundAndTakenBackIsAReceivableUntilTheMoneyIsReceived() {
        Theft t = claims.paid("2024-10-01"); // 800 yuan
        h.clock.set(java.time.Instant.parse("2026-10-02T01:00:00Z"));
        h.tracker.recovered(t.caseId(), "2026-10-01T06:00:00Z");
        Resp found = h.post(t.path() + "/recovery", "pol1", "police", new JsonObject().put("resolution", "return"));
        assertEquals(200, found.status(), () -> found.raw().toString());
        assertEquals("returned", found.json().getString("status"));

        JsonObject c = claim(t);
        assertEquals("2026-10-01T06:00:00.000Z", c.getString("recoveredAt"), "the time the police recorded");
        assertEquals(1, c.getJsonArray("payments").size(), "no refund is booked before the money is in");
        JsonObject r = c.getJsonArray("receivables").getJsonObject(0);
        assertEquals(80_000, r.getLong("amountFen"));
        assertEquals("bike-recovered", r.getString("reason"));
        assertEquals("open", r.getString("state"));
        assertEquals("2026-10-02T01:00:00.000Z", r.getString("openedAt"));
        assertEquals("pol1", r.getString("openedBy"));
        assertNull(r.getString("receivedAt"));
        assertTrue(openIds().contains(t.id()), "listed while open");

        h.clock.set(java.time.Instant.parse("2026-10-09T02:00:00Z"));
        Resp received = receipt(
                r.getLong("id"),
                "adj2",
                new JsonObject().put("reference", "IN-7").put("receivedAt", "2026-10-08T10:00:00+08:00"));
        assertEquals(200, received.status(), () -> received.raw().toString());
        assertEquals("received", received.json().getString("state"));
        assertEquals("adj2", received.json().getString("receivedBy"));
        assertEquals("2026-10-08T02:00:00.000Z", received.json().getString("receivedAt"));
        assertEquals("IN-7", received.json().getString("receiptReference"));
        assertTrue(!openIds().contains(t.id()), "no longer open");

        Resp again = receipt(r.getLong("id"), "adj3", new JsonObject().put("reference", "IN-8"));
        assertEquals(200, again.status(), "recording the receipt again changes nothing");
        assertEquals(received.json(), again.json());
        JsonArray payments = claim(t).getJsonArray("payments");
        assertEquals(2, payments.size(), "one refund, booked once");
        assertEquals("refund", payments.getJsonObject(1).getString("kind"));
        assertEquals(80_000, payments.getJsonObject(1).getLong("amountFen"));
        assertEquals("2026-10-08T02:00:00.000Z", payments.getJsonObject(1).getString("paidAt"));

        Resp all = h.get("/api/v1/claims/receivables?state=received", "adj1", "adjuster");
        assertTrue(all.json().getJsonArray("receivables").stream()
                .anyMatch(o -> ((JsonObject) o).getLong("id").equals(r.getLong("id"))));
    }

    @Test
    void aPayoutSentBackByThePaymentSideIsReceivedAndTheClaimIsPaidAgain() {
        Theft t = claims.paid("2024-10-01");
        h.clock.set(java.time.Instant.parse("2026-09-20T02:00:00Z"));
        Resp opened = h.post(
                t.path() + "/payment-returned", "adj1", "adjuster", new JsonObject().put("reference", "BOUNCE-1"));
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        assertEquals("payment-returned", opened.json().getString("reason"));
        assertEquals(80_000, opened.json().getLong("amountFen"));
        Resp repeated = h.post(t.path() + "/payment-returned", "adj1", "adjuster", null);
        assertEquals(200, repeated.status(), "the open receivable, not a second one");
        assertEquals(opened.json().getLong("id"), repeated.json().getLong("id"));
        assertEquals("paid", claim(t).getString("status"), "paid until the money is back");
        assertEquals(
                409,
                h.post(
                                t.path() + "/payment",
                                "adj1",
                                "adjuster",
                                new JsonObject().put("idempotencyKey", "re-" + t.id()))
                        .status());

        assertEquals(200, receipt(opened.json().getLong("id"), "adj2", null).status());
        JsonObject c = claim(t);
        assertEquals("approved", c.getString("status"), "payable again");
        assertEquals(
                "2026-09-20T02:00:00.000Z",
                c.getJsonArray("payments").getJsonObject(0).getString("returnedAt"));
        Resp repaid = h.post(t.path() + "/payment", "adj1", "adjuster", new JsonObject().put("reference", "PAY-AGAIN"));
        assertEquals(201, repaid.status(), () -> repaid.raw().toString());
        JsonArray payments = repaid.json().getJsonObject("claim").getJsonArray("payments");
        assertEquals(
                List.of("payout", "refund", "payout"),
                payments.stream().map(o -> ((JsonObject) o).getString("kind")).toList());
        String bordereau = PdfText.of(h.get("/api/v1/reports/bordereau.pdf?month=2026-09", "adj1", "adjuster")
                .raw()
                .getBytes());
        String caseNo = "HY2026-" + t.caseId();
        assertEquals(
                1,
                bordereau.split(java.util.regex.Pattern.quote(caseNo), -1).length - 1,
                "the month's bordereau lists the new payout, not the one sent back: " + bordereau);
    }

    @Test
    void badInputIsRefusedWithJsonErrors() {
        Theft unpaid = claims.approved("2024-10-01");
        Resp notPaid = h.post(unpaid.path() + "/payment-returned", "adj1", "adjuster", null);
        assertEquals(409, notPaid.status(), () -> notPaid.raw().toString());
        assertEquals("conflict", notPaid.json().getString("code"));

        Resp unknown = receipt(999_999, "adj1", null);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.json().getString("code"));
        Resp notAnId = h.post("/api/v1/claims/receivables/abc/receipt", "adj1", "adjuster", null);
        assertEquals(404, notAnId.status(), "an id that is not a number names nothing");
        assertEquals("not_found", notAnId.json().getString("code"));
        assertEquals(
                400,
                h.get("/api/v1/claims/receivables?state=lost", "adj1", "adjuster")
                        .status());
        assertEquals(
                403,
                h.get("/api/v1/claims/receivables", unpaid.owner(), "owner").status());

        Theft t = claims.paid("2024-10-01");
        long rid = h.post(t.path() + "/payment-returned", "adj1", "adjuster", null)
                .json()
                .getLong("id");
        Resp malformed = receipt(rid, "adj1", new JsonObject().put("receivedAt", "yesterday"));
        assertEquals(400, malformed.status());
        assertEquals("validation", malformed.json().getString("code"));
        assertEquals(
                400,
                receipt(rid, "adj1", new JsonObject().put("receivedAt", "2027-01-01T00:00:00Z"))
                        .status(),
                "not in the future");
        assertEquals(
                400,
                receipt(rid, "adj1", new JsonObject().put("receivedAt", "2026-01-01T00:00:00Z"))
                        .status(),
                "not before it was opened");
        assertEquals(
                400,
                receipt(rid, "adj1", new JsonObject().put("reference", "x".repeat(201)))
                        .status());
        Resp notJson = h.post("/api/v1/claims/receivables/" + rid + "/receipt", "adj1", "adjuster", "{oops");
        assertEquals(400, notJson.status());
        assertEquals(
                "open", claim(t).getJsonArray("receivables").getJsonObject(0).getString("state"));
    }
}
