package org.bikeguard.tracker.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the security headers on every answer, error answers and static files included, just
 * before the head is written:
 * <ul>
 * <li>{@code Content-Security-Policy} {@value #CSP}: scripts and styles only from the tracker's
 * own files (no inline script or style, no {@code eval}), pictures also from {@code https:} and
 * {@code http:} (the console's configurable map tiles) and {@code data:}/{@code blob:}, no
 * framing;</li>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer},
 * {@code X-Frame-Options: DENY} (for browsers without {@code frame-ancestors}),
 * {@code Cross-Origin-Opener-Policy: same-origin};</li>
 * <li>{@code Strict-Transport-Security} {@value #HSTS} only when the server speaks TLS (a browser
 * would otherwise refuse the plaintext server for a year);</li>
 * <li>{@code Cache-Control: no-store} on {@code /api/} answers that set none (they hold personal
 * data).</li>
 * </ul>
 * Stateless; thread-safe.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

    /** The content security policy of every answer. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob: https: http:; connect-src 'self'; font-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** HSTS under TLS: one year. */
    static final String HSTS = "max-age=31536000";

    private final boolean tls;

    /** @param tls whether the server speaks HTTPS (adds HSTS) */
    SecurityHeaders(boolean tls) {
        this.tls = tls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap h = ctx.response().headers();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Frame-Options", "DENY");
            h.set("Cross-Origin-Opener-Policy", "same-origin");
            if (tls) {
                h.set("Strict-Transport-Security", HSTS);
            }
            if (ctx.request().path().startsWith("/api/") && !h.contains("Cache-Control")) {
                h.set("Cache-Control", "no-store");
            }
        });
        ctx.next();
    }
}
