package org.bikeguard.claims.claim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.payout.LiabilityAssessment;
import org.bikeguard.claims.payout.LiabilityLimits;
import org.bikeguard.claims.policy.Policy;
import org.bikeguard.claims.policy.PolicyService;
import org.bikeguard.claims.product.ProductKind;
import org.bikeguard.claims.product.ProductRepository;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.bikeguard.claims.tracker.TrackerGateway.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The liability-claim workflow: first notice (time, place, parties, damage; photos as
 * attachments), the adjuster's assessment with the product's limits applied per head of damage,
 * settlement (on the spot or later) with its record, and payment. Money in fen; instants UTC.
 * Blocking (JDBC); thread-safe.
 */
public final class LiabilityClaimService {

    private static final Logger LOG = LoggerFactory.getLogger(LiabilityClaimService.class);
    /** Largest attachment accepted, bytes. */
    public static final int MAX_ATTACHMENT = 5 * 1024 * 1024;

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final PolicyService policies;
    private final ProductRepository products;
    private final FourEyesApprovals fourEyes;
    private final Clock clock;

    public LiabilityClaimService(
            ClaimsDatabase db,
            ClaimRepository repo,
            PolicyService policies,
            ProductRepository products,
            FourEyesApprovals fourEyes,
            Clock clock) {
        this.db = db;
        this.repo = repo;
        this.policies = policies;
        this.products = products;
        this.fourEyes = fourEyes;
        this.clock = clock;
    }

    /**
     * First notice of an accident.
     *
     * @param notice {@code {"occurredAt","place","parties":[...],"damage":"..."}} as submitted
     */
    public long open(long policyId, Owner owner, Instant occurredAt, String place, JsonObject notice, String by) {
        if (occurredAt == null || place == null || place.isBlank()) {
            throw ClaimsException.invalid("a first notice needs occurredAt and place");
        }
        if (occurredAt.isAfter(clock.instant())) {
            throw ClaimsException.invalid("occurredAt is in the future");
        }
        return db.inTransaction(c -> {
            Policy p = policies.get(c, policyId);
            if (p.product() != ProductKind.LIABILITY) {
                throw ClaimsException.invalid("policy " + policyId + " is not a liability policy");
            }
            if (!p.inForceAt(occurredAt)) {
                throw ClaimsException.conflict(
                        "policy " + policyId + " was not in force at the accident time",
                        Map.of("reason", "policy-not-in-force"));
            }
            long id = Sql.insert(
                    c,
                    "INSERT INTO claim (type, status, policy_id, bike_id, owner_id, owner_username, "
                            + "owner_name, owner_id_number, owner_phone, opened_by, opened_at, occurred_at, place, notice) "
                            + "VALUES ('liability', 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    policyId,
                    p.bikeId(),
                    owner.id(),
                    owner.username(),
                    owner.name(),
                    owner.idNumberMasked(),
                    owner.phone(),
                    by,
                    clock.instant(),
                    occurredAt,
                    place,
                    notice);
            repo.event(c, id, by, "opened", null);
            LOG.info("liability claim opened [id: {}, policy: {}]", id, policyId);
            return id;
        });
    }

    /**
     * Stores a photo or document; returns its id. Its {@code content_type} is what
     * {@link Attachments#sniff} finds in {@code content}, whatever the uploader declared.
     */
    public long attach(long id, String fileName, byte[] content, String by) {
        if (content.length == 0 || content.length > MAX_ATTACHMENT) {
            throw ClaimsException.invalid("an attachment must be 1 byte to " + MAX_ATTACHMENT + " bytes");
        }
        return db.inTransaction(c -> {
            repo.lock(c, id);
            long aid = Sql.insert(
                    c,
                    "INSERT INTO attachment (claim_id, file_name, content_type, size_bytes, content, "
                            + "uploaded_by) VALUES (?, ?, ?, ?, ?, ?)",
                    id,
                    fileName,
                    Attachments.sniff(content),
                    content.length,
                    content,
                    by);
            repo.event(c, id, by, "attachment", new JsonObject().put("id", aid).put("fileName", fileName));
            return aid;
        });
    }

    /** Attachment metadata of a claim. */
    public JsonArray attachments(Connection c, long id) throws SQLException {
        JsonArray out = new JsonArray();
        Sql.query(
                c,
                "SELECT id, file_name, content_type, size_bytes FROM attachment WHERE claim_id = ? ORDER BY id",
                rs -> {
                    out.add(new JsonObject()
                            .put("id", rs.getLong("id"))
                            .put("fileName", rs.getString("file_name"))
                            .put("contentType", Attachments.shown(rs.getString("content_type")))
                            .put("sizeBytes", rs.getInt("size_bytes")));
                    return null;
                },
                id);
        return out;
    }

    /**
     * A stored attachment.
     *
     * @param fileName    the name the uploader gave (shown only through {@link Attachments#disposition})
     * @param contentType what the server sniffed from {@code content} now ({@link Attachments#sniff})
     */
    public record Attachment(String fileName, String contentType, byte[] content) {}

    /** One attachment, its type sniffed again from its bytes (rows stored before sniffing existed included). */
    public Attachment attachment(long id, long attachmentId) {
        return db.inTransaction(c -> {
            Attachment a = Sql.one(
                    c,
                    "SELECT file_name, content FROM attachment WHERE claim_id = ? AND id = ?",
                    rs -> new Attachment(rs.getString(1), Attachments.sniff(rs.getBytes(2)), rs.getBytes(2)),
                    id,
                    attachmentId);
            if (a == null) {
                throw ClaimsException.notFound("attachment " + attachmentId);
            }
            return a;
        });
    }

    /** Applies the policy's limits to the assessed items; the claim's payout becomes the total payable. */
    public LiabilityAssessment.Result assess(long id, List<LiabilityAssessment.Item> items, String note, String by) {
        if (items.isEmpty()) {
            throw ClaimsException.invalid("an assessment needs at least one item");
        }
        return store(id, limits -> LiabilityAssessment.apply(items, limits), note, by);
    }

    /**
     * The whole assessment of an accident in one transaction: the rider's fault share taken of each
     * damage, the policy's limits applied (per person by identity number), the lines with the
     * damages and names, the fault share, the payout and the history event. A failure leaves the
     * claim as it was.
     *
     * @param faultSharePercent the rider's share of the fault, 0–100
     */
    public LiabilityAssessment.Result assess(
            long id, int faultSharePercent, List<LiabilityAssessment.Damage> damages, String note, String by) {
        if (damages.isEmpty()) {
            throw ClaimsException.invalid("an assessment needs at least one item");
        }
        if (faultSharePercent < 0 || faultSharePercent > 100) {
            throw ClaimsException.invalid("\"faultSharePercent\" must be a whole number from 0 to 100");
        }
        return store(id, limits -> LiabilityAssessment.assess(damages, faultSharePercent, limits), note, by);
    }

    private LiabilityAssessment.Result store(
            long id, Function<LiabilityLimits, LiabilityAssessment.Result> arithmetic, String note, String by) {
        return db.inTransaction(c -> {
            Claim cl = liability(c, id, Set.of("open", "assessed"));
            Policy p = policies.get(c, cl.policyId());
            LiabilityAssessment.Result r;
            try {
                r = arithmetic.apply(products.get(c, ProductKind.LIABILITY, p.productVersion())
                        .limits());
            } catch (ArithmeticException e) {
                throw ClaimsException.invalid("the amounts are too large");
            }
            Sql.update(
                    c,
                    "UPDATE claim SET assessment = ?, payout_fen = ?, status = 'assessed', updated_at = now() "
                            + "WHERE id = ?",
                    json(r, note, by),
                    r.totalPayableFen(),
                    id);
            repo.event(c, id, by, "assessed", new JsonObject().put("totalPayableFen", r.totalPayableFen()));
            return r;
        });
    }

    /** The assessment as stored on the claim and shown on its page. */
    private static JsonObject json(LiabilityAssessment.Result r, String note, String by) {
        JsonArray lines = new JsonArray();
        for (LiabilityAssessment.Line l : r.lines()) {
            JsonObject line = new JsonObject()
                    .put("head", l.item().head())
                    .put("person", l.item().person())
                    .put("assessedFen", l.item().assessedFen())
                    .put("payableFen", l.payableFen())
                    .put("limitedBy", l.limitedBy());
            if (l.damage() != null) {
                line.put("damageFen", l.damage().damageFen())
                        .put("name", l.damage().name());
            }
            lines.add(line);
        }
        JsonObject a = new JsonObject()
                .put("lines", lines)
                .put("totalAssessedFen", r.totalAssessedFen())
                .put("totalPayableFen", r.totalPayableFen())
                .put("note", note)
                .put("by", by);
        if (r.faultSharePercent() != null) {
            a.put("faultSharePercent", r.faultSharePercent());
        }
        return a;
    }

    /**
     * Records the settlement agreed with the third party (on the spot or later): the liability
     * claim's approval for payment, by {@code by}. Four eyes then apply as to a theft claim's
     * approval ({@link FourEyesApprovals}): whoever referred the claim cannot settle it, and a
     * referred claim or a payout above the amount needs a second adjuster's approval.
     *
     * @param record {@code {"onTheSpot":bool,"place","agreedWith","note"}}
     * @throws ClaimsException 409 {@code four_eyes} when the referrer settles
     */
    public void settle(long id, JsonObject record, String by) {
        db.inTransaction(c -> {
            Claim cl = liability(c, id, Set.of("assessed"));
            fourEyes.requireNotReferrer(cl, by);
            JsonObject s = record.copy()
                    .put("amountFen", cl.payoutFen())
                    .put("settledBy", by)
                    .put("settledAt", org.bikeguard.claims.ShanghaiTime.format(clock.instant()));
            Sql.update(
                    c,
                    "UPDATE claim SET settlement = ?, status = 'settled', decision = 'approve', decision_reason = ?, "
                            + "decided_by = ?, decided_at = ?, updated_at = now() WHERE id = ?",
                    s,
                    "与第三者达成和解 settled with the third party",
                    by,
                    clock.instant(),
                    id);
            fourEyes.afterDecision(c, repo.get(c, id), "approve", by);
            repo.event(c, id, by, "settled", new JsonObject().put("onTheSpot", record.getBoolean("onTheSpot", false)));
            return null;
        });
    }

    /**
     * Refers an open or assessed liability claim for review: its payout will need a second
     * adjuster's approval, and the referrer cannot settle it.
     */
    public void refer(long id, String reason, String by) {
        db.inTransaction(c -> {
            Claim cl = liability(c, id, Set.of("open", "assessed"));
            Sql.update(
                    c,
                    "UPDATE claim SET decision = 'refer', decision_reason = ?, decided_by = ?, decided_at = ?, "
                            + "updated_at = now() WHERE id = ?",
                    reason,
                    by,
                    clock.instant(),
                    id);
            fourEyes.afterDecision(c, cl, "refer", by);
            repo.event(
                    c,
                    id,
                    by,
                    "decision",
                    new JsonObject().put("decision", "refer").put("reason", reason));
            LOG.info("liability claim referred [id: {}, by: {}]", id, by);
            return null;
        });
    }

    /** Denies a liability claim with a reason. */
    public void deny(long id, String reason, String by) {
        db.inTransaction(c -> {
            liability(c, id, Set.of("open", "assessed"));
            Sql.update(
                    c,
                    "UPDATE claim SET status = 'denied', decision = 'deny', decision_reason = ?, decided_by = ?, "
                            + "decided_at = ?, updated_at = now() WHERE id = ?",
                    reason,
                    by,
                    clock.instant(),
                    id);
            repo.event(
                    c,
                    id,
                    by,
                    "decision",
                    new JsonObject().put("decision", "deny").put("reason", reason));
            return null;
        });
    }

    /** Pays a settled claim; returns the payment id. */
    public long pay(long id, String reference, String by) {
        return pay(id, reference, null, by);
    }

    /**
     * Pays a settled claim, idempotent under {@code key} (null: none): a retry with the same key
     * returns the first payment's id.
     *
     * @throws ClaimsException 409 {@code reason: second-approval-needed} while four eyes wait
     */
    public long pay(long id, String reference, String key, String by) {
        return db.inTransaction(c -> {
            Long first = repo.paymentByKey(c, id, key);
            if (first != null) {
                return first;
            }
            Claim cl = liability(c, id, Set.of("settled"));
            fourEyes.requireBeforePayment(cl);
            long pid = repo.payment(c, id, "payout", cl.payoutFen(), reference, key, clock.instant(), by);
            repo.status(c, id, "paid");
            repo.event(c, id, by, "paid", new JsonObject().put("amountFen", cl.payoutFen()));
            return pid;
        });
    }

    private Claim liability(Connection c, long id, Set<String> allowed) throws SQLException {
        Claim cl = repo.lock(c, id);
        if (cl.isTheft()) {
            throw ClaimsException.invalid("claim " + id + " is not a liability claim");
        }
        if (!allowed.contains(cl.status())) {
            throw ClaimsException.conflict(
                    "not possible on a " + cl.status() + " claim",
                    Map.of("status", cl.status(), "allowed", new ArrayList<>(allowed)));
        }
        return cl;
    }
}
