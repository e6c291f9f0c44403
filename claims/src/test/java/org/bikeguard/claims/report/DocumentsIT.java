package org.bikeguard.claims.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PDFs served by the API: text extracted from them carries the Chinese and the amounts. */
class DocumentsIT {

    private static ClaimsHarness h;
    private static long claimId;

    @BeforeAll
    static void paidTheftClaim() throws Exception {
        h = ClaimsHarness.start();
        h.tracker.owner("o1", "13600000001", "430421********1234", null);
        h.tracker.bike("b1", "o1", "2025-10-01", "D1");
        h.clock.setDate("2026-06-01");
        assertEquals(
                201,
                h.post(
                                "/api/v1/policies",
                                "inst",
                                "installer",
                                new JsonObject().put("bikeId", "b1").put("product", "anti-theft"))
                        .status());
        h.clock.setDate("2026-08-11");
        h.tracker.confirmedTheft("c1", "b1", "2026-08-10T02:00:00Z");
        h.tracker.sighting("D1", "HY-1", "2026-08-10T00:00:00Z", "2026-08-10T01:30:00Z");
        claimId = h.post(
                        "/api/v1/claims",
                        "13600000001",
                        "owner",
                        new JsonObject().put("type", "theft").put("theftCaseId", "c1"))
                .json()
                .getLong("id");
        h.clock.setDate("2026-09-18");
        h.post(
                "/api/v1/claims/" + claimId + "/papers",
                "adj",
                "adjuster",
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray(List.of("police-receipt", "invoice", "id-card", "registration"))));
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + claimId + "/decision",
                                "adj",
                                "adjuster",
                                new JsonObject().put("decision", "approve").put("reason", "案件已确认，等待期满未找回"))
                        .status());
        // four eyes: the payout is above 1,000 yuan
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + claimId + "/second-approval",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("reason", "复核无误"))
                        .status());
        h.post("/api/v1/claims/" + claimId + "/rights-transfer", "13600000001", "owner", null);
        h.clock.setDate("2026-10-09");
        assertEquals(
                201,
                h.post("/api/v1/claims/" + claimId + "/payment", "adj", "adjuster", null)
                        .status());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String pdfText(String path, String user, String role) throws Exception {
        Resp r = h.get(path, user, role);
        assertEquals(200, r.status(), () -> r.raw().toString());
        assertEquals("application/pdf", r.contentType());
        byte[] bytes = r.raw().getBytes();
        Path out = Path.of(System.getProperty("java.io.tmpdir"), path.replaceAll("[^a-z0-9.]+", "_"));
        Files.createDirectories(out.getParent());
        Files.write(out, bytes);
        return PdfText.of(bytes);
    }

    private static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "missing [" + p + "] in:\n" + text);
        }
    }

    @Test
    void settlementNoticeShowsTheChineseTitleOwnerPlateAndPayout() throws Exception {
        String t = pdfText("/api/v1/claims/" + claimId + "/documents/settlement.pdf", "13600000001", "owner");
        assertContains(
                t,
                "电动车防盗服务理赔结算通知书",
                "车主o1",
                "衡阳A b1".replace(" ", ""),
                "HY2026-c1",
                "购车一年内",
                "¥1,200.00",
                "壹仟贰佰元整",
                "2026-10-15",
                "2026-08-10 10:00 (UTC+8)",
                "案件已确认，等待期满未找回");
    }

    @Test
    void rightsTransferLetterNamesTheBikeAndTheAmount() throws Exception {
        String t = pdfText("/api/v1/claims/" + claimId + "/documents/rights-transfer.pdf", "adj", "adjuster");
        assertContains(t, "被盗车辆权益转让书", "FRb1", "430421********1234", "壹仟贰佰元整", "权益");
    }

    @Test
    void bordereauListsTheMonthsPaidClaimsByProductAndBracket() throws Exception {
        String t = pdfText("/api/v1/reports/bordereau.pdf?month=2026-10", "adj", "adjuster");
        assertContains(t, "月度理赔清单", "防盗服务", "购车一年内", "1,200.00", "合计 Total: 1 件", "壹仟贰佰元整");
        String empty = pdfText("/api/v1/reports/bordereau.pdf?month=2026-09", "adj", "adjuster");
        assertContains(empty, "合计 Total: 0 件");
    }

    @Test
    void lossRatioEarnsPremiumProRataToTheDaysOfCover() throws Exception {
        String t = pdfText("/api/v1/reports/loss-ratio.pdf?from=2026-06&to=2026-10", "adj", "adjuster");
        // June: 30 of 1,096 days of a 120-yuan premium = 3.28 yuan; October: 31 days = 3.39
        assertContains(t, "赔付率报表", "2026-06", "3.28", "2026-10", "3.39", "1,200.00", "防盗服务", "第三者责任");
    }

    @Test
    void documentsAreForbiddenToOtherOwnersAndUnapprovedClaims() {
        assertEquals(
                404,
                h.get("/api/v1/claims/" + claimId + "/documents/settlement.pdf", "13600000009", "owner")
                        .status());
        assertEquals(
                403,
                h.get("/api/v1/reports/bordereau.pdf?month=2026-10", "13600000001", "owner")
                        .status());
        assertEquals(
                400,
                h.get("/api/v1/reports/bordereau.pdf?month=October", "adj", "adjuster")
                        .status());
    }
}
