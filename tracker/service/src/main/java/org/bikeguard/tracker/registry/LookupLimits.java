package org.bikeguard.tracker.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.ClientAddress;
import org.bikeguard.common.web.RateLimitedException;
import org.bikeguard.common.web.RateLimiter;
import org.bikeguard.common.web.RateLimiter.Limit;
import org.bikeguard.tracker.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Abuse limits of the registry's two look-ups that answer a yes/no about personal data: the
 * public stolen-check (is this plate or frame number stolen) and the owner self-service transfer
 * (do this phone number and this ID number belong to one registered owner); and of the public
 * "I found this bike" report, which reaches the police. Token buckets
 * ({@link RateLimiter}) per client address ({@link ClientAddress}) and, for the transfer, per
 * account; every look-up and every run of refusals is audited.
 *
 * <p>The buckets live in this member's memory (a client spreading its requests over N members
 * gets up to N times the allowance), at most {@value #MAX_KEYS} keys per limit. Time is the
 * tracker's clock. Thread-safe.
 */
public final class LookupLimits {

    private static final Logger LOG = LoggerFactory.getLogger(LookupLimits.class);

    /** Public stolen-check per client address: 30 at once, then one every 2 s (30 a minute). */
    public static final Limit STOLEN_CHECK_ADDRESS = new Limit("stolen-check.address", 30, Duration.ofSeconds(2));
    /** Transfer look-up per owner account: 5 at once, then one every 12 min (5 an hour). */
    public static final Limit TRANSFER_ACCOUNT = new Limit("transfer-lookup.account", 5, Duration.ofMinutes(12));
    /** Transfer look-up per client address (all accounts behind it): 20 at once, then one every 3 min. */
    public static final Limit TRANSFER_ADDRESS = new Limit("transfer-lookup.address", 20, Duration.ofMinutes(3));
    /** Public "I found this bike" reports per client address: 3 at once, then one every 10 min. */
    public static final Limit FOUND_REPORT_ADDRESS = new Limit("found-report.address", 3, Duration.ofMinutes(10));
    /** Buckets kept per limit (about 3 MB each when full). */
    public static final int MAX_KEYS = 20_000;

    /** Username and role of audit rows for requests without a token. */
    static final String ANONYMOUS = "anonymous";

    static final String PUBLIC_ROLE = "public";

    private final ClientAddress addresses;
    private final AuditLog audit;
    private final RateLimiter stolenByAddress;
    private final RateLimiter transferByAccount;
    private final RateLimiter transferByAddress;
    private final RateLimiter foundByAddress;

    /**
     * @param addresses who the client of a request is (trusted proxies)
     * @param clock     the tracker's clock: refills of the buckets
     */
    public LookupLimits(ClientAddress addresses, AuditLog audit, Clock clock) {
        this.addresses = addresses;
        this.audit = audit;
        this.stolenByAddress = new RateLimiter(STOLEN_CHECK_ADDRESS, MAX_KEYS, clock);
        this.transferByAccount = new RateLimiter(TRANSFER_ACCOUNT, MAX_KEYS, clock);
        this.transferByAddress = new RateLimiter(TRANSFER_ADDRESS, MAX_KEYS, clock);
        this.foundByAddress = new RateLimiter(FOUND_REPORT_ADDRESS, MAX_KEYS, clock);
    }

    /** The client address of a request (the key of the per-address limits). */
    public String address(RoutingContext ctx) {
        return addresses.of(ctx.request());
    }

    /**
     * Spends one stolen-check of {@code address}: a succeeded future, or one failed with 429
     * {@link RateLimitedException} (after the audit row of a first refusal). Call on the event loop.
     */
    public Future<Void> admitStolenCheck(Blocking blocking, String address) {
        return admit(blocking, stolenByAddress.acquire(address), STOLEN_CHECK_ADDRESS, ANONYMOUS, PUBLIC_ROLE, address);
    }

    /** Spends one found report of {@code address}; as {@link #admitStolenCheck}. */
    public Future<Void> admitFoundReport(Blocking blocking, String address) {
        return admit(blocking, foundByAddress.acquire(address), FOUND_REPORT_ADDRESS, ANONYMOUS, PUBLIC_ROLE, address);
    }

    /** Audits one found report ({@code found.report}, with the client address). Blocking. */
    public void recordFoundReport(String address, long bikeId, long reportId) {
        audit.record(
                ANONYMOUS,
                PUBLIC_ROLE,
                "found.report",
                "bike:" + bikeId,
                null,
                new JsonObject().put("address", address).put("reportId", reportId));
    }

    /** Spends one transfer look-up of {@code account} (an owner's username) from {@code address}; as {@link #admitStolenCheck}. */
    public Future<Void> admitTransferLookup(Blocking blocking, String account, String address) {
        RateLimiter.Decision byAccount = transferByAccount.acquire(account);
        if (!byAccount.allowed()) {
            return admit(blocking, byAccount, TRANSFER_ACCOUNT, account, "owner", address);
        }
        return admit(blocking, transferByAddress.acquire(address), TRANSFER_ADDRESS, account, "owner", address);
    }

    /** Audits one stolen-check ({@code registry.stolen-check}; the plate or frame number is not recorded). Blocking. */
    public void recordStolenCheck(String address, String field) {
        audit.record(
                ANONYMOUS, PUBLIC_ROLE, "registry.stolen-check", field, null, new JsonObject().put("address", address));
    }

    /** Audits one transfer look-up ({@code owner.transfer-lookup}; the numbers are not recorded). Blocking. */
    public void recordTransferLookup(String account, long bikeId, String address) {
        audit.record(
                account,
                "owner",
                "owner.transfer-lookup",
                "bike:" + bikeId,
                null,
                new JsonObject().put("address", address));
    }

    private Future<Void> admit(
            Blocking blocking, RateLimiter.Decision d, Limit limit, String username, String role, String address) {
        if (d.allowed()) {
            return Future.succeededFuture();
        }
        RateLimitedException refused = new RateLimitedException(limit.name(), d.retryAfterSeconds());
        if (!d.firstRefusal()) {
            // the run of refusals is audited once, at its start: a flood must not flood the audit chain
            return Future.failedFuture(refused);
        }
        LOG.info("rate limit reached [limit: {}, user: {}, address: {}]", limit.name(), username, address);
        return blocking.run(() -> {
                    audit.record(
                            username,
                            role,
                            "rate-limit.hit",
                            limit.name(),
                            null,
                            new JsonObject().put("address", address).put("retryAfterS", d.retryAfterSeconds()));
                    return null;
                })
                .transform(ignored -> Future.failedFuture(refused));
    }
}
