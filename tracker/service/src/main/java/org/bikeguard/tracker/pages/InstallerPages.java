package org.bikeguard.tracker.pages;

import io.vertx.ext.web.Router;

/**
 * The installation point's counter pages under {@code /installer/} (classpath
 * {@code webroot/installer}): log in as installer, register owner, bike and tag, fit a
 * replacement tag, print the certificate, the day's appointments. The files are public; every
 * action is an API call with the installer's token. Thread-safe.
 */
public final class InstallerPages {

    /** Classpath folder of the pages. */
    static final String WEBROOT = "webroot/installer";

    /** Mounts the pages. */
    public void mount(Router r) {
        r.get("/installer").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.redirect("/installer/");
            }
        });
        r.get("/installer/*").handler(PublicPages.pages(WEBROOT));
    }
}
