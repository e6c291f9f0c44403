package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
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
 * The theft-claim workflow's opening (cover, one claim per case and per bike and policy, payout
 * bracket, fraud signals, evidence, the owner's notice of missing papers) and decisions (on
 * evidence re-fetched at decision time, with four eyes). Papers are {@link TheftPapers}; the
 * rights transfer {@link RightsTransfer}; payment and recovery {@link TheftPayments}; second
 * approvals {@link FourEyesApprovals}. Facts from the tracker are gathered by the caller and
 * passed in. Money in fen; dates Asia/Shanghai; instants UTC. Blocking (JDBC); thread-safe.
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
    private final TheftPapers papers;
    private final FourEyesApprovals fourEyes;
    private final TheftEvidenceStore evidence;
    private final Clock clock;

    public TheftClaimService(
            ClaimsDatabase db,
            ClaimRepository repo,
            PolicyService policies,
            ProductRepository products,
            FraudSignals fraud,
            CalendarService calendar,
            TheftPapers papers,
            FourEyesApprovals fourEyes,
            Clock clock) {
        this.db = db;
        this.repo = repo;
        this.policies = policies;
        this.products = products;
        this.fraud = fraud;
        this.calendar = calendar;
        this.papers = papers;
        this.fourEyes = fourEyes;
        this.evidence = new TheftEvidenceStore(db, repo, fraud, clock);
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
            TheftEligibility.requireCover(policy, tc);
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
            evidence.store(c, id, tc, o.evidence());
            repo.event(
                    c,
                    id,
                    o.openedBy(),
                    "opened",
                    new JsonObject().put("status", status).put("signals", signals.size()));
            papers.noticeMissing(c, id);
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
            evidence.unavailable(id, decision, override, reason, by);
        }
        db.inTransaction(c -> {
            Claim cl = repo.lockTheft(c, id);
            if (!DECIDABLE.contains(cl.status())) {
                throw ClaimsException.conflict(
                        "a " + cl.status() + " claim cannot be decided", Map.of("status", cl.status()));
            }
            TheftCase current = fresh.trackerDown() ? TheftEvidenceStore.storedCase(cl) : fresh.current();
            if (!fresh.trackerDown()) {
                evidence.refresh(c, cl, current, fresh.evidence());
            }
            Sql.update(
                    c,
                    "UPDATE claim SET case_status = ?, confirmed_at = ? WHERE id = ?",
                    current.status(),
                    current.confirmedAt(),
                    id);
            if ("approve".equals(decision)) {
                fourEyes.requireNotReferrer(cl, by);
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
            fourEyes.afterDecision(c, repo.get(c, id), decision, by);
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
}
