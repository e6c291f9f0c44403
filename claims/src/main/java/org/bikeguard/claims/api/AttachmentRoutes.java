package org.bikeguard.claims.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.claims.claim.Attachments;
import org.bikeguard.common.web.Params;

/**
 * A claim's attachments (accident photos, papers, the owner's signed rights-transfer paper):
 * upload and download. Owners reach only their own claims' (others' answer 404). Thread-safe.
 */
final class AttachmentRoutes {

    private final ClaimsServices s;

    AttachmentRoutes(ClaimsServices services) {
        this.s = services;
    }

    void mount(Router r) {
        r.post("/api/v1/claims/:id/attachments").handler(this::attach);
        r.get("/api/v1/claims/:id/attachments/:aid").handler(this::attachment);
    }

    private void attach(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        String name = ctx.queryParams().get("name");
        // the uploader's Content-Type is not kept: the server sniffs the bytes (Attachments)
        byte[] bytes =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Http.reply(
                ctx,
                s.dbWork().run(() -> {
                    ClaimRoutes.readable(caller, s.queries().claim(id));
                    long aid = s.liability().attach(id, name == null ? "attachment" : name, bytes, caller.username());
                    return new JsonObject().put("id", aid).put("contentType", Attachments.sniff(bytes));
                }),
                201);
    }

    /**
     * Serves an attachment as a download: the type the server sniffed (JPEG, PNG, PDF, else
     * application/octet-stream), {@code Content-Disposition: attachment}, {@code nosniff}, and a
     * policy that would keep even a rendered file from running anything.
     */
    private void attachment(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require("owner", "adjuster", "admin");
        long id = Params.pathId(ctx, "id", "claim");
        long aid = Params.pathId(ctx, "aid", "attachment");
        s.dbWork()
                .run(() -> {
                    ClaimRoutes.readable(caller, s.queries().claim(id));
                    return s.liability().attachment(id, aid);
                })
                .onSuccess(a -> ctx.response()
                        .putHeader("Content-Type", a.contentType())
                        .putHeader("Content-Disposition", Attachments.disposition(a.fileName()))
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                        .end(io.vertx.core.buffer.Buffer.buffer(a.content())))
                .onFailure(ctx::fail);
    }
}
