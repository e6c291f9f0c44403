package org.bikeguard.claims.policy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.product.Product;
import org.bikeguard.claims.product.ProductKind;
import org.bikeguard.claims.product.ProductRepository;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.bikeguard.claims.tracker.TrackerGateway.Bike;
import org.bikeguard.claims.tracker.TrackerGateway.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sells, reads, cancels and transfers policies ({@code claims.policy}). "Today" is the
 * Asia/Shanghai date of the injected clock; premiums in fen. Authorization is the caller's job.
 * Blocking (JDBC); thread-safe.
 */
public final class PolicyService {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);
    private static final String COLS = "id, product, product_version, bike_id, owner_id, start_date, end_date, "
            + "premium_fen, cancelled_on, sold_by, created_at";

    private final ClaimsDatabase db;
    private final ProductRepository products;
    private final Clock clock;

    public PolicyService(ClaimsDatabase db, ProductRepository products, Clock clock) {
        this.db = db;
        this.products = products;
        this.clock = clock;
    }

    /** Today in Asia/Shanghai. */
    public LocalDate today() {
        return ShanghaiTime.today(clock);
    }

    /**
     * Sells the newest version of {@code kind} for {@code bike}, starting on {@code start} (today
     * when null; never earlier). One policy of a kind per bike at a time.
     *
     * @throws ClaimsException 400 when backdated, 409 when the bike already has that cover then or
     *                         the registry shows it as stolen
     */
    public Policy sell(ProductKind kind, LocalDate start, Bike bike, Owner owner, String soldBy) {
        if (bike.stolen()) {
            throw ClaimsException.conflict(
                    "the registry shows bike " + bike.id() + " as stolen: a stolen bike cannot be insured",
                    Map.of("reason", "bike-stolen", "bikeId", bike.id()));
        }
        LocalDate from = PolicyRules.checkStart(start, today());
        return db.inTransaction(c -> {
            Product product = products.latest(c, kind);
            LocalDate end = Policy.endOf(from, product.termYears());
            Sql.query(c, "SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 1, "policy:" + bike.id());
            Long clash = Sql.one(
                    c,
                    "SELECT id FROM policy WHERE bike_id = ? AND product = ? AND start_date <= ? "
                            + "AND end_date >= ? AND (cancelled_on IS NULL OR cancelled_on > ?) LIMIT 1",
                    rs -> rs.getLong("id"),
                    bike.id(),
                    kind.code(),
                    end,
                    from,
                    from);
            if (clash != null) {
                throw ClaimsException.conflict(
                        "the bike already has " + kind.code() + " cover in that period", Map.of("policyId", clash));
            }
            long id = Sql.insert(
                    c,
                    "INSERT INTO policy (product, product_version, bike_id, owner_id, owner_username, "
                            + "start_date, end_date, premium_fen, sold_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    kind.code(),
                    product.version(),
                    bike.id(),
                    owner.id(),
                    owner.username(),
                    from,
                    end,
                    product.priceFen(),
                    soldBy,
                    clock.instant());
            LOG.info(
                    "policy sold [id: {}, product: {}, bike: {}, start: {}, by: {}]",
                    id,
                    kind.code(),
                    bike.id(),
                    from,
                    soldBy);
            return get(c, id);
        });
    }

    /** A policy; 404 when absent. */
    public Policy get(long id) {
        return db.inTransaction(c -> get(c, id));
    }

    /** A policy within a transaction; 404 when absent. */
    public Policy get(Connection c, long id) throws SQLException {
        Policy p = Sql.one(c, "SELECT " + COLS + " FROM policy WHERE id = ?", PolicyService::map, id);
        if (p == null) {
            throw ClaimsException.notFound("policy " + id);
        }
        return p;
    }

    /** The owner login recorded with a policy (null when unknown). */
    public String ownerUsername(long policyId) {
        return db.inTransaction(
                c -> Sql.one(c, "SELECT owner_username FROM policy WHERE id = ?", rs -> rs.getString(1), policyId));
    }

    /** Policies of a bike, newest first. */
    public List<Policy> byBike(String bikeId) {
        return db.inTransaction(c -> Sql.query(
                c, "SELECT " + COLS + " FROM policy WHERE bike_id = ? ORDER BY id DESC", PolicyService::map, bikeId));
    }

    /** Policies held by the owner who logs in as {@code username}, newest first. */
    public List<Policy> byOwnerUsername(String username) {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT " + COLS + " FROM policy WHERE owner_username = ? " + "ORDER BY id DESC",
                PolicyService::map,
                username));
    }

    /** The anti-theft or liability policy of a bike in force on {@code date}, or null. */
    public Policy inForce(Connection c, String bikeId, ProductKind kind, LocalDate date) throws SQLException {
        return Sql.query(
                        c,
                        "SELECT " + COLS + " FROM policy WHERE bike_id = ? AND product = ? ORDER BY id DESC",
                        PolicyService::map,
                        bikeId,
                        kind.code())
                .stream()
                .filter(p -> p.inForceOn(date))
                .findFirst()
                .orElse(null);
    }

    /**
     * A cancellation's outcome.
     *
     * @param refundFen      the premium refunded, fen
     * @param noRefundReason why nothing is refunded ({@code total-loss-paid}), or null
     */
    public record Cancellation(long refundFen, String noRefundReason) {}

    /**
     * Cancels from today: cover stops today and the unused premium is refunded pro rata, except
     * after a total-loss (theft) payout on the policy: the cover was used up, nothing is refunded.
     */
    public Cancellation cancelPolicy(long id, String by) {
        return db.inTransaction(c -> {
            Long paidClaim = Sql.one(
                    c,
                    "SELECT id FROM claim WHERE policy_id = ? AND type = 'theft' AND status IN ('paid', 'salvaged') LIMIT 1",
                    rs -> rs.getLong(1),
                    id);
            long refund = cancel(c, id, by, paidClaim == null);
            return new Cancellation(refund, paidClaim == null ? null : "total-loss-paid");
        });
    }

    /**
     * Cancels from today: cover stops today and the unused premium is refunded pro rata (none after
     * a total-loss payout; see {@link #cancelPolicy}).
     *
     * @return the refund in fen
     */
    public long cancel(long id, String by) {
        return cancelPolicy(id, by).refundFen();
    }

    private long cancel(Connection c, long id, String by, boolean refundable) throws SQLException {
        LocalDate today = today();
        Policy p = get(c, id);
        if (p.cancelledOn() != null) {
            throw ClaimsException.conflict("policy " + id + " is already cancelled", Map.of());
        }
        if (today.isAfter(p.end())) {
            throw ClaimsException.conflict("policy " + id + " has expired", Map.of());
        }
        long refund = refundable ? PolicyRules.refundFen(p, today) : 0;
        Sql.update(c, "UPDATE policy SET cancelled_on = ?, refund_fen = ? WHERE id = ?", today, refund, id);
        LOG.info("policy cancelled [id: {}, from: {}, refundFen: {}, by: {}]", id, today, refund, by);
        return refund;
    }

    /**
     * Moves the policy to the bike's new owner (the registry already transferred the bike).
     *
     * @throws ClaimsException 409 when the registry still names another owner
     */
    public Policy transfer(long id, Bike bike, Owner newOwner, String by) {
        return db.inTransaction(c -> {
            Policy p = get(c, id);
            if (!p.bikeId().equals(bike.id()) || !bike.ownerId().equals(newOwner.id())) {
                throw ClaimsException.conflict(
                        "the registry does not show the bike owned by " + newOwner.id(),
                        Map.of("registryOwnerId", bike.ownerId()));
            }
            Sql.update(
                    c,
                    "UPDATE policy SET owner_id = ?, owner_username = ? WHERE id = ?",
                    newOwner.id(),
                    newOwner.username(),
                    id);
            LOG.info("policy transferred [id: {}, from: {}, to: {}, by: {}]", id, p.ownerId(), newOwner.id(), by);
            return get(c, id);
        });
    }

    static Policy map(ResultSet rs) throws SQLException {
        return new Policy(
                rs.getLong("id"),
                ProductKind.fromCode(rs.getString("product")),
                rs.getInt("product_version"),
                rs.getString("bike_id"),
                rs.getString("owner_id"),
                Sql.date(rs, "start_date"),
                Sql.date(rs, "end_date"),
                rs.getLong("premium_fen"),
                Sql.date(rs, "cancelled_on"),
                rs.getString("sold_by"),
                Sql.instant(rs, "created_at"));
    }
}
