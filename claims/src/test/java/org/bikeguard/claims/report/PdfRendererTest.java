package org.bikeguard.claims.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PdfRendererTest {

    private static final PdfRenderer RENDERER = new PdfRenderer();

    @Test
    void documentTextKeepsChinesePunctuationLatinAndAmounts() {
        byte[] pdf = RENDERER.document(
                "被盗车辆理赔结算通知书",
                "Settlement notice – No. 42",
                List.<String[]>of(new String[] {"车主 Owner", "张三"}, new String[] {"赔付金额 Payout", "¥1,200.00（壹仟贰佰元整）"}),
                "经审核，您的理赔申请已批准：请于十五个工作日内查收。",
                "签字 Signature: ________");
        String text = PdfText.of(pdf);
        for (String s : List.of(
                "被盗车辆理赔结算通知书",
                "Settlement notice",
                "张三",
                "1,200.00",
                "壹仟贰佰元整",
                "经审核，您的理赔申请已批准：请于十五个工作日内查收。",
                "Signature")) {
            assertTrue(text.contains(s), () -> "missing [" + s + "] in:\n" + text);
        }
    }

    @Test
    void tableRendersRowsAndTotals() {
        byte[] pdf = RENDERER.table(
                "月度理赔清单",
                "2026-10",
                new String[] {"产品", "档次", "金额（元）"},
                new int[] {200, 150, 165},
                List.<String[]>of(new String[] {"防盗服务", "一年内", "1,200.00"}),
                "合计 Total: 1 件 1,200.00 元");
        String text = PdfText.of(pdf);
        assertTrue(text.contains("月度理赔清单") && text.contains("防盗服务") && text.contains("合计 Total: 1 件 1,200.00 元"), text);
    }
}
