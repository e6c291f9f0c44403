package org.bikeguard.tracker.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route contributor that mounts routers other verticles published in a Vert.x local map, for
 * modules deployed by name that share the tracker's HTTP port without depending on its classes
 * (the claims module publishes a {@code Shareable} {@code Supplier<Router>} in
 * {@value #DEFAULT_MAP}). Each published router is mounted at {@code /*} with
 * {@code subRouter}, in key order, so it must route only the paths it owns; requests it does not
 * match continue to the tracker's routes and 404. Only routers published before an
 * {@link HttpApiVerticle} instance starts are mounted by that instance: deploy those verticles
 * first. Thread-safe.
 */
public final class PublishedRouters {

    /** The local map the claims module publishes its router in. */
    public static final String DEFAULT_MAP = "bikeguard.http.routers";

    private static final Logger LOG = LoggerFactory.getLogger(PublishedRouters.class);

    private PublishedRouters() {}

    /** A contributor mounting every router published in local map {@code mapName}. */
    public static Consumer<Router> mountAll(Vertx vertx, String mapName) {
        return parent -> {
            LocalMap<String, Object> map = vertx.sharedData().getLocalMap(mapName);
            List<String> mounted = new ArrayList<>();
            new TreeMap<>(map).forEach((name, value) -> {
                if (value instanceof Supplier<?> s && s.get() instanceof Router sub) {
                    parent.route("/*").subRouter(sub);
                    mounted.add(name);
                } else {
                    LOG.warn(
                            "ignoring a published value that is no Supplier<Router> [map: {}, key: {}]", mapName, name);
                }
            });
            LOG.info("published routers mounted [map: {}, routers: {}]", mapName, mounted);
        };
    }
}
