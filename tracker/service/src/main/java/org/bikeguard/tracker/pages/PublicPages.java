package org.bikeguard.tracker.pages;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The public pages, no login: {@code /public/} (classpath {@code webroot/public}) with the
 * second-hand check, and {@code /c/{code}}, the page a certificate's QR code opens (the file
 * {@code /public/certificate.html} served at that address; the page reads the code from it).
 * Thread-safe.
 */
public final class PublicPages {

    /** Classpath folder of the pages. */
    static final String WEBROOT = "webroot/public";

    /** Mounts the pages (they need no token). */
    public void mount(Router r) {
        r.get("/public").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next(); // vertx-web matches "/public" for "/public/" too
            } else {
                ctx.redirect("/public/");
            }
        });
        r.get("/c/:code").handler(ctx -> ctx.reroute("/public/certificate.html"));
        r.get("/public/*").handler(pages(WEBROOT));
    }

    /** Uncached UTF-8 static files with {@code index.html} as the folder's page. */
    static StaticHandler pages(String webroot) {
        return StaticHandler.create(webroot)
                .setCachingEnabled(false)
                .setIndexPage("index.html")
                .setDefaultContentEncoding("UTF-8");
    }
}
