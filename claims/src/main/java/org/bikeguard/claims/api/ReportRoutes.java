package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.common.web.Params;

/**
 * PDF documents, rendered on the bounded {@code bikeguard-claims-render} executor:
 * {@code GET /api/v1/claims/{id}/documents/settlement.pdf} and {@code .../rights-transfer.pdf}
 * (the claim's owner or staff), {@code GET /api/v1/reports/bordereau.pdf?month=2026-10} and
 * {@code GET /api/v1/reports/loss-ratio.pdf?from=2026-01&to=2026-12} (adjusters, admins).
 * Thread-safe.
 */
final class ReportRoutes {

    private final ClaimsServices s;

    ReportRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.get("/api/v1/claims/:id/documents/settlement.pdf").handler(ctx -> claimDoc(ctx, true));
        r.get("/api/v1/claims/:id/documents/rights-transfer.pdf").handler(ctx -> claimDoc(ctx, false));
        r.get("/api/v1/reports/bordereau.pdf").handler(this::bordereau);
        r.get("/api/v1/reports/loss-ratio.pdf").handler(this::lossRatio);
    }

    private void claimDoc(RoutingContext ctx, boolean settlement) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        Future<byte[]> pdf = s.dbWork()
                .run(() -> ClaimRoutes.readable(caller, s.queries().claim(id)))
                .compose(cl -> s.renderWork()
                        .run(() -> settlement
                                ? s.reports().settlementNotice(id)
                                : s.reports().rightsTransferLetter(id)));
        send(ctx, pdf, (settlement ? "settlement-" : "rights-transfer-") + id + ".pdf");
    }

    private void bordereau(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        YearMonth month = month(ctx.queryParams().get("month"), YearMonth.from(ShanghaiTime.today(s.clock())));
        send(ctx, s.renderWork().run(() -> s.reports().bordereau(month)), "bordereau-" + month + ".pdf");
    }

    private void lossRatio(RoutingContext ctx) {
        Caller.of(ctx).require("adjuster", "admin");
        YearMonth now = YearMonth.from(ShanghaiTime.today(s.clock()));
        YearMonth to = month(ctx.queryParams().get("to"), now);
        YearMonth from = month(ctx.queryParams().get("from"), to.minusMonths(11));
        send(ctx, s.renderWork().run(() -> s.reports().lossRatio(from, to)), "loss-ratio-" + from + "-" + to + ".pdf");
    }

    private static YearMonth month(String v, YearMonth dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            throw ClaimsException.invalid("months are written like 2026-10");
        }
    }

    private static void send(RoutingContext ctx, Future<byte[]> pdf, String fileName) {
        pdf.onSuccess(bytes -> ctx.response()
                        .putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition", "inline; filename=\"" + fileName + "\"")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }
}
