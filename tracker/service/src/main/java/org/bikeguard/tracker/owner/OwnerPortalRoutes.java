package org.bikeguard.tracker.owner;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.certificate.CertificateRoutes;
import org.bikeguard.tracker.certificate.QrCodes;
import org.bikeguard.tracker.payment.PaymentGateway;
import org.bikeguard.tracker.registry.Appointments;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.Caller;
import org.bikeguard.tracker.registry.LookupLimits;
import org.bikeguard.tracker.registry.Owner;
import org.bikeguard.tracker.registry.OwnerWork;
import org.bikeguard.tracker.registry.Owners;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.registry.Sql;
import org.bikeguard.tracker.registry.Values;

/**
 * The owner portal's API beside {@code /api/v1/me} (after the bearer-token authentication):
 * <ul>
 * <li>{@code GET /api/v1/me/bikes/{id}/certificate} → {@code {"code","url","plate","status"}} and
 * {@code GET /api/v1/me/bikes/{id}/certificate.svg}: the electronic certificate and its QR code
 * (the public page's URL, {@code /c/{code}}, its QR code by {@link org.bikeguard.tracker.certificate.QrCodes})</li>
 * <li>{@code POST /api/v1/me/bikes/{id}/transfer-offers {"toPhone"}} → 201 offer (the seller);
 * {@code GET /api/v1/me/transfer-offers} → {@code {"outgoing","incoming"}};
 * {@code POST /api/v1/me/transfer-offers/{id}/accept {"idNumber"}} (the buyer, their own ID
 * number) and {@code .../cancel} (either side). Naming a buyer and checking an ID number are
 * look-ups of personal data: rate-limited and audited as the one-step transfer
 * ({@link LookupLimits}, {@code transfer-lookup.*})</li>
 * <li>{@code POST /api/v1/me/payments {"bikeId","product","amountFen","policyId"?}} → 201 order, and
 * {@code GET /api/v1/me/payments}: payment orders for cover through the {@link PaymentGateway}</li>
 * <li>{@code GET /api/v1/installation-points/{id}/capacity?day=} (any role) →
 * {@code {"point","day","dailyCapacity","booked","left"}}</li>
 * </ul>
 * JDBC on the API workers. Thread-safe.
 */
public final class OwnerPortalRoutes {

    private final Blocking blocking;
    private final DataSource ds;
    private final Owners owners;
    private final Bikes bikes;
    private final Appointments appointments;
    private final TransferOffers offers;
    private final PaymentOrders payments;
    private final LookupLimits limits;
    private final Optional<String> publicUrl;
    private final Clock clock;

    public OwnerPortalRoutes(
            Blocking blocking,
            DataSource ds,
            Owners owners,
            Bikes bikes,
            Appointments appointments,
            TransferOffers offers,
            PaymentOrders payments,
            LookupLimits limits,
            Optional<String> publicUrl,
            Clock clock) {
        this.blocking = blocking;
        this.ds = ds;
        this.owners = owners;
        this.bikes = bikes;
        this.appointments = appointments;
        this.offers = offers;
        this.payments = payments;
        this.limits = limits;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Mounts the routes (after the bearer-token authentication and the {@code /api/v1/me/*} owner check). */
    public void mount(Router r) {
        var owner = BearerAuth.requireRole(Role.OWNER);
        r.get("/api/v1/me/bikes/:id/certificate").handler(owner).handler(this::certificate);
        r.get("/api/v1/me/bikes/:id/certificate.svg").handler(owner).handler(this::certificateSvg);
        r.post("/api/v1/me/bikes/:id/transfer-offers").handler(owner).handler(this::offer);
        r.get("/api/v1/me/transfer-offers").handler(owner).handler(ctx -> json(ctx, 200, me -> offers.of(me)));
        r.post("/api/v1/me/transfer-offers/:id/accept").handler(owner).handler(this::accept);
        r.post("/api/v1/me/transfer-offers/:id/cancel").handler(owner).handler(this::cancel);
        r.post("/api/v1/me/payments").handler(owner).handler(this::pay);
        r.get("/api/v1/me/payments").handler(owner).handler(ctx -> json(ctx, 200, payments::byOwner));
        r.get("/api/v1/installation-points/:id/capacity").handler(this::capacity);
    }

    private void json(RoutingContext ctx, int status, OwnerWork.ForOwner work) {
        OwnerWork.answer(ctx, blocking, owners, status, work);
    }

    /** The caller's bike (404 for any other). Blocking. */
    private Bike mine(long me, long bikeId) {
        Bike b = bikes.byId(bikeId).orElseThrow(() -> RegistryException.notFound("bike", bikeId));
        if (b.ownerId() != me) {
            throw RegistryException.notFound("bike", bikeId);
        }
        return b;
    }

    private void certificate(RoutingContext ctx) {
        long bikeId = Params.pathId(ctx, "id", "bike");
        String base = CertificateRoutes.publicBase(ctx, publicUrl);
        json(ctx, 200, me -> {
            Bike b = mine(me, bikeId);
            return new JsonObject()
                    .put("code", b.certificateCode())
                    .put("url", CertificateRoutes.publicAddress(base, b.certificateCode()))
                    .put("plate", b.plate())
                    .put("status", b.status());
        });
    }

    private void certificateSvg(RoutingContext ctx) {
        long bikeId = Params.pathId(ctx, "id", "bike");
        String base = CertificateRoutes.publicBase(ctx, publicUrl);
        Caller c = Caller.of(ctx);
        blocking.run(() -> QrCodes.svg(CertificateRoutes.publicAddress(
                        base, mine(c.ownerScope(owners), bikeId).certificateCode())))
                .onSuccess(svg -> Responses.send(ctx, 200, "image/svg+xml", svg))
                .onFailure(ctx::fail);
    }

    private void offer(RoutingContext ctx) {
        long bikeId = Params.pathId(ctx, "id", "bike");
        String toPhone = Values.phone(Bodies.string(Bodies.jsonObject(ctx), "toPhone"));
        String actor = BearerAuth.username(ctx);
        String address = limits.address(ctx);
        limits.admitTransferLookup(blocking, actor, address)
                .onSuccess(v -> json(ctx, 201, me -> {
                    limits.recordTransferLookup(actor, bikeId, address);
                    Bike b = mine(me, bikeId);
                    Owner to = owners.byPhone(toPhone).stream()
                            .findFirst()
                            .orElseThrow(() -> new RegistryException(
                                    RegistryException.Kind.INVALID,
                                    "no registered owner with this phone",
                                    Map.of("field", "toPhone")));
                    return offers.offer(b, to.id());
                }))
                .onFailure(ctx::fail);
    }

    private void accept(RoutingContext ctx) {
        long offerId = Params.pathId(ctx, "id", "transfer");
        String idNumber = Bodies.string(Bodies.jsonObject(ctx), "idNumber");
        String actor = BearerAuth.username(ctx);
        String address = limits.address(ctx);
        limits.admitTransferLookup(blocking, actor, address)
                .onSuccess(v -> json(ctx, 200, me -> {
                    JsonObject o = offers.pendingTo(me, offerId);
                    limits.recordTransferLookup(actor, o.getLong("bikeId"), address);
                    boolean own = owners.byIdNumber(idNumber, Values.today(clock))
                            .map(x -> x.id() == me)
                            .orElse(false);
                    if (!own) {
                        throw new RegistryException(
                                RegistryException.Kind.INVALID,
                                "the ID number is not yours",
                                Map.of("field", "idNumber"));
                    }
                    return offers.accept(me, offerId, actor);
                }))
                .onFailure(ctx::fail);
    }

    private void cancel(RoutingContext ctx) {
        long offerId = Params.pathId(ctx, "id", "transfer");
        json(ctx, 200, me -> offers.withdraw(me, offerId));
    }

    private void pay(RoutingContext ctx) {
        JsonObject b = Bodies.jsonObject(ctx);
        long bikeId = RegistryJson.longField(b, "bikeId");
        String product = Bodies.string(b, "product");
        long amount = RegistryJson.longField(b, "amountFen");
        Long policyId = b.getValue("policyId") == null ? null : RegistryJson.longField(b, "policyId");
        json(ctx, 201, me -> {
            mine(me, bikeId);
            return payments.create(me, bikeId, product, amount, policyId);
        });
    }

    private void capacity(RoutingContext ctx) {
        String point = ctx.pathParam("id");
        String day = ctx.queryParams().get("day");
        if (day == null) {
            throw BadInputException.malformed(
                    "query parameter day is required (yyyy-MM-dd, Asia/Shanghai)",
                    new JsonObject().put("field", "day"));
        }
        LocalDate date = RegistryJson.dateField(new JsonObject().put("day", day), "day");
        blocking.run(() -> {
                    Appointments.Point p = appointments
                            .point(point)
                            .orElseThrow(() -> RegistryException.notFound("installation point", point));
                    long booked = Sql.read(ds, c -> {
                        try (var st = Sql.prepare(
                                        c,
                                        "SELECT count(*) FROM appointments WHERE point = ? AND day = ? AND status = 'booked'",
                                        point,
                                        date);
                                var rs = st.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    });
                    return new JsonObject()
                            .put("point", point)
                            .put("day", date.toString())
                            .put("dailyCapacity", p.dailyCapacity())
                            .put("booked", booked)
                            .put("left", Math.max(0, p.dailyCapacity() - booked));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }
}
