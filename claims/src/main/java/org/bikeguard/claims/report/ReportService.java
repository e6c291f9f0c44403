package org.bikeguard.claims.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.claim.Claim;
import org.bikeguard.claims.claim.ClaimQueries;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * Gathers the data of the claims documents (blocking JDBC) and renders them with
 * {@link PdfRenderer}: settlement notice and rights-transfer letter of a claim, the monthly
 * bordereau (claims paid by product and bracket) and the loss-ratio report by product and month
 * (earned premium pro rata to the days of cover in the month, against paid and reserved claims).
 * Months and dates are Asia/Shanghai; money fen (printed as yuan). Blocking and CPU-heavy: call on
 * the render worker executor. Thread-safe.
 */
public final class ReportService {

    private static final Set<String> DECIDED_THEFT = Set.of("approved", "paid", "returned", "salvaged");
    private static final String[] BRACKETS_ZH = {"购车一年内", "一至两年", "两年及以上"};

    private final ClaimsDatabase db;
    private final ClaimQueries queries;
    private final Clock clock;
    private final PdfRenderer renderer = new PdfRenderer();

    public ReportService(ClaimsDatabase db, ClaimQueries queries, Clock clock) {
        this.db = db;
        this.queries = queries;
        this.clock = clock;
    }

    /** The settlement notice of an approved or paid theft claim, or a settled or paid liability claim. */
    public byte[] settlementNotice(long claimId) {
        Claim cl = queries.claim(claimId);
        JsonObject v = queries.view(claimId, true);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"理赔编号 Claim No.", String.valueOf(cl.id())});
        rows.add(new String[] {"车主 Owner", nz(cl.owner().name())});
        rows.add(new String[] {"保单编号 Policy No.", String.valueOf(cl.policyId())});
        String body;
        if (cl.isTheft()) {
            if (!DECIDED_THEFT.contains(cl.status())) {
                throw ClaimsException.conflict(
                        "a settlement notice needs an approved claim", Map.of("status", cl.status()));
            }
            Claim.Theft t = cl.theft();
            rows.add(new String[] {"报案号 Police case", nz(t.caseNo())});
            rows.add(new String[] {"车牌 / 车架号 Plate / Frame", nz(t.plate()) + " / " + nz(t.frameNo())});
            rows.add(new String[] {"购车日期 Purchase date", t.purchaseDate().toString()});
            rows.add(new String[] {"被盗时间 Stolen at", ShanghaiTime.local(t.stolenAt())});
            rows.add(new String[] {"赔付档次 Bracket", bracket(t.bracket()) + "（车龄 " + t.ageYears() + " 年）"});
            rows.add(new String[] {"材料齐全日 Papers complete", nz(v.getString("papersCompleteAt"))});
            rows.add(new String[] {"应付日期 Due date", nz(v.getString("dueDate"))});
            body = "经审核，贵车主所投保的电动自行车防盗服务被盗理赔申请符合给付条件，给付金额如下。" + "款项将于十五个工作日内支付至车主账户。";
        } else {
            if (!Set.of("settled", "paid").contains(cl.status())) {
                throw ClaimsException.conflict(
                        "a settlement notice needs a settled claim", Map.of("status", cl.status()));
            }
            rows.add(new String[] {
                "事故时间 Accident at", ShanghaiTime.local(cl.liability().occurredAt())
            });
            rows.add(new String[] {"事故地点 Place", nz(cl.liability().place())});
            JsonObject s = cl.liability().settlement();
            rows.add(new String[] {"现场和解 On the spot", s != null && s.getBoolean("onTheSpot", false) ? "是 yes" : "否 no"
            });
            body = "经查勘定损，第三者责任保险按每人伤亡、医疗及财产损失限额核定赔款如下。";
        }
        long fen = cl.payoutFen() == null ? 0 : cl.payoutFen();
        rows.add(new String[] {"赔付金额 Amount", "¥" + Money.yuan(fen) + " 元（" + Money.upper(fen) + "）"});
        if (cl.decision() != null) {
            rows.add(new String[] {"审核意见 Decision", nz(cl.decision().reason())});
        }
        rows.add(new String[] {"付款记录 Payments", payments(v.getJsonArray("payments"))});
        String title = cl.isTheft() ? "电动车防盗服务理赔结算通知书" : "第三者责任保险赔款结算通知书";
        return renderer.document(
                title,
                "Settlement notice · 出具日期 " + ShanghaiTime.today(clock),
                rows,
                body,
                "理赔专员签章 Adjuster: ______________        车主签字 Owner: ______________");
    }

    /** The rights-transfer letter of an approved or paid theft claim. */
    public byte[] rightsTransferLetter(long claimId) {
        Claim cl = queries.claim(claimId);
        if (!cl.isTheft() || !DECIDED_THEFT.contains(cl.status())) {
            throw ClaimsException.conflict(
                    "a rights-transfer letter needs an approved theft claim", Map.of("status", cl.status()));
        }
        Claim.Theft t = cl.theft();
        long fen = cl.payoutFen();
        List<String[]> rows = List.of(
                new String[] {
                    "转让人 Transferor",
                    nz(cl.owner().name()) + "（身份证 " + nz(cl.owner().idNumber()) + "）"
                },
                new String[] {"车牌 Plate", nz(t.plate())},
                new String[] {"车架号 Frame No.", nz(t.frameNo())},
                new String[] {"报案号 Police case", nz(t.caseNo())},
                new String[] {"赔付金额 Amount", "¥" + Money.yuan(fen) + " 元（" + Money.upper(fen) + "）"},
                new String[] {
                    "签署时间 Signed at",
                    t.rightsSignedAt() == null ? "（待签署 pending）" : ShanghaiTime.local(t.rightsSignedAt())
                });
        String body = "本人确认已领取上述赔款。被盗车辆找回后，本人可选择退还全部赔款并领回车辆；" + "否则该车辆的全部权益自赔款支付之日起转让给防盗服务运营方（残值归运营方所有）。";
        return renderer.document(
                "被盗车辆权益转让书",
                "Rights-transfer letter · 理赔编号 " + cl.id(),
                rows,
                body,
                "转让人签字 Transferor: ______________        日期 Date: ______________");
    }

    /**
     * Claims paid in {@code month}, by product and bracket, with subtotals; a payout the payment
     * side sent back and that was received again is left out (the claim's new payout counts).
     */
    public byte[] bordereau(YearMonth month) {
        List<String[]> rows = new ArrayList<>();
        Map<String, long[]> subtotals = new TreeMap<>();
        long[] total = new long[2];
        db.inTransaction(c -> Sql.query(
                c,
                "SELECT c.id, c.type, c.bracket, c.case_no, c.plate, p.paid_at, p.amount_fen "
                        + "FROM payment p JOIN claim c ON c.id = p.claim_id WHERE p.kind = 'payout' AND p.returned_at IS NULL "
                        + "AND p.paid_at >= ? AND p.paid_at < ? ORDER BY c.type DESC, c.bracket, p.paid_at",
                rs -> {
                    boolean theft = "theft".equals(rs.getString("type"));
                    String product = theft ? "防盗服务" : "第三者责任";
                    String bracket = theft ? bracket(rs.getInt("bracket")) : "—";
                    long fen = rs.getLong("amount_fen");
                    rows.add(new String[] {
                        product,
                        bracket,
                        String.valueOf(rs.getLong("id")),
                        nz(rs.getString("case_no")),
                        nz(rs.getString("plate")),
                        ShanghaiTime.dateOf(Sql.instant(rs, "paid_at")).toString(),
                        Money.yuan(fen)
                    });
                    long[] st = subtotals.computeIfAbsent(product + " · " + bracket, k -> new long[2]);
                    st[0]++;
                    st[1] += fen;
                    total[0]++;
                    total[1] += fen;
                    return null;
                },
                ShanghaiTime.startOf(month.atDay(1)),
                ShanghaiTime.startOf(month.plusMonths(1).atDay(1))));
        subtotals.forEach(
                (k, v) -> rows.add(new String[] {"小计 Subtotal", k, v[0] + " 件", "", "", "", Money.yuan(v[1])}));
        return renderer.table(
                "月度理赔清单 Bordereau",
                month + " · 已支付赔款 claims paid",
                new String[] {"产品 Product", "档次 Bracket", "理赔号", "报案号", "车牌", "支付日", "金额（元）"},
                new int[] {80, 90, 50, 85, 80, 65, 65},
                rows,
                "合计 Total: " + total[0] + " 件，¥" + Money.yuan(total[1]) + " 元（" + Money.upper(total[1]) + "）");
    }

    /** Loss ratio by product and month for {@code from..to} inclusive. */
    public byte[] lossRatio(YearMonth from, YearMonth to) {
        if (to.isBefore(from) || from.plusMonths(36).isBefore(to)) {
            throw ClaimsException.invalid("months must run forward and cover at most 36 months");
        }
        List<String[]> rows = new ArrayList<>();
        db.inTransaction(c -> {
            for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                for (String product : List.of("anti-theft", "liability")) {
                    rows.add(lossRow(c, m, product));
                }
            }
            return null;
        });
        return renderer.table(
                "赔付率报表 Loss ratio",
                from + " – " + to + " · 已赚保费按当月保障天数计",
                new String[] {"月份 Month", "产品 Product", "已赚保费（元）", "已付赔款（元）", "未决赔款（元）", "赔付率"},
                new int[] {70, 90, 95, 90, 90, 80},
                rows,
                "赔付率 = （已付 + 未决）/ 已赚保费；Loss ratio = (paid + reserved) / earned premium");
    }

    private String[] lossRow(Connection c, YearMonth m, String product) throws SQLException {
        LocalDate a = m.atDay(1);
        LocalDate b = m.atEndOfMonth();
        BigDecimal earned = Sql.one(
                c,
                "WITH p AS (SELECT premium_fen, start_date, end_date, CASE WHEN cancelled_on IS NULL "
                        + "THEN end_date ELSE least(end_date, cancelled_on - 1) END AS cover_end FROM policy WHERE product = ?) "
                        + "SELECT coalesce(sum(premium_fen::numeric * (least(cover_end, ?::date) - greatest(start_date, ?::date) + 1) "
                        + "/ (end_date - start_date + 1)), 0) AS e FROM p WHERE start_date <= ? AND cover_end >= ?",
                rs -> rs.getBigDecimal("e"),
                product,
                b,
                a,
                b,
                a);
        String type = "anti-theft".equals(product) ? "theft" : "liability";
        long paid = Sql.one(
                c,
                "SELECT coalesce(sum(CASE WHEN p.kind = 'payout' THEN p.amount_fen ELSE -p.amount_fen END), 0) "
                        + "AS s FROM payment p JOIN claim cl ON cl.id = p.claim_id WHERE cl.type = ? AND p.paid_at >= ? AND p.paid_at < ?",
                rs -> rs.getLong("s"),
                type,
                ShanghaiTime.startOf(a),
                ShanghaiTime.startOf(b.plusDays(1)));
        long reserved = Sql.one(
                c,
                "SELECT coalesce(sum(payout_fen), 0) AS s FROM claim WHERE type = ? AND opened_at >= ? "
                        + "AND opened_at < ? AND status IN ('open', 'referred', 'approved', 'assessed', 'settled')",
                rs -> rs.getLong("s"),
                type,
                ShanghaiTime.startOf(a),
                ShanghaiTime.startOf(b.plusDays(1)));
        long earnedFen = earned.setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        String ratio = earnedFen == 0 ? "—" : String.format("%.1f%%", 100.0 * (paid + reserved) / earnedFen);
        return new String[] {
            m.toString(),
            "anti-theft".equals(product) ? "防盗服务" : "第三者责任",
            Money.yuan(earnedFen),
            Money.yuan(paid),
            Money.yuan(reserved),
            ratio
        };
    }

    private static String payments(JsonArray payments) {
        if (payments == null || payments.isEmpty()) {
            return "（未支付 not yet paid）";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            JsonObject p = payments.getJsonObject(i);
            out.add(("payout".equals(p.getString("kind")) ? "支付 " : "退回 ") + "¥" + Money.yuan(p.getLong("amountFen"))
                    + " " + ShanghaiTime.local(java.time.Instant.parse(p.getString("paidAt"))));
        }
        return String.join("；", out);
    }

    private static String bracket(int i) {
        return i >= 0 && i < BRACKETS_ZH.length ? BRACKETS_ZH[i] : "第" + (i + 1) + "档";
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
