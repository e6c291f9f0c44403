package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.fraud.FraudSignals;
import org.bikeguard.claims.fraud.Signal;
import org.bikeguard.claims.fraud.TheftEvidence;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.bikeguard.claims.tracker.TrackerGateway.TheftCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence kept on a theft claim: the theft case, the trajectory around the theft and the
 * last sightings before it, stored at opening and again when a decision is made; the sighting
 * signals recomputed then; and {@code evidence-unavailable} when the tracker could not answer.
 * Instants stored UTC, shown Asia/Shanghai. Blocking (JDBC); stateless; thread-safe.
 */
final class TheftEvidenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(TheftEvidenceStore.class);

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final FraudSignals fraud;
    private final Clock clock;

    TheftEvidenceStore(ClaimsDatabase db, ClaimRepository repo, FraudSignals fraud, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.fraud = fraud;
        this.clock = clock;
    }

    /** Stores (or replaces) the theft case, trajectory and last sightings of claim {@code id}. */
    void store(Connection c, long id, TheftCase tc, TheftEvidence ev) throws SQLException {
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

    /**
     * The tracker could not answer at decision time: the claim gets {@code evidence-unavailable}
     * (its own transaction, kept whatever follows); without an override the decision waits.
     */
    void unavailable(long id, String decision, boolean override, String reason, String by) {
        db.inTransaction(c -> {
            Claim cl = repo.lockTheft(c, id);
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
    static TheftCase storedCase(Claim cl) {
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
    void refresh(Connection c, Claim cl, TheftCase current, TheftEvidence ev) throws SQLException {
        long id = cl.id();
        List<String> before = repo.signals(c, id).stream().map(Signal::code).toList();
        List<Signal> now = fraud.sightingSignals(current.stolenAt(), current.reportedAt(), ev);
        repo.removeSignals(c, id, FraudSignals.SIGHTING_CODES);
        repo.addSignals(c, id, now);
        store(c, id, current, ev);
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
}
