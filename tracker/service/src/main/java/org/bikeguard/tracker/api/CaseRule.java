package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.theft.TheftCase;
import org.bikeguard.tracker.theft.TheftCases;

/**
 * The case-number rule of sightings and trajectory queries: a police query on a tag or bike that
 * has no open theft case must name a police case number ({@code caseNo}), else 400. Resolves the
 * case number and case to record in the audit log. Blocking (JDBC); thread-safe.
 */
public final class CaseRule {

    /** What the audit row records: the case number (given, or the open case's; may be null) and the open case. */
    public record Resolved(String caseNo, TheftCase openCase) {
        /** {@code details} plus {@code caseId} and {@code bikeId} of the open case, when there is one. */
        public JsonObject details(JsonObject details) {
            if (openCase != null) {
                details.put("caseId", openCase.id()).put("bikeId", openCase.bikeId());
            }
            return details;
        }
    }

    private final TheftCases thefts;

    public CaseRule(TheftCases thefts) {
        this.thefts = thefts;
    }

    /** For a query on {@code tag}. @throws ApiException.ValidationException for police without case */
    public Resolved forTag(Role role, long tag, String caseNo) {
        return resolve(role, thefts.openOfTag(tag), caseNo);
    }

    /** For a query on bike {@code bikeId}. @throws ApiException.ValidationException for police without case */
    public Resolved forBike(Role role, long bikeId, String caseNo) {
        return resolve(role, thefts.openOfBike(bikeId), caseNo);
    }

    private static Resolved resolve(Role role, Optional<TheftCase> open, String caseNo) {
        if (role == Role.POLICE && caseNo == null && open.isEmpty()) {
            throw new ApiException.ValidationException(
                    "a police query on a tag or bike without an open theft case must give caseNo",
                    new JsonObject().put("field", "caseNo"));
        }
        return new Resolved(caseNo != null ? caseNo : open.map(TheftCase::caseNo).orElse(null), open.orElse(null));
    }
}
