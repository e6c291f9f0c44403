package org.bikeguard.claims.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.report.LetterService;
import org.bikeguard.common.web.Params;

/**
 * The owner's letters as PDF beside the settlement notice, rendered on the bounded
 * {@code bikeguard-claims-render} executor: {@code GET /api/v1/claims/{id}/documents/acknowledgement.pdf}
 * (any claim) and {@code .../denial.pdf} (a denied claim; 409 otherwise). The claim's owner or
 * staff; another owner's claim answers 404. Thread-safe.
 */
final class LetterRoutes {

    private final ClaimsServices s;
    private final LetterService letters;

    LetterRoutes(ClaimsServices services) {
        this.s = services;
        this.letters = new LetterService(services.db(), services.queries(), services.clock());
    }

    void mount(Router r) {
        r.get("/api/v1/claims/:id/documents/acknowledgement.pdf").handler(ctx -> letter(ctx, true));
        r.get("/api/v1/claims/:id/documents/denial.pdf").handler(ctx -> letter(ctx, false));
    }

    private void letter(RoutingContext ctx, boolean acknowledgement) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        Future<byte[]> pdf = s.dbWork()
                .run(() -> ClaimRoutes.readable(caller, s.queries().claim(id)))
                .compose(cl ->
                        s.renderWork().run(() -> acknowledgement ? letters.acknowledgement(id) : letters.denial(id)));
        String name = (acknowledgement ? "acknowledgement-" : "denial-") + id + ".pdf";
        pdf.onSuccess(bytes -> ctx.response()
                        .putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition", "inline; filename=\"" + name + "\"")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }
}
