package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.calendar.CalendarUnknownException;
import org.bikeguard.claims.calendar.Deadline;
import org.bikeguard.claims.fraud.Signal;
import org.bikeguard.claims.store.ClaimsDatabase;

/**
 * Read side of claims: the claim page, an owner's claims and the adjusters' queue ordered by
 * SLA due date. Due dates are stored on the claim and recomputed when a calendar year is loaded, so a year
 * loaded by an administrator takes effect at once. Dates Asia/Shanghai; money fen.
 * Blocking (JDBC); thread-safe.
 */
public final class ClaimQueries {

    private static final List<String> OPEN_THEFT = List.of("open", "referred", "approved");

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final CalendarService calendar;
    private final LiabilityClaimService liability;
    private final Receivables receivables;
    private final Clock clock;

    public ClaimQueries(
            ClaimsDatabase db,
            ClaimRepository repo,
            CalendarService calendar,
            LiabilityClaimService liability,
            Receivables receivables,
            Clock clock) {
        this.db = db;
        this.repo = repo;
        this.calendar = calendar;
        this.liability = liability;
        this.receivables = receivables;
        this.clock = clock;
    }

    /** The bare claim (for authorization checks); 404 when absent. */
    public Claim claim(long id) {
        return db.inTransaction(c -> repo.get(c, id));
    }

    /** The claim page; {@code staff} adds fraud signals, evidence and the owner's personal data. */
    public JsonObject view(long id, boolean staff) {
        return db.inTransaction(c -> {
            Claim cl = repo.get(c, id);
            JsonObject o = summary(cl);
            o.put("events", repo.events(c, id))
                    .put("notices", repo.notices(c, id))
                    .put("payments", repo.payments(c, id))
                    .put("receivables", receivables.forClaim(c, id));
            if (cl.isTheft()) {
                o.put("papers", papers(c, id));
            } else {
                o.put("attachments", liability.attachments(c, id));
            }
            if (staff) {
                JsonArray signals = new JsonArray();
                for (Signal s : repo.signals(c, id)) {
                    signals.add(new JsonObject()
                            .put("code", s.code())
                            .put("reason", s.reason())
                            .put("details", new JsonObject(s.details())));
                }
                o.put("signals", signals).put("evidence", repo.evidence(c, id));
                o.put("fourEyes", fourEyes(cl.fourEyes()));
                o.put(
                        "owner",
                        new JsonObject()
                                .put("id", cl.owner().id())
                                .put("name", cl.owner().name())
                                .put("idNumber", cl.owner().idNumber())
                                .put("phone", cl.owner().phone()));
            }
            return o;
        });
    }

    private JsonObject papers(Connection c, long id) throws SQLException {
        Map<Paper, LocalDate> have = repo.papers(c, id);
        JsonObject received = new JsonObject();
        JsonArray missing = new JsonArray();
        for (Paper p : Paper.values()) {
            if (have.containsKey(p)) {
                received.put(p.code(), have.get(p).toString());
            } else {
                missing.add(p.code());
            }
        }
        return new JsonObject().put("received", received).put("missing", missing);
    }

    /** Claims of the owner who logs in as {@code username}, newest first. */
    public JsonArray byOwner(String username) {
        return db.inTransaction(c -> {
            JsonArray out = new JsonArray();
            for (Claim cl : repo.where(c, "owner_username = ?", username)) {
                out.add(summary(cl).put("papers", cl.isTheft() ? papers(c, cl.id()) : null));
            }
            return out;
        });
    }

    /** Open theft claims (open, referred, approved) by due date, undated last; then liability claims in progress. */
    public JsonArray queue() {
        return db.inTransaction(c -> {
            List<JsonObject> theft = new ArrayList<>();
            for (Claim cl : repo.where(c, "type = 'theft' AND status IN ('open', 'referred', 'approved')")) {
                theft.add(
                        summary(cl).put("signalCount", repo.signals(c, cl.id()).size()));
            }
            theft.sort(Comparator.comparing(
                            (JsonObject o) -> o.getString("dueDate") == null ? "9999" : o.getString("dueDate"))
                    .thenComparing(o -> o.getLong("id")));
            JsonArray out = new JsonArray(new ArrayList<>(theft));
            repo.where(c, "type = 'liability' AND status IN ('open', 'assessed', 'settled')")
                    .forEach(cl -> out.add(summary(cl)));
            return out;
        });
    }

    /** The fields every listing shows. */
    JsonObject summary(Claim cl) {
        JsonObject o = new JsonObject()
                .put("id", cl.id())
                .put("type", cl.type())
                .put("status", cl.status())
                .put("policyId", cl.policyId())
                .put("bikeId", cl.bikeId())
                .put("ownerId", cl.owner().id())
                .put("openedAt", ShanghaiTime.format(cl.openedAt()))
                .put("openedBy", cl.openedBy())
                .put("payoutFen", cl.payoutFen());
        if (cl.decision() != null) {
            o.put(
                    "decision",
                    new JsonObject()
                            .put("decision", cl.decision().decision())
                            .put("reason", cl.decision().reason())
                            .put("by", cl.decision().by())
                            .put("at", ShanghaiTime.format(cl.decision().at())));
        }
        if (cl.isTheft()) {
            theftFields(cl, o);
        } else {
            Claim.Liability l = cl.liability();
            o.put("occurredAt", ShanghaiTime.format(l.occurredAt()))
                    .put("place", l.place())
                    .put("notice", l.notice())
                    .put("assessment", l.assessment())
                    .put("settlement", l.settlement());
        }
        return o;
    }

    /** Referral and second-approval state (staff only). */
    private static JsonObject fourEyes(Claim.FourEyes f) {
        return new JsonObject()
                .put("wasReferred", f.wasReferred())
                .put("referredBy", f.referredBy())
                .put("secondApprovalNeeded", f.secondNeeded())
                .put("secondApprovedBy", f.secondBy())
                .put("secondApprovedAt", ShanghaiTime.format(f.secondAt()))
                .put("rightsPaperId", f.rightsPaperId());
    }

    private void theftFields(Claim cl, JsonObject o) {
        Claim.Theft t = cl.theft();
        o.put("theftCaseId", t.caseId())
                .put("caseNo", t.caseNo())
                .put("caseStatus", t.caseStatus())
                .put("stolenAt", ShanghaiTime.format(t.stolenAt()))
                .put("reportedAt", ShanghaiTime.format(t.reportedAt()))
                .put("plate", t.plate())
                .put("frameNo", t.frameNo())
                .put("tag", t.tag())
                .put("purchaseDate", t.purchaseDate().toString())
                .put("bracket", t.bracket())
                .put("ageYears", t.ageYears())
                .put("waitingEnd", t.waitingEnd().toString())
                .put(
                        "papersCompleteAt",
                        t.papersCompleteOn() == null
                                ? null
                                : t.papersCompleteOn().toString())
                .put("rightsSignedAt", ShanghaiTime.format(t.rightsSignedAt()))
                .put("recoveredAt", ShanghaiTime.format(t.recoveredAt()))
                .put("recovery", t.recovery());
        o.put("dueDate", null).put("dueDateProvisional", false).put("overdue", false);
        if (t.papersCompleteOn() == null) {
            return;
        }
        try {
            // stored when the papers became complete (recomputed on a calendar load); computed for
            // a claim stored before due dates were
            Deadline d =
                    t.due() != null ? t.due() : TheftSla.due(t.papersCompleteOn(), t.waitingEnd(), calendar.calendar());
            o.put("dueDate", d.date().toString())
                    .put("dueDateProvisional", d.provisional())
                    .put(
                            "overdue",
                            OPEN_THEFT.contains(cl.status())
                                    && ShanghaiTime.today(clock).isAfter(d.date()));
        } catch (CalendarUnknownException e) {
            o.put("dueDateError", e.getMessage());
        }
    }
}
