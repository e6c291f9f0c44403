package org.bikeguard.claims.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.bikeguard.claims.testsupport.TheftClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acknowledgement and denial letters served beside the settlement notice: their text read back
 * from the PDF carries the claim number, the received date, the decision's due date (or the rule
 * and the missing papers while it is unknown), the contact, and for a denial the reason in
 * Chinese, the policy clause and how to appeal.
 */
class LettersIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String pdf(String path, String user, String role) {
        Resp r = h.get(path, user, role);
        assertEquals(200, r.status(), () -> r.raw().toString());
        assertEquals("application/pdf", r.contentType());
        byte[] bytes = r.raw().getBytes();
        try { // kept for a look: target/letters/
            Path out = Path.of("target", "letters", path.replaceAll("[^a-z0-9.]+", "_"));
            Files.createDirectories(out.getParent());
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PdfText.of(bytes);
    }

    private static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "missing [" + p + "] in:\n" + text);
        }
    }

    @Test
    void theAcknowledgementTellsWhenTheDecisionIsDueAndWhomToContact() {
        long id = TheftClaims.opened(h, "1", "2026-06-01"); // opened 2026-08-20 by the owner
        String path = "/api/v1/claims/" + id + "/documents/acknowledgement.pdf";
        String before = pdf(path, "13600000001", "owner");
        assertContains(
                before,
                "理赔受理通知书",
                "理赔编号 Claim No.",
                String.valueOf(id),
                "2026-08-20",
                "材料齐全且等待期满后十五个工作日内",
                "报案回执",
                "尚未分派专员");
        assertEquals(404, h.get(path, "13600000009", "owner").status(), "another owner's claim");

        h.post("/api/v1/claims/" + id + "/assignment", "adj1", "adjuster", new JsonObject().put("assignee", "adj2"));
        h.clock.setDate("2026-09-18");
        h.post(
                "/api/v1/claims/" + id + "/papers",
                "adj2",
                "adjuster",
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray(List.of("police-receipt", "invoice", "id-card", "registration"))));
        String after = pdf(path, "adj2", "adjuster");
        assertContains(after, "决定期限 Decision due", "2026-10-15", "理赔专员 adjuster adj2");
        assertTrue(!after.contains("尚缺材料"), after);
    }

    @Test
    void theDenialLetterGivesTheChineseReasonTheClauseAndHowToAppeal() {
        long id = TheftClaims.opened(h, "2", "2026-08-01"); // early theft: referred for review
        String path = "/api/v1/claims/" + id + "/documents/denial.pdf";
        Resp early = h.get(path, "adj1", "adjuster");
        assertEquals(409, early.status(), "no denial letter before the denial");
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/fraud-review",
                                "adj1",
                                "adjuster",
                                new JsonObject()
                                        .put("outcome", "confirmed")
                                        .put("reason", "监控显示车辆由车主本人骑走，报案不实")
                                        .put("clause", "《电动自行车防盗服务条款》第七条 虚假报案"))
                        .status());
        String t = pdf(path, "13600000002", "owner");
        assertContains(
                t,
                "拒赔通知书",
                String.valueOf(id),
                "监控显示车辆由车主本人骑走，报案不实",
                "第七条 虚假报案",
                "申诉途径 How to appeal",
                "六十日内",
                "书面申请复核");

        long plain = TheftClaims.opened(h, "3", "2026-06-01");
        h.post(
                "/api/v1/claims/" + plain + "/decision",
                "adj1",
                "adjuster",
                new JsonObject().put("decision", "deny").put("reason", "车辆未上牌，不在保障范围"));
        assertContains(
                pdf("/api/v1/claims/" + plain + "/documents/denial.pdf", "adj1", "adjuster"),
                "车辆未上牌，不在保障范围",
                "《电动自行车防盗服务条款》之理赔条件及责任免除条款");
    }
}
