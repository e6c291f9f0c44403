package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Responses;

/**
 * The registry's public routes (no token; mount before the bearer-token handler), which never
 * answer anything personal:
 * {@code GET /api/v1/public/stolen-check?plate=|frameNo=} gives {@code {"stolen":true|false}}
 * (true while a theft case is open on a registered bike with that plate or frame number), and
 * {@code GET /api/v1/public/certificates/{code}} gives the plate and status of the bike a QR
 * certificate belongs to. The stolen-check is rate-limited per client address and audited
 * ({@link LookupLimits}): 429 {@code rate_limited} with {@code Retry-After} beyond the allowance.
 * Thread-safe.
 */
public final class PublicRegistryRoutes {

    private final Blocking blocking;
    private final Bikes bikes;
    private final LookupLimits limits;

    /**
     * @param blocking the workers for the registry's JDBC and the audit rows
     * @param limits   the stolen-check's rate limit and audit
     */
    public PublicRegistryRoutes(Blocking blocking, Bikes bikes, LookupLimits limits) {
        this.blocking = blocking;
        this.bikes = bikes;
        this.limits = limits;
    }

    /** Mounts the routes (before the bearer-token authentication). */
    public void mount(Router r) {
        r.get("/api/v1/public/stolen-check").handler(this::stolenCheck);
        r.get("/api/v1/public/certificates/:code").handler(this::certificate);
    }

    private void stolenCheck(RoutingContext ctx) {
        String plate = blankToNull(ctx.queryParams().get("plate"));
        String frameNo = blankToNull(ctx.queryParams().get("frameNo"));
        if ((plate == null) == (frameNo == null)) {
            throw BadInputException.malformed("give exactly one of the query parameters plate and frameNo");
        }
        String address = limits.address(ctx);
        limits.admitStolenCheck(blocking, address)
                .compose(v -> blocking.run(() -> {
                    limits.recordStolenCheck(address, plate != null ? "plate" : "frameNo");
                    return bikes.stolen(plate, frameNo);
                }))
                .onSuccess(stolen -> Responses.json(ctx, 200, new JsonObject().put("stolen", stolen)))
                .onFailure(ctx::fail);
    }

    private void certificate(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        blocking.run(() -> {
                    Bike b = bikes.byCertificate(code)
                            .orElseThrow(() -> RegistryException.notFound("certificate", code));
                    return new JsonObject().put("plate", b.plate()).put("status", b.status());
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
