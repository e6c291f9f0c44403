package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.fraud.FraudSignals;
import org.bikeguard.claims.fraud.Signal;
import org.bikeguard.claims.fraud.TheftEvidence;
import org.bikeguard.claims.payout.PayoutTable;
import org.bikeguard.claims.policy.Policy;
import org.bikeguard.claims.policy.PolicyService;
import org.bikeguard.claims.product.Product;
import org.bikeguard.claims.product.ProductKind;
import org.bikeguard.claims.product.ProductRepository;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.bikeguard.claims.tracker.TrackerGateway.Bike;
import org.bikeguard.claims.tracker.TrackerGateway.Owner;
import org.bikeguard.claims.tracker.TrackerGateway.TheftCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theft-claim workflow: open (with evidence and fraud signals), papers, decision, rights
 * transfer, payment and recovery. Facts from the tracker are gathered by the caller and passed
 * in. Money in fen; dates Asia/Shanghai; instants UTC. Blocking (JDBC); thread-safe.
 */
public final class TheftClaimService {

    private static final Logger LOG = LoggerFactory.getLogger(TheftClaimService.class);
    private static final Set<String> DECIDABLE = Set.of("open", "referred", "approved");

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final PolicyService policies;
    private final ProductRepository products;
    private final FraudSignals fraud;
    private final CalendarService calendar;
    private final long fourEyesAboveFen;
    private final Clock clock;

    public TheftClaimService(
            ClaimsDatabase db,
            ClaimRepository repo,
            PolicyService policies,
            ProductRepository products,
            FraudSignals fraud,
            CalendarService calendar,
            long fourEyesAboveFen,
            Clock clock) {
        this.db = db;
        this.calendar = calendar;
        this.fourEyesAboveFen = fourEyesAboveFen;
        this.repo = repo;
        this.policies = policies;
        this.products = products;
        this.fraud = fraud;
        this.clock = clock;
    }

    /**
     * Opening facts.
     *
     * @param policyId the anti-theft policy, or null to use the bike's policy in force at the theft
     */
    public record Open(
            Long policyId, TheftCase theftCase, Bike bike, Owner owner, TheftEvidence evidence, String openedBy) {}

    /**
     * Opens a theft claim; sends the owner one notice listing every missing paper.
     *
     * @throws ClaimsException 409 when the policy is not anti-theft, not the bike's, not in force
     *                         at the theft time, or the case already has a claim
     */
    public long open(Open o) {
        TheftCase tc = o.theftCase();
        return db.inTransaction(c -> {
            Policy policy = o.policyId() != null
                    ? policies.get(c, o.policyId())
                    : policies.inForce(c, tc.bikeId(), ProductKind.ANTI_THEFT, ShanghaiTime.dateOf(tc.stolenAt()));
            checkPolicy(policy, tc);
            Sql.query(c, "SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 1, "theft-claim:" + tc.bikeId());
            List<Claim> sameCase = repo.where(c, "theft_case_id = ?", tc.id());
            if (!sameCase.isEmpty()) {
                throw ClaimsException.conflict(
                        "theft case " + tc.id() + " already has a claim",
                        Map.of(
                                "reason",
                                "claim-exists",
                                "theftCaseId",
                                tc.id(),
                                "claimId",
                                sameCase.get(0).id()));
            }
            List<Claim> live = repo.where(
                    c,
                    "type = 'theft' AND bike_id = ? AND policy_id = ? AND status NOT IN ('denied', 'closed', 'returned')",
                    tc.bikeId(),
                    policy.id());
            if (!live.isEmpty()) {
                throw ClaimsException.conflict(
                        "policy " + policy.id() + " already has a theft claim for this bike",
                        Map.of("reason", "claim-exists", "claimId", live.get(0).id()));
            }
            Product product = products.get(c, ProductKind.ANTI_THEFT, policy.productVersion());
            LocalDate theftDate = ShanghaiTime.dateOf(tc.stolenAt());
            if (theftDate.isBefore(o.bike().purchaseDate())) {
                throw ClaimsException.invalid("the theft date is before the bike's purchase date");
            }
            PayoutTable.Payout payout = product.payoutTable().payoutFor(o.bike().purchaseDate(), theftDate);
            List<Signal> signals = fraud.evaluate(new FraudSignals.Input(
                    policy.start(),
                    tc.stolenAt(),
                    tc.reportedAt(),
                    o.bike().purchaseDate(),
                    product.payoutTable(),
                    o.evidence(),
                    earlierClaims(c, o.owner())));
            String status = signals.isEmpty() ? "open" : "referred";
            long id = insert(c, o, policy, product, payout, status);
            repo.addSignals(c, id, signals);
            if (!signals.isEmpty()) {
                Sql.update(c, "UPDATE claim SET was_referred = true WHERE id = ?", id);
            }
            storeEvidence(c, id, tc, o.evidence());
            repo.event(
                    c,
                    id,
                    o.openedBy(),
                    "opened",
                    new JsonObject().put("status", status).put("signals", signals.size()));
            noticeMissingPapers(c, id, Paper.checklist());
            LOG.info(
                    "theft claim opened [id: {}, case: {}, policy: {}, payoutFen: {}, signals: {}]",
                    id,
                    tc.id(),
                    policy.id(),
                    payout.amountFen(),
                    signals.size());
            return id;
        });
    }

    private static void checkPolicy(Policy policy, TheftCase tc) {
        if (policy == null) {
            throw ClaimsException.conflict(
                    "the bike has no anti-theft policy in force at the theft time",
                    Map.of("reason", "policy-not-in-force"));
        }
        if (policy.product() != ProductKind.ANTI_THEFT) {
            throw ClaimsException.invalid("policy " + policy.id() + " is not an anti-theft policy");
        }
        if (!policy.bikeId().equals(tc.bikeId())) {
            throw ClaimsException.invalid(
                    "theft case " + tc.id() + " is about another bike than policy " + policy.id());
        }
        if (policy.boughtAfter(tc.stolenAt())) {
            throw ClaimsException.conflict(
                    "the theft (" + ShanghaiTime.format(tc.stolenAt()) + ") happened before policy " + policy.id()
                            + " was bought (" + ShanghaiTime.format(policy.createdAt())
                            + "): cover starts at the moment of purchase and is never retroactive",
                    Map.of(
                            "reason",
                            "theft-before-purchase",
                            "stolenAt",
                            ShanghaiTime.format(tc.stolenAt()),
                            "boughtAt",
                            ShanghaiTime.format(policy.createdAt())));
        }
        if (!policy.inForceAt(tc.stolenAt())) {
            throw ClaimsException.conflict(
                    "policy " + policy.id() + " was not in force at the theft time",
                    Map.of(
                            "reason",
                            "policy-not-in-force",
                            "start",
                            policy.start().toString(),
                            "end",
                            policy.end().toString()));
        }
    }

    private long insert(Connection c, Open o, Policy policy, Product product, PayoutTable.Payout payout, String status)
            throws SQLException {
        TheftCase tc = o.theftCase();
        Owner ow = o.owner();
        Bike b = o.bike();
        return Sql.insert(
                c,
                "INSERT INTO claim (type, status, policy_id, bike_id, owner_id, owner_username, owner_name, "
                        + "owner_id_number, owner_phone, opened_by, opened_at, theft_case_id, case_no, case_status, stolen_at, "
                        + "reported_at, confirmed_at, plate, frame_no, tag, purchase_date, waiting_end, bracket, age_years, payout_fen) "
                        + "VALUES ('theft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                status,
                policy.id(),
                b.id(),
                ow.id(),
                ow.username(),
                ow.name(),
                ow.idNumberMasked(),
                ow.phone(),
                o.openedBy(),
                clock.instant(),
                tc.id(),
                tc.caseNo(),
                tc.status(),
                tc.stolenAt(),
                tc.reportedAt(),
                tc.confirmedAt(),
                b.plate(),
                b.frameNo(),
                b.tag(),
                b.purchaseDate(),
                TheftEligibility.waitingEnd(tc.stolenAt(), product.waitingDays()),
                payout.bracket(),
                payout.ageYears(),
                payout.amountFen());
    }

    private Map<String, List<Long>> earlierClaims(Connection c, Owner ow) throws SQLException {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        out.put("owner", ids(c, "owner_id = ?", ow.id()));
        if (ow.idNumberMasked() != null && ow.name() != null) {
            // The tracker shows ID numbers masked (first 3 and last 4 characters), which unrelated
            // people share; with the same name too, it is most likely the same person.
            out.put(
                    "id-number",
                    ids(
                            c,
                            "owner_id_number = ? AND owner_name = ? AND owner_id <> ?",
                            ow.idNumberMasked(),
                            ow.name(),
                            ow.id()));
        }
        if (ow.phone() != null) {
            out.put("phone", ids(c, "owner_phone = ? AND owner_id <> ?", ow.phone(), ow.id()));
        }
        return out;
    }

    private List<Long> ids(Connection c, String where, Object... params) throws SQLException {
        return repo.where(c, "type = 'theft' AND " + where, params).stream()
                .map(Claim::id)
                .toList();
    }

    private void storeEvidence(Connection c, long id, TheftCase tc, TheftEvidence ev) throws SQLException {
        repo.putEvidence(
                c,
                id,
                "theft-case",
                new JsonObject()
                        .put("id", tc.id())
                        .put("caseNo", tc.caseNo())
                        .put("status", tc.status())
                        .put("stolenAt", ShanghaiTime.format(tc.stolenAt()))
                        .put("reportedAt", ShanghaiTime.format(tc.reportedAt()))
                        .put("confirmedAt", ShanghaiTime.format(tc.confirmedAt()))
                        .put("recoveredAt", ShanghaiTime.format(tc.recoveredAt())));
        repo.putEvidence(
                c,
                id,
                "trajectory",
                new JsonObject()
                        .put("available", ev.available())
                        .put("from", ShanghaiTime.format(tc.stolenAt().minus(TheftEvidence.AROUND)))
                        .put("to", ShanghaiTime.format(tc.stolenAt().plus(TheftEvidence.AROUND)))
                        .put("points", ev.trajectoryAround(tc.stolenAt())));
        repo.putEvidence(
                c,
                id,
                "last-sightings",
                new JsonObject().put("available", ev.available()).put("points", ev.lastBefore(tc.stolenAt())));
    }

    private void noticeMissingPapers(Connection c, long id, Collection<Paper> missing) throws SQLException {
        JsonArray codes = new JsonArray();
        List<String> zh = new ArrayList<>();
        missing.forEach(p -> {
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
            Claim cl = theft(c, id);
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

    /**
     * Recomputes the stored due dates that are provisional or missing on the current calendar
     * (after an official year was loaded); returns how many claims were recomputed.
     */
    public int recomputeDueDates() {
        int n = db.inTransaction(c -> DueDates.recompute(c, calendar.calendar()));
        LOG.info(
                "due dates recomputed [claims: {}, officialYears: {}]",
                n,
                calendar.calendar().years().size());
        return n;
    }

    /**
     * The facts re-fetched from the tracker when a decision is made.
     *
     * @param current     the theft case now, or null when the tracker could not answer
     * @param evidence    the tag's sightings now, or null when the tracker could not answer
     * @param trackerDown whether the tracker could not answer (the evidence is not current)
     */
    public record Fresh(TheftCase current, TheftEvidence evidence, boolean trackerDown) {

        /** The tracker could not answer. */
        public static Fresh unavailable() {
            return new Fresh(null, null, true);
        }
    }

    /**
     * Records a decision with its reason, on evidence re-fetched now. When the tracker could not
     * answer, the claim gets the {@code evidence-unavailable} signal and the decision waits (409
     * {@code evidence_unavailable}) unless an admin overrides it, which is audited; the decision
     * then rests on the theft case as last stored. Approval needs every eligibility condition.
     *
     * @throws ClaimsException 409 {@code not_eligible} with the unmet conditions
     */
    public void decide(long id, String decision, String reason, Fresh fresh, boolean override, String by) {
        if (reason == null || reason.isBlank()) {
            throw ClaimsException.invalid("a decision needs a reason");
        }
        if (!Set.of("approve", "deny", "refer").contains(decision)) {
            throw ClaimsException.invalid("decision must be approve, deny or refer");
        }
        if (fresh.trackerDown()) {
            evidenceUnavailable(id, decision, override, reason, by);
        }
        db.inTransaction(c -> {
            Claim cl = theft(c, id);
            if (!DECIDABLE.contains(cl.status())) {
                throw ClaimsException.conflict(
                        "a " + cl.status() + " claim cannot be decided", Map.of("status", cl.status()));
            }
            TheftCase current = fresh.trackerDown() ? storedCase(cl) : fresh.current();
            if (!fresh.trackerDown()) {
                refreshEvidence(c, cl, current, fresh.evidence());
            }
            Sql.update(
                    c,
                    "UPDATE claim SET case_status = ?, confirmed_at = ? WHERE id = ?",
                    current.status(),
                    current.confirmedAt(),
                    id);
            if ("approve".equals(decision) && by.equals(cl.theft().fourEyes().referredBy())) {
                throw new ClaimsException(
                        409,
                        "four_eyes",
                        "whoever referred a claim cannot approve it",
                        Map.of("reason", "referred-by-you", "referredBy", by));
            }
            if ("approve".equals(decision)) {
                Claim now = repo.get(c, id);
                List<String> unmet = TheftEligibility.unmet(
                        now.theft(), policies.get(c, cl.policyId()), current, ShanghaiTime.today(clock));
                if (!unmet.isEmpty()) {
                    throw new ClaimsException(
                            409,
                            "not_eligible",
                            "the claim cannot be approved: " + String.join(", ", unmet),
                            Map.of(
                                    "unmet",
                                    unmet,
                                    "waitingEnd",
                                    now.theft().waitingEnd().toString()));
                }
            }
            String status =
                    switch (decision) {
                        case "approve" -> "approved";
                        case "deny" -> "denied";
                        default -> "referred";
                    };
            Sql.update(
                    c,
                    "UPDATE claim SET status = ?, decision = ?, decision_reason = ?, decided_by = ?, decided_at = ?, "
                            + "updated_at = now() WHERE id = ?",
                    status,
                    decision,
                    reason,
                    by,
                    clock.instant(),
                    id);
            fourEyesAfterDecision(c, repo.get(c, id), decision, by);
            repo.event(
                    c,
                    id,
                    by,
                    "decision",
                    new JsonObject().put("decision", decision).put("reason", reason));
            LOG.info("theft claim decided [id: {}, decision: {}, by: {}]", id, decision, by);
            return null;
        });
    }

    /**
     * The tracker could not answer at decision time: the claim gets {@code evidence-unavailable}
     * (its own transaction, kept whatever follows); without an override the decision waits.
     */
    private void evidenceUnavailable(long id, String decision, boolean override, String reason, String by) {
        db.inTransaction(c -> {
            Claim cl = theft(c, id);
            boolean known =
                    repo.signals(c, id).stream().anyMatch(sig -> sig.code().equals("evidence-unavailable"));
            if (!known) {
                repo.addSignals(
                        c,
                        id,
                        List.of(new Signal(
                                "evidence-unavailable",
                                "the tracker could not answer when the claim was decided; the decision waits until "
                                        + "the evidence can be re-fetched",
                                Map.of("at", ShanghaiTime.format(clock.instant())))));
            }
            if (override) {
                repo.event(
                        c,
                        id,
                        by,
                        "evidence-override",
                        new JsonObject()
                                .put("decision", decision)
                                .put("reason", reason)
                                .put("status", cl.status()));
                LOG.warn(
                        "decision without current evidence, overridden [id: {}, decision: {}, by: {}]",
                        id,
                        decision,
                        by);
            }
            return null;
        });
        if (!override) {
            throw new ClaimsException(
                    409,
                    "evidence_unavailable",
                    "the tracker cannot answer: the decision waits until the evidence can be re-fetched "
                            + "(an admin may override)",
                    Map.of("reason", "evidence-unavailable"));
        }
    }

    /** The theft case as stored on the claim when the tracker last answered. */
    private static TheftCase storedCase(Claim cl) {
        Claim.Theft t = cl.theft();
        return new TheftCase(
                t.caseId(),
                cl.bikeId(),
                t.caseStatus(),
                t.caseNo(),
                t.stolenAt(),
                t.reportedAt(),
                t.confirmedAt(),
                t.recoveredAt());
    }

    /**
     * Stores the evidence re-fetched at decision time and recomputes the sighting signals; a new
     * signal makes the claim count as referred (a second adjuster approves it).
     */
    private void refreshEvidence(Connection c, Claim cl, TheftCase current, TheftEvidence ev) throws SQLException {
        long id = cl.id();
        List<String> before = repo.signals(c, id).stream().map(Signal::code).toList();
        List<Signal> now = fraud.sightingSignals(current.stolenAt(), current.reportedAt(), ev);
        repo.removeSignals(c, id, FraudSignals.SIGHTING_CODES);
        repo.addSignals(c, id, now);
        storeEvidence(c, id, current, ev);
        boolean added = now.stream().anyMatch(sig -> !before.contains(sig.code()));
        if (added) {
            Sql.update(c, "UPDATE claim SET was_referred = true WHERE id = ?", id);
        }
        repo.event(
                c,
                id,
                "system",
                "evidence-refreshed",
                new JsonObject()
                        .put(
                                "signals",
                                new JsonArray(now.stream().map(Signal::code).toList())));
    }

    /**
     * After a decision: a referral records who referred; an approval needs a second adjuster when
     * the claim was ever referred or its payout is above {@code fourEyesAboveFen}; any decision
     * clears an earlier second approval.
     */
    private void fourEyesAfterDecision(Connection c, Claim cl, String decision, String by) throws SQLException {
        if ("refer".equals(decision)) {
            Sql.update(c, "UPDATE claim SET referred_by = ?, was_referred = true WHERE id = ?", by, cl.id());
        }
        boolean needed = "approve".equals(decision)
                && (cl.theft().fourEyes().wasReferred()
                        || "referred".equals(cl.status())
                        || cl.payoutFen() > fourEyesAboveFen);
        Sql.update(
                c,
                "UPDATE claim SET second_approval_needed = ?, second_approved_by = NULL, second_approved_at = NULL "
                        + "WHERE id = ?",
                needed,
                cl.id());
    }

    /**
     * A second adjuster approves an approved claim that needs four eyes: not the one who approved
     * it, nor the one who referred it.
     *
     * @throws ClaimsException 409 {@code four_eyes} when the same person tries, 409 when no second
     *                         approval is pending
     */
    public void secondApproval(long id, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw ClaimsException.invalid("an approval needs a reason");
        }
        db.inTransaction(c -> {
            Claim cl = theft(c, id);
            Claim.FourEyes fe = cl.theft().fourEyes();
            if (!"approved".equals(cl.status()) || !fe.waitingForSecond()) {
                throw ClaimsException.conflict(
                        "no second approval is pending on this claim",
                        Map.of("status", cl.status(), "needed", fe.secondNeeded()));
            }
            if (by.equals(cl.decision().by()) || by.equals(fe.referredBy())) {
                throw new ClaimsException(
                        409,
                        "four_eyes",
                        "the second approval must come from another adjuster than the one who approved or referred",
                        Map.of(
                                "reason",
                                "same-adjuster",
                                "approvedBy",
                                cl.decision().by()));
            }
            Sql.update(
                    c,
                    "UPDATE claim SET second_approved_by = ?, second_approved_at = ?, updated_at = now() WHERE id = ?",
                    by,
                    clock.instant(),
                    id);
            repo.event(c, id, by, "second-approval", new JsonObject().put("reason", reason));
            LOG.info("theft claim second approval [id: {}, by: {}]", id, by);
            return null;
        });
    }

    /**
     * The owner signs the rights-transfer, or an adjuster signs for the owner with the owner's
     * signed paper attached to the claim; needs an approved claim.
     *
     * @param byStaff  whether an adjuster or admin signs for the owner
     * @param paperId  the claim's attachment holding the owner's signed paper (required when
     *                 {@code byStaff})
     */
    public void signRightsTransfer(long id, String by, boolean byStaff, Long paperId) {
        db.inTransaction(c -> {
            Claim cl = theft(c, id);
            if (!"approved".equals(cl.status())) {
                throw ClaimsException.conflict(
                        "the rights-transfer is signed after approval, before payment", Map.of("status", cl.status()));
            }
            if (byStaff) {
                if (paperId == null) {
                    throw ClaimsException.invalid(
                            "an adjuster signing for the owner must attach the owner's signed paper (\"paperId\")",
                            Map.of("reason", "owner-paper-missing"));
                }
                Long found = Sql.one(
                        c, "SELECT id FROM attachment WHERE id = ? AND claim_id = ?", rs -> rs.getLong(1), paperId, id);
                if (found == null) {
                    throw ClaimsException.invalid(
                            "attachment " + paperId + " is not one of this claim's",
                            Map.of("reason", "owner-paper-missing"));
                }
            }
            Sql.update(
                    c,
                    "UPDATE claim SET rights_signed_at = ?, rights_signed_by = ?, rights_paper_id = ? WHERE id = ?",
                    clock.instant(),
                    by,
                    byStaff ? paperId : null,
                    id);
            repo.event(
                    c,
                    id,
                    by,
                    "rights-transfer-signed",
                    byStaff ? new JsonObject().put("forOwner", true).put("paperId", paperId) : null);
            return null;
        });
    }

    /**
     * A payment made.
     *
     * @param paymentId the payment
     * @param replay    true when the idempotency key had already paid: this is the first payment
     */
    public record Paid(long paymentId, boolean replay) {}

    /**
     * The payout already recorded under {@code key} for this claim (a retried payment), or null.
     *
     * @throws ClaimsException 409 when the key was used for another claim
     */
    public Long paidWithKey(long id, String key) {
        return key == null ? null : db.inTransaction(c -> repo.paymentByKey(c, id, key));
    }

    /**
     * Pays an approved claim whose rights-transfer is signed, after checking the theft case as the
     * tracker shows it now: a bike found means no payment, and the claim closes. Idempotent under
     * {@code key}: a retry with the same key returns the first payment.
     *
     * @param current the theft case as the tracker shows it now
     * @param key     idempotency key, or null
     * @throws ClaimsException 409 {@code reason: bike-recovered} (the claim is then closed), 409 when
     *                         not approved, not signed or already paid
     */
    public Paid pay(long id, String reference, String key, TheftCase current, String by) {
        Long first = paidWithKey(id, key);
        if (first != null) {
            return new Paid(first, true);
        }
        String before = db.inTransaction(c -> theft(c, id).status());
        if (!"approved".equals(before)) {
            throw ClaimsException.conflict("only an approved claim can be paid", Map.of("status", before));
        }
        if (current.recoveredAt() != null || "recovered".equals(current.status())) {
            String status = recover(id, current.recoveredAt(), null, by);
            throw ClaimsException.conflict(
                    "the bike was found (theft case " + current.id() + "): no payment; the claim is " + status,
                    Map.of("reason", "bike-recovered", "status", status));
        }
        return db.inTransaction(c -> {
            Claim cl = theft(c, id);
            Long raced = repo.paymentByKey(c, id, key);
            if (raced != null) {
                return new Paid(raced, true);
            }
            if (!"approved".equals(cl.status())) {
                throw ClaimsException.conflict("only an approved claim can be paid", Map.of("status", cl.status()));
            }
            if (cl.theft().rightsSignedAt() == null) {
                throw ClaimsException.conflict("the owner has not signed the rights-transfer", Map.of());
            }
            if (cl.theft().fourEyes().waitingForSecond()) {
                throw ClaimsException.conflict(
                        "the approval needs a second adjuster's before payment",
                        Map.of(
                                "reason",
                                "second-approval-needed",
                                "approvedBy",
                                cl.decision().by()));
            }
            Instant now = clock.instant();
            long pid = repo.payment(c, id, "payout", cl.payoutFen(), reference, key, now, by);
            repo.status(c, id, "paid");
            repo.event(
                    c,
                    id,
                    by,
                    "paid",
                    new JsonObject().put("amountFen", cl.payoutFen()).put("paymentId", pid));
            LOG.info("theft claim paid [id: {}, amountFen: {}, by: {}]", id, cl.payoutFen(), by);
            return new Paid(pid, false);
        });
    }

    /**
     * The bike was found. Before payment the claim closes. After payment the owner either returns
     * the payout and takes the bike back ({@code return}) or the bike goes to the insurer
     * ({@code salvage}).
     */
    public String recover(long id, Instant foundAt, String resolution, String by) {
        return db.inTransaction(c -> {
            Claim cl = theft(c, id);
            String status;
            String recovery;
            if (Set.of("open", "referred", "approved", "denied").contains(cl.status())) {
                status = "closed";
                recovery = "before-payment";
            } else if ("paid".equals(cl.status())) {
                if ("return".equals(resolution)) {
                    repo.payment(c, id, "refund", cl.payoutFen(), "returned by owner", clock.instant(), by);
                    status = "returned";
                    recovery = "returned";
                } else if ("salvage".equals(resolution)) {
                    status = "salvaged";
                    recovery = "salvage";
                } else {
                    throw ClaimsException.invalid("after payment, resolution must be return or salvage");
                }
            } else {
                throw ClaimsException.conflict("a " + cl.status() + " claim cannot record a recovery", Map.of());
            }
            Sql.update(
                    c,
                    "UPDATE claim SET status = ?, recovery = ?, recovered_at = ?, updated_at = now() WHERE id = ?",
                    status,
                    recovery,
                    foundAt == null ? clock.instant() : foundAt,
                    id);
            repo.event(c, id, by, "recovered", new JsonObject().put("recovery", recovery));
            LOG.info("theft claim recovery [id: {}, recovery: {}, by: {}]", id, recovery, by);
            return status;
        });
    }

    private Claim theft(Connection c, long id) throws SQLException {
        Claim cl = repo.lock(c, id);
        if (!cl.isTheft()) {
            throw ClaimsException.invalid("claim " + id + " is not a theft claim");
        }
        return cl;
    }
}
