package org.bikeguard.tracker.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verticles of other modules (claims) deployed by class name when they are on the classpath, so
 * the tracker has no compile-time dependency on them. Their routes reach the tracker's HTTP port
 * through {@link org.bikeguard.tracker.http.PublishedRouters}.
 */
public final class ExtraVerticles {

    private static final Logger LOG = LoggerFactory.getLogger(ExtraVerticles.class);

    private ExtraVerticles() {
    }

    /** The names whose classes are present. */
    public static List<String> available(List<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, ExtraVerticles.class.getClassLoader());
                found.add(name);
            } catch (ClassNotFoundException e) {
                LOG.info("not on the classpath, not deployed [verticle: {}]", name);
            }
        }
        return found;
    }

    /** Deploys each verticle by name (one instance each). */
    public static Future<Void> deploy(Vertx vertx, List<String> names) {
        List<Future<String>> all = new ArrayList<>();
        for (String name : names) {
            all.add(vertx.deployVerticle(name).onSuccess(id -> LOG.info("deployed [verticle: {}]", name)));
        }
        return Future.all(all).mapEmpty();
    }
}
