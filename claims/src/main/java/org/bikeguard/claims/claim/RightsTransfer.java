package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * The rights transfer of a theft claim (the bike passes to the insurer if it is found after
 * payment): signed by the owner, or by an adjuster for the owner with the owner's signed paper
 * attached to the claim. Instants UTC. Blocking (JDBC); stateless; thread-safe.
 */
public final class RightsTransfer {

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final Clock clock;

    public RightsTransfer(ClaimsDatabase db, ClaimRepository repo, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.clock = clock;
    }

    /**
     * The owner signs the rights-transfer, or an adjuster signs for the owner with the owner's
     * signed paper attached to the claim; needs an approved claim.
     *
     * @param byStaff  whether an adjuster or admin signs for the owner
     * @param paperId  the claim's attachment holding the owner's signed paper (required when
     *                 {@code byStaff})
     */
    public void sign(long id, String by, boolean byStaff, Long paperId) {
        db.inTransaction(c -> {
            Claim cl = repo.lockTheft(c, id);
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
}
