package org.bikeguard.tracker.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bikeguard.tracker.api.ApiContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verticles of other modules (claims) deployed by class name when they are on the classpath, so
 * the tracker has no compile-time dependency on them, and the routes they publish mounted on the
 * tracker's HTTP port. A module publishes routes by putting, before the HTTP verticle starts, a
 * value that is both {@link Shareable} and {@code Supplier<Router>} into the local map
 * {@value #ROUTERS_MAP}.
 */
public final class ExtraVerticles {

    /** Local map where co-deployed modules publish their routers. */
    public static final String ROUTERS_MAP = "bikeguard.http.routers";
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

    /** Adds a route contributor that mounts every published router. */
    public static ApiContext mountRoutes(Vertx vertx, ApiContext api) {
        return api.withRoutes(router -> {
            LocalMap<String, Shareable> published = vertx.sharedData().getLocalMap(ROUTERS_MAP);
            for (String key : published.keySet()) {
                if (published.get(key) instanceof Supplier<?> supplier && supplier.get() instanceof Router sub) {
                    router.route("/*").subRouter(sub);
                    LOG.info("mounted routes [module: {}]", key);
                }
            }
        });
    }
}
