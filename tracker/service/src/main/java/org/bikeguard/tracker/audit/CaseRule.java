package org.bikeguard.tracker.audit;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.tracker.auth.Role;

/**
 * The case-number rule of sightings, trajectory and last-seen queries: a police query on a tag or
 * bike that has no open theft case must name a police case number ({@code caseNo}), else 400
 * {@code validation}. Resolves the case number and case to record in the audit log. The open
 * cases come from {@link OpenCases} (the theft feature), so the rule depends on no feature.
 * Blocking when the lookup is (JDBC); thread-safe.
 */
public final class CaseRule {

    /** An open theft case as the rule sees it. */
    public record OpenCase(long caseId, long bikeId, String caseNo) {}

    /** Looks up the open theft case of a tag or bike (at most one is open). Blocking; thread-safe. */
    public interface OpenCases {
        /** The open case of the bike that carries {@code tag}. */
        Optional<OpenCase> ofTag(long tag);

        /** The open case of bike {@code bikeId}. */
        Optional<OpenCase> ofBike(long bikeId);
    }

    /** What the audit row records: the case number (given, or the open case's; may be null) and the open case. */
    public record Resolved(String caseNo, OpenCase openCase) {
        /** {@code details} plus {@code caseId} and {@code bikeId} of the open case, when there is one. */
        public JsonObject details(JsonObject details) {
            if (openCase != null) {
                details.put("caseId", openCase.caseId()).put("bikeId", openCase.bikeId());
            }
            return details;
        }
    }

    private final OpenCases open;

    public CaseRule(OpenCases open) {
        this.open = open;
    }

    /** For a query on {@code tag}. @throws BadInputException for police without case */
    public Resolved forTag(Role role, long tag, String caseNo) {
        return resolve(role, open.ofTag(tag), caseNo);
    }

    /** For a query on bike {@code bikeId}. @throws BadInputException for police without case */
    public Resolved forBike(Role role, long bikeId, String caseNo) {
        return resolve(role, open.ofBike(bikeId), caseNo);
    }

    private static Resolved resolve(Role role, Optional<OpenCase> open, String caseNo) {
        if (role == Role.POLICE && caseNo == null && open.isEmpty()) {
            throw BadInputException.violation(
                    "a police query on a tag or bike without an open theft case must give caseNo",
                    new JsonObject().put("field", "caseNo"));
        }
        return new Resolved(caseNo != null ? caseNo : open.map(OpenCase::caseNo).orElse(null), open.orElse(null));
    }
}
