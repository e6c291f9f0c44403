package org.bikeguard.tracker.traffic;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The traffic police console (static pages under {@code /traffic/}, classpath
 * {@code webroot/traffic}) and the property desk ({@code /property/}, classpath
 * {@code webroot/property}). Public files; the data comes from the authenticated API. Thread-safe.
 */
public final class ConsoleRoutes {

    /** Mounts both consoles (before or after authentication: they are static files). */
    public void mount(Router r) {
        page(r, "traffic");
        page(r, "property");
    }

    private static void page(Router r, String name) {
        r.get("/" + name).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.redirect("/" + name + "/");
            }
        });
        r.get("/" + name + "/*")
                .handler(StaticHandler.create("webroot/" + name)
                        .setCachingEnabled(false)
                        .setIndexPage("index.html")
                        .setDefaultContentEncoding("UTF-8"));
    }
}
