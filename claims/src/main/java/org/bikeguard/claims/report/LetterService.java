package org.bikeguard.claims.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.claim.Claim;
import org.bikeguard.claims.claim.ClaimQueries;
import org.bikeguard.claims.claim.Paper;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * The letters to the owner beside the settlement notice, rendered with {@link PdfRenderer} in
 * Chinese (with English labels): the acknowledgement (claim number, the day the claim was
 * received, when the decision is due, whom to contact) and the denial (the reason as the
 * adjuster or fraud reviewer wrote it, the policy clause, how to appeal). Dates Asia/Shanghai.
 * Blocking and CPU-heavy: call on the render worker executor. Thread-safe.
 */
public final class LetterService {

    /** How an owner appeals a denial (printed on every denial letter). */
    static final String APPEAL = "如对本决定有异议，您可自收到本通知书之日起六十日内，携本通知书及相关证明材料，"
            + "向理赔部门书面申请复核（交给经办理赔专员或理赔部门）；复核由未参与本次审核的理赔专员办理，结果书面答复。"
            + "您也可以依法向消费者权益保护机构投诉，或向人民法院提起诉讼。";

    private static final String THEFT_CLAUSE = "《电动自行车防盗服务条款》之理赔条件及责任免除条款";
    private static final String LIABILITY_CLAUSE = "《电动自行车第三者责任保险条款》之责任免除条款";

    private final ClaimsDatabase db;
    private final ClaimQueries queries;
    private final Clock clock;
    private final PdfRenderer renderer = new PdfRenderer();

    public LetterService(ClaimsDatabase db, ClaimQueries queries, Clock clock) {
        this.db = db;
        this.queries = queries;
        this.clock = clock;
    }

    /** The acknowledgement of any claim: received, decision due (or the rule while unknown), contact. */
    public byte[] acknowledgement(long claimId) {
        Claim cl = queries.claim(claimId);
        JsonObject v = queries.view(claimId, false);
        List<String[]> rows = head(cl);
        rows.add(new String[] {
            "收到日期 Received", ShanghaiTime.dateOf(cl.openedAt()).toString()
        });
        String due;
        if (!cl.isTheft()) {
            due = "查勘定损完成后书面通知核定结果 (after the damage is assessed)";
        } else if (v.getString("dueDate") != null) {
            due = v.getString("dueDate") + (v.getBoolean("dueDateProvisional", false) ? "（暂定 provisional）" : "");
        } else {
            due = "材料齐全且等待期满后十五个工作日内 (15 working days after the papers are complete and the waiting period"
                    + " has ended; waiting period ends " + cl.theft().waitingEnd() + ")";
            JsonArray missing = v.getJsonObject("papers").getJsonArray("missing");
            if (!missing.isEmpty()) {
                rows.add(new String[] {"尚缺材料 Missing papers", papersZh(missing)});
            }
        }
        rows.add(new String[] {"决定期限 Decision due", due});
        rows.add(new String[] {"联系人 Contact", contact(claimId)});
        String body = "您的理赔申请已于 " + ShanghaiTime.dateOf(cl.openedAt()) + " 收到并受理。我们将在上述期限内作出决定并书面通知您。"
                + "办理进度可随时在 bikeguard 车主页面查询；如需补充材料，请联系上述理赔专员。";
        return renderer.document(
                "理赔受理通知书",
                "Acknowledgement · 出具日期 " + ShanghaiTime.today(clock),
                rows,
                body,
                "bikeguard 理赔部门（签章）Claims department: ______________");
    }

    /**
     * The denial letter of a denied claim.
     *
     * @throws ClaimsException 409 when the claim is not denied
     */
    public byte[] denial(long claimId) {
        Claim cl = queries.claim(claimId);
        if (!"denied".equals(cl.status()) || cl.decision() == null) {
            throw ClaimsException.conflict("a denial letter needs a denied claim", Map.of("status", cl.status()));
        }
        List<String[]> rows = head(cl);
        rows.add(new String[] {
            "收到日期 Received", ShanghaiTime.dateOf(cl.openedAt()).toString()
        });
        rows.add(new String[] {
            "决定日期 Decided", ShanghaiTime.dateOf(cl.decision().at()).toString()
        });
        rows.add(new String[] {"拒赔理由 Reason", cl.decision().reason()});
        rows.add(new String[] {"依据条款 Policy clause", clause(cl)});
        rows.add(new String[] {"申诉途径 How to appeal", APPEAL});
        rows.add(new String[] {"联系人 Contact", contact(claimId)});
        return renderer.document(
                "拒赔通知书",
                "Denial letter · 出具日期 " + ShanghaiTime.today(clock),
                rows,
                "经审核，您的理赔申请不符合给付条件，决定不予赔付，理由、依据及申诉途径见上表。",
                "bikeguard 理赔部门（签章）Claims department: ______________");
    }

    private static List<String[]> head(Claim cl) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"理赔编号 Claim No.", String.valueOf(cl.id())});
        rows.add(new String[] {"车主 Owner", nz(cl.owner().name())});
        rows.add(new String[] {"保单编号 Policy No.", String.valueOf(cl.policyId())});
        if (cl.isTheft()) {
            rows.add(new String[] {"类型 Type", "电动车防盗服务被盗理赔 (theft)"});
            rows.add(new String[] {"报案号 Police case", nz(cl.theft().caseNo())});
            rows.add(new String[] {"车牌 Plate", nz(cl.theft().plate())});
        } else {
            rows.add(new String[] {"类型 Type", "第三者责任保险理赔 (liability)"});
            rows.add(new String[] {"事故地点 Place", nz(cl.liability().place())});
        }
        return rows;
    }

    /** The clause a confirmed fraud review named, else the product's general clause. */
    private String clause(Claim cl) {
        String named = db.inTransaction(c -> Sql.one(
                c,
                "SELECT clause FROM fraud_review WHERE claim_id = ? AND outcome = 'confirmed' AND clause IS NOT NULL "
                        + "ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1),
                cl.id()));
        return named != null ? named : cl.isTheft() ? THEFT_CLAUSE : LIABILITY_CLAUSE;
    }

    /** The adjuster the claim is assigned to, else the claims department. */
    private String contact(long claimId) {
        String who = db.inTransaction(c ->
                Sql.one(c, "SELECT assignee FROM claim_assignment WHERE claim_id = ?", rs -> rs.getString(1), claimId));
        return who == null ? "理赔部门 claims department（尚未分派专员 no adjuster assigned yet）" : "理赔专员 adjuster " + who;
    }

    private static String papersZh(JsonArray codes) {
        List<String> out = new ArrayList<>();
        for (Object o : codes) {
            String code = String.valueOf(o);
            Paper p = Paper.fromCode(code);
            out.add(p == null ? code : p.zh());
        }
        return String.join("、", out);
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
