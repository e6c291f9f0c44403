package org.bikeguard.tracker.certificate;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Params;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Appointments;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.Owner;
import org.bikeguard.tracker.registry.Owners;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.Values;

/**
 * {@code GET /api/v1/bikes/{id}/certificate.pdf} (installer, admin): the bike's registration
 * certificate to print at the counter ({@link CertificatePdf}), whose QR code carries
 * {@link #publicAddress} ({@code <public URL>/c/<code>}, the certificate's public page). Audited
 * {@code certificate.print} (it prints the owner's name). 404 for an unknown bike, 409 for a
 * deregistered one. Rendering runs on the {@code render} workers. Thread-safe.
 */
public final class CertificateRoutes {

    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Blocking blocking;
    private final Blocking render;
    private final Bikes bikes;
    private final Owners owners;
    private final Appointments points;
    private final AuditLog audit;
    private final Optional<String> publicUrl;
    private final Clock clock;

    /** The rows of one certificate and its code. */
    private record Sheet(String code, List<CertificatePdf.Row> rows) {}

    /** The renderer, compiled on first use (class initialisation: once per process, thread-safe). */
    private static final class Renderer {
        static final CertificatePdf PDF = new CertificatePdf();
    }

    /**
     * @param blocking  the workers for the registry's JDBC
     * @param render    the bounded workers for PDF rendering
     * @param publicUrl {@code BIKEGUARD_PUBLIC_URL}, or empty to use the request's own address
     * @param clock     the tracker's clock: the printed time (Asia/Shanghai)
     */
    public CertificateRoutes(
            Blocking blocking,
            Blocking render,
            Bikes bikes,
            Owners owners,
            Appointments points,
            AuditLog audit,
            Optional<String> publicUrl,
            Clock clock) {
        this.blocking = blocking;
        this.render = render;
        this.bikes = bikes;
        this.owners = owners;
        this.points = points;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Mounts the route (after the bearer-token authentication). */
    public void mount(Router r) {
        r.get("/api/v1/bikes/:id/certificate.pdf")
                .handler(BearerAuth.requireRole(Role.INSTALLER, Role.ADMIN))
                .handler(this::print);
    }

    /** The public address of certificate {@code code}: {@code base + "/c/" + code}. */
    public static String publicAddress(String base, String code) {
        return base + "/c/" + code;
    }

    /**
     * The address the public reaches this tracker at: {@code BIKEGUARD_PUBLIC_URL} when set, else
     * the scheme and {@code Host} of the request (right only when the caller uses the public address).
     */
    public static String publicBase(RoutingContext ctx, Optional<String> publicUrl) {
        return publicUrl.orElseGet(() -> {
            String host = ctx.request().authority() == null
                    ? "localhost"
                    : ctx.request().authority().toString();
            return ctx.request().scheme() + "://" + host;
        });
    }

    private void print(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "bike");
        Actor actor = Actor.of(ctx);
        String base = publicBase(ctx, publicUrl);
        String printer = BearerAuth.username(ctx);
        blocking.run(() -> {
                    Bike b = bikes.byId(id).orElseThrow(() -> RegistryException.notFound("bike", id));
                    if (!b.live()) {
                        throw RegistryException.conflict("the bike is deregistered", java.util.Map.of("bikeId", id));
                    }
                    Owner o = owners.byId(b.ownerId())
                            .orElseThrow(() -> RegistryException.notFound("owner", b.ownerId()));
                    String point = b.installationPoint() == null
                            ? ""
                            : points.point(b.installationPoint())
                                    .map(Appointments.Point::name)
                                    .orElse(b.installationPoint());
                    audit.record(
                            actor,
                            "certificate.print",
                            "bike:" + id,
                            null,
                            new JsonObject().put("code", b.certificateCode()));
                    return new Sheet(b.certificateCode(), rows(b, o, point));
                })
                .compose(sheet -> render.run(() -> Renderer.PDF.render(
                        "电动自行车防盗登记证书",
                        "E-bike anti-theft registration certificate · 扫码查验 Scan to verify",
                        sheet.rows(),
                        publicAddress(base, sheet.code()),
                        "打印 Printed "
                                + ZonedDateTime.now(clock.withZone(Values.SHANGHAI))
                                        .format(PRINTED) + " (Asia/Shanghai) · " + printer)))
                .onSuccess(bytes -> ctx.response()
                        .putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition", "inline; filename=\"certificate-" + id + ".pdf\"")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private static List<CertificatePdf.Row> rows(Bike b, Owner o, String point) {
        String brand = (b.brand() + " " + b.model()).strip();
        return List.of(
                new CertificatePdf.Row("证书编号 No.", b.certificateCode()),
                new CertificatePdf.Row("车牌号 Plate", b.plate()),
                new CertificatePdf.Row("车架号 Frame", b.frameNo()),
                new CertificatePdf.Row("电机号 Motor", b.motorNo()),
                new CertificatePdf.Row("品牌 Brand", brand),
                new CertificatePdf.Row("颜色 Colour", b.colour()),
                new CertificatePdf.Row("标签 Tag", b.tag() == null ? "" : TagIds.format(b.tag())),
                new CertificatePdf.Row("车主 Owner", o.name()),
                new CertificatePdf.Row(
                        "登记日期 Registered",
                        b.registeredAt().atZone(Values.SHANGHAI).toLocalDate().toString()),
                new CertificatePdf.Row("安装点 Fitted at", point));
    }
}
