package org.bikeguard.claims.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.bikeguard.claims.ClaimsServices;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.Routers;

/**
 * Builds the claims module's vertx-web router: the API under {@code /api/v1/} (products,
 * policies, claims, calendar, reports) and the static adjuster console and owner view under
 * {@code /claims/}. It expects {@code ctx.user().principal()} = {@code {"username","role"}} from
 * the host's bearer-token authentication and answers 401 without it. Failures on the API paths are
 * answered by the shared {@link ApiErrors} (as {@value Responses#JSON_UTF8}), also the host's
 * authentication failures on those paths. Routes only the paths it owns, so it can be mounted at
 * {@code /*} beside the tracker's routes.
 */
public final class ClaimsRouter {

    /** Largest request body: attachments (photos) up to 5 MiB plus slack. */
    static final long BODY_LIMIT = 6L * 1024 * 1024;

    private static final String API = "/api/v1/(claims|policies|products|calendar|reports)(/.*)?";

    private ClaimsRouter() {}

    /** A router over {@code services}. */
    public static Router create(Vertx vertx, ClaimsServices services) {
        Router r = Router.router(vertx);
        r.routeWithRegex(API).handler(Routers.bodyHandler(BODY_LIMIT));
        r.routeWithRegex(API).handler(ClaimsRouter::noStore);
        new PolicyRoutes(services).mount(r);
        new WorkRoutes(services).mount(r);
        new FollowUpRoutes(services).mount(r);
        new ReceivableRoutes(services).mount(r);
        new ClaimRoutes(services).mount(r);
        new LiabilityRoutes(services).mount(r);
        new AttachmentRoutes(services).mount(r);
        new CalendarRoutes(services).mount(r);
        new ReportRoutes(services).mount(r);
        new LetterRoutes(services).mount(r);
        r.routeWithRegex(API).failureHandler(ApiErrors.handler(Responses.JSON_UTF8));
        r.get("/claims").handler(ctx -> {
            if ("/claims".equals(ctx.request().path())) {
                ctx.redirect("/claims/");
            } else {
                ctx.next();
            }
        });
        r.route("/claims/*")
                .handler(StaticHandler.create("claims-web")
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        return r;
    }

    private static void noStore(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
        ctx.next();
    }
}
