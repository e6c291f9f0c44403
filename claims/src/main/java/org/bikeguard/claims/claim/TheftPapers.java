package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * The papers of a theft claim: the owner's notice of what is missing at opening, and the papers
 * received; when the checklist is complete the SLA due date is stored. Dates Asia/Shanghai.
 * Blocking (JDBC); stateless; thread-safe.
 */
public final class TheftPapers {

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final CalendarService calendar;
    private final Clock clock;

    public TheftPapers(ClaimsDatabase db, ClaimRepository repo, CalendarService calendar, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Sends the owner one notice listing every paper of the checklist (at opening). */
    void noticeMissing(Connection c, long id) throws SQLException {
        JsonArray codes = new JsonArray();
        List<String> zh = new ArrayList<>();
        Paper.checklist().forEach(p -> {
            codes.add(p.code());
            zh.add(p.zh());
        });
        repo.notice(c, id, "papers-missing", "请提交以下材料：" + String.join("、", zh), new JsonObject().put("missing", codes));
    }

    /**
     * Records papers received on {@code receivedAt} (today when null; not before the claim was
     * opened, not in the future). When the checklist becomes complete, the completion day is the
     * latest receipt day.
     */
    public void addPapers(long id, List<String> codes, LocalDate receivedAt, String by) {
        LocalDate today = ShanghaiTime.today(clock);
        List<Paper> papers = parsePapers(codes);
        db.inTransaction(c -> {
            Claim cl = repo.lockTheft(c, id);
            LocalDate on = receivedAt == null ? today : receivedAt;
            LocalDate opened = ShanghaiTime.dateOf(cl.openedAt());
            if (on.isBefore(opened) || on.isAfter(today)) {
                throw ClaimsException.invalid(
                        "receivedAt must be between the day the claim was opened (" + opened + ") and today (" + today
                                + ")",
                        Map.of("receivedAt", on.toString()));
            }
            if (!Set.of("open", "referred", "approved").contains(cl.status())) {
                throw ClaimsException.conflict("papers cannot be added to a " + cl.status() + " claim", Map.of());
            }
            List<String> added = new ArrayList<>();
            for (Paper p : papers) {
                if (repo.addPaper(c, id, p, on, by)) {
                    added.add(p.code());
                }
            }
            Map<Paper, LocalDate> have = repo.papers(c, id);
            if (have.keySet().containsAll(Paper.checklist()) && cl.theft().papersCompleteOn() == null) {
                LocalDate complete =
                        have.values().stream().max(LocalDate::compareTo).orElseThrow();
                Sql.update(c, "UPDATE claim SET papers_complete_on = ?, updated_at = now() WHERE id = ?", complete, id);
                DueDates.store(c, id, complete, cl.theft().waitingEnd(), calendar.calendar());
                repo.event(c, id, by, "papers-complete", new JsonObject().put("on", complete.toString()));
            }
            repo.event(
                    c,
                    id,
                    by,
                    "papers",
                    new JsonObject().put("added", new JsonArray(added)).put("on", on.toString()));
            return null;
        });
    }

    private static List<Paper> parsePapers(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw ClaimsException.invalid("\"received\" must list at least one paper");
        }
        List<Paper> out = new ArrayList<>();
        for (String s : codes) {
            Paper p = Paper.fromCode(s);
            if (p == null) {
                throw ClaimsException.invalid(
                        "unknown paper: " + s,
                        Map.of(
                                "known",
                                Paper.checklist().stream().map(Paper::code).toList()));
            }
            out.add(p);
        }
        return out;
    }
}
