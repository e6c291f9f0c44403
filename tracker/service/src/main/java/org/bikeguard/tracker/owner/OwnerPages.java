package org.bikeguard.tracker.owner;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The owner pages: static files under {@code /owner/} (classpath {@code webroot/owner}), public
 * (they hold no data; every call they make carries the owner's token). Plain HTML, CSS and
 * JavaScript, no framework, under the tracker's Content-Security-Policy. Thread-safe.
 */
public final class OwnerPages {

    /** Classpath folder of the pages. */
    static final String WEBROOT = "webroot/owner";

    private OwnerPages() {}

    /** Mounts the pages; {@code /owner} redirects to {@code /owner/}. */
    public static void mount(Router r) {
        r.get("/owner").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next(); // vertx-web matches "/owner" for "/owner/" too
            } else {
                ctx.redirect("/owner/");
            }
        });
        r.get("/owner/*")
                .handler(StaticHandler.create(WEBROOT)
                        .setCachingEnabled(false)
                        .setIndexPage("index.html")
                        .setDefaultContentEncoding("UTF-8"));
    }
}
