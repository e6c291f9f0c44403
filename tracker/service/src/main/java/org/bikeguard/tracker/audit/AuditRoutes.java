package org.bikeguard.tracker.audit;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.TokenChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's routes, mounted right after the API's bearer-token authentication:
 * <ul>
 * <li>for every {@code /api/v1/*} request carrying {@value Actor#ON_BEHALF_HEADER}: checks it and
 * leaves the {@link Actor} the audit rows of the request name (the user whose token the header
 * holds, {@code via} the caller). Only an {@code admin} token may send it (403 otherwise); an
 * invalid or expired token in it is 401;</li>
 * <li>{@code GET /api/v1/audit/verify} (admin): walks the hash chain ({@link AuditChain}) and
 * answers {@code {"ok":true,"rows","head":{"seq","hash"}}} or, for a broken chain,
 * {@code "ok":false} with {@code brokenId}, {@code brokenSeq} and {@code reason}. The check is
 * itself audited ({@code audit.verify}) and logged with the head, so the logs keep a record of
 * the chain's head over time.</li>
 * </ul>
 * Thread-safe.
 */
public final class AuditRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);

    private final Blocking blocking;
    private final AuditChain chain;
    private final AuditLog audit;
    private final TokenChecks tokens;

    /**
     * @param blocking the workers for the chain walk (seconds for millions of rows) and the audit row
     * @param tokens   checks the tokens of {@value Actor#ON_BEHALF_HEADER} (signature, expiry, revocation)
     */
    public AuditRoutes(Blocking blocking, DataSource ds, AuditLog audit, TokenChecks tokens) {
        this.blocking = blocking;
        this.chain = new AuditChain(ds);
        this.audit = audit;
        this.tokens = tokens;
    }

    /** Mounts the routes; call right after the {@code /api/v1/*} bearer-token handler. */
    public void mount(Router r) {
        r.route("/api/v1/*").handler(this::onBehalf);
        r.get("/api/v1/audit/verify")
                .handler(BearerAuth.requireRole(Role.ADMIN))
                .handler(this::verify);
    }

    private void onBehalf(RoutingContext ctx) {
        String token = ctx.request().getHeader(Actor.ON_BEHALF_HEADER);
        if (token == null) {
            ctx.next();
            return;
        }
        if (BearerAuth.role(ctx) != Role.ADMIN) {
            ctx.fail(new ForbiddenException(
                    Actor.ON_BEHALF_HEADER + " is accepted from the claims service (an admin token) only",
                    new JsonObject().put("header", Actor.ON_BEHALF_HEADER)));
            return;
        }
        tokens.authenticate(token.trim(), blocking)
                .onSuccess(c -> {
                    ctx.put(Actor.CONTEXT_KEY, new Actor(c.username(), c.role().wire(), BearerAuth.username(ctx)));
                    ctx.next();
                })
                .onFailure(e -> ctx.fail(
                        e instanceof UnauthenticatedException
                                ? new UnauthenticatedException(Actor.ON_BEHALF_HEADER + ": " + e.getMessage())
                                : e));
    }

    private void verify(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    AuditChain.Result res = chain.verify();
                    if (res.ok()) {
                        LOG.info(
                                "audit chain verified [rows: {}, headSeq: {}, headHash: {}]",
                                res.rows(),
                                res.headSeq(),
                                res.headHash());
                    } else {
                        LOG.warn(
                                "audit chain broken [brokenId: {}, brokenSeq: {}, reason: {}, lastGoodSeq: {}]",
                                res.brokenId(),
                                res.brokenSeq(),
                                res.reason(),
                                res.headSeq());
                    }
                    audit.record(actor, "audit.verify", "audit_log", null, res.toJson());
                    return res.toJson();
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }
}
