package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Responses;

/**
 * The registry's public routes (no token; mount before the bearer-token handler), which never
 * answer anything personal:
 * {@code GET /api/v1/public/stolen-check?plate=|frameNo=} gives {@code {"stolen":true|false}}
 * (true while a theft case is open on a registered bike with that plate or frame number), and
 * {@code GET /api/v1/public/certificates/{code}} gives what the public page of a QR certificate
 * shows: the code, plate, status ({@code registered}, {@code stolen}, {@code deregistered}),
 * brand, colour, the Asia/Shanghai day of registration and the owner's name masked to its first
 * character ({@link #maskName}). A browser asking for that address ({@code Accept} naming
 * {@code text/html}) is sent on to the page, {@code 303 /c/{code}}; API clients keep their JSON.
 * The stolen-check is rate-limited per client address and audited
 * ({@link LookupLimits}): 429 {@code rate_limited} with {@code Retry-After} beyond the allowance.
 * Thread-safe.
 */
public final class PublicRegistryRoutes {

    private final Blocking blocking;
    private final Bikes bikes;
    private final Owners owners;
    private final LookupLimits limits;

    /**
     * @param blocking the workers for the registry's JDBC and the audit rows
     * @param limits   the stolen-check's rate limit and audit
     */
    public PublicRegistryRoutes(Blocking blocking, Bikes bikes, Owners owners, LookupLimits limits) {
        this.blocking = blocking;
        this.bikes = bikes;
        this.owners = owners;
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
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            ctx.response()
                    .setStatusCode(303)
                    .putHeader("Location", "/c/" + URLEncoder.encode(code, StandardCharsets.UTF_8))
                    .end();
            return;
        }
        blocking.run(() -> {
                    Bike b = bikes.byCertificate(code)
                            .orElseThrow(() -> RegistryException.notFound("certificate", code));
                    String owner = owners.byId(b.ownerId())
                            .map(o -> maskName(o.name()))
                            .orElse("");
                    return new JsonObject()
                            .put("code", b.certificateCode())
                            .put("plate", b.plate())
                            .put("status", b.status())
                            .put("brand", b.brand())
                            .put("colour", b.colour())
                            .put(
                                    "registeredOn",
                                    b.registeredAt()
                                            .atZone(Values.SHANGHAI)
                                            .toLocalDate()
                                            .toString())
                            .put("owner", owner);
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    /**
     * A name masked for the public: its first character (code point) and one {@code *} for each
     * further one, at most four ({@code 张三} → {@code 张*}, {@code 欧阳娜娜} → {@code 欧***}).
     */
    public static String maskName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "";
        }
        int first = n.offsetByCodePoints(0, 1);
        int rest = n.codePointCount(first, n.length());
        return n.substring(0, first) + "*".repeat(Math.max(1, Math.min(4, rest)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
