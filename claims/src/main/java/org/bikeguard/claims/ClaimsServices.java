package org.bikeguard.claims;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.bikeguard.claims.calendar.CalendarRepository;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.claim.ClaimQueries;
import org.bikeguard.claims.claim.ClaimRepository;
import org.bikeguard.claims.claim.FourEyesApprovals;
import org.bikeguard.claims.claim.LiabilityClaimService;
import org.bikeguard.claims.claim.Receivables;
import org.bikeguard.claims.claim.RightsTransfer;
import org.bikeguard.claims.claim.TheftClaimService;
import org.bikeguard.claims.claim.TheftPapers;
import org.bikeguard.claims.claim.TheftPayments;
import org.bikeguard.claims.fraud.EvidenceCollector;
import org.bikeguard.claims.fraud.FraudSignals;
import org.bikeguard.claims.policy.PolicyService;
import org.bikeguard.claims.product.ProductRepository;
import org.bikeguard.claims.report.ReportService;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.tracker.TrackerGateway;
import org.bikeguard.claims.work.FollowUp;
import org.bikeguard.common.web.Blocking;

/**
 * Everything the claims API needs, wired once per verticle: database, calendar, services, the
 * tracker gateway and the two bounded worker executors ({@code bikeguard-claims-db} for JDBC,
 * {@code bikeguard-claims-render} for PDF rendering). Thread-safe.
 */
public record ClaimsServices(
        ClaimsConfig config,
        Clock clock,
        ClaimsDatabase db,
        CalendarService calendar,
        CalendarRepository calendarStore,
        ProductRepository products,
        PolicyService policies,
        TheftClaimService theft,
        TheftPapers papers,
        FourEyesApprovals fourEyes,
        RightsTransfer rights,
        TheftPayments payments,
        Receivables receivables,
        LiabilityClaimService liability,
        ClaimQueries queries,
        TrackerGateway tracker,
        EvidenceCollector evidence,
        ReportService reports,
        Blocking dbWork,
        Blocking renderWork) {

    /**
     * Connects to the config's database and migrates it, seeds the products and loads the
     * calendars (bundled, then those administrators stored). Blocking: call on a worker thread.
     */
    public static ClaimsServices start(Vertx vertx, ClaimsConfig config, TrackerGateway tracker, Clock clock) {
        ClaimsDatabase db = ClaimsDatabase.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), 8);
        try {
            CalendarService calendar = CalendarService.bundled();
            CalendarRepository calendarStore = new CalendarRepository(db);
            calendar.loadAll(calendarStore.all());
            ProductRepository products = new ProductRepository(db);
            products.seedIfEmpty(config.theftWaitingDays());
            PolicyService policies = new PolicyService(db, products, clock);
            ClaimRepository repo = new ClaimRepository(clock, new FollowUp(calendar, clock));
            TheftPapers papers = new TheftPapers(db, repo, calendar, clock);
            FourEyesApprovals fourEyes = new FourEyesApprovals(db, repo, config.fourEyesAboveFen(), clock);
            Receivables receivables = new Receivables(db, repo, clock);
            TheftClaimService theft = new TheftClaimService(
                    db, repo, policies, products, FraudSignals.defaults(), calendar, papers, fourEyes, clock);
            theft.recomputeDueDates();
            LiabilityClaimService liability = new LiabilityClaimService(db, repo, policies, products, fourEyes, clock);
            ClaimQueries queries = new ClaimQueries(db, repo, calendar, liability, receivables, clock);
            ReportService reports = new ReportService(db, queries, clock);
            Blocking dbWork = Blocking.shared(vertx, "bikeguard-claims-db", 8, 256);
            Blocking renderWork = Blocking.shared(vertx, "bikeguard-claims-render", config.renderThreads(), 16);
            return new ClaimsServices(
                    config,
                    clock,
                    db,
                    calendar,
                    calendarStore,
                    products,
                    policies,
                    theft,
                    papers,
                    fourEyes,
                    new RightsTransfer(db, repo, clock),
                    new TheftPayments(db, repo, fourEyes, receivables, clock),
                    receivables,
                    liability,
                    queries,
                    tracker,
                    new EvidenceCollector(tracker, clock),
                    reports,
                    dbWork,
                    renderWork);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Releases executors and the pool. */
    public void close() {
        dbWork.close();
        renderWork.close();
        db.close();
    }
}
