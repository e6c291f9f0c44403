package org.bikeguard.tracker.police;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * The police console: static pages under {@code /police/} (classpath {@code webroot/police}),
 * Leaflet from its webjar under {@code /police/vendor/leaflet/}, and the map's offline data:
 * <ul>
 * <li>{@code GET /api/v1/map/base} (any signed-in role): the city's base layer, the file
 * {@code BIKEGUARD_DATA_DIR/basemap.geojson} when present (roads and districts as a GeoJSON
 * FeatureCollection), else an empty FeatureCollection</li>
 * <li>{@code GET /api/v1/map/config} (any signed-in role): {@code BIKEGUARD_DATA_DIR/console.json}
 * when present (e.g. {@code {"tileUrl":"https://.../{z}/{x}/{y}.png","tileAttribution":"..."}}),
 * else {@code {}}: a configurable tile layer for production</li>
 * </ul>
 * Files are read on a worker. Thread-safe.
 */
public final class ConsoleRoutes {

    /** Classpath folder of the console's pages. */
    static final String WEBROOT = "webroot/police";
    /** Classpath folder of Leaflet in its webjar. */
    static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist";

    private static final long MAX_FILE = 256L * 1024 * 1024;

    private final Vertx vertx;
    private final Path dataDir;

    /** @param dataDir the tracker's data directory ({@code BIKEGUARD_DATA_DIR}) */
    public ConsoleRoutes(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.dataDir = dataDir;
    }

    /** Mounts the pages (public) and the map data routes (behind the API's authentication). */
    public void mount(Router r) {
        r.get("/police").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next(); // vertx-web matches "/police" for "/police/" too
            } else {
                ctx.redirect("/police/");
            }
        });
        r.get("/police/vendor/leaflet/*")
                .handler(StaticHandler.create(LEAFLET).setCachingEnabled(true).setMaxAgeSeconds(86_400));
        r.get("/police/*")
                .handler(StaticHandler.create(WEBROOT)
                        .setCachingEnabled(false)
                        .setIndexPage("index.html")
                        .setDefaultContentEncoding("UTF-8"));
        var anyRole = BearerAuth.requireRole(Role.POLICE, Role.ADMIN, Role.OWNER, Role.INSTALLER, Role.ADJUSTER);
        r.get("/api/v1/map/base")
                .handler(anyRole)
                .handler(ctx -> file(
                        ctx,
                        "basemap.geojson",
                        "application/geo+json",
                        "{\"type\":\"FeatureCollection\",\"features\":[]}"));
        r.get("/api/v1/map/config")
                .handler(anyRole)
                .handler(ctx -> file(ctx, "console.json", "application/json", "{}"));
    }

    private void file(RoutingContext ctx, String name, String type, String fallback) {
        Path p = dataDir.resolve(name);
        vertx.<String>executeBlocking(
                        () -> {
                            if (!Files.isRegularFile(p)) {
                                return fallback;
                            }
                            if (Files.size(p) > MAX_FILE) {
                                throw new IllegalStateException(p + " is larger than " + MAX_FILE + " bytes");
                            }
                            String text = Files.readString(p);
                            if (name.endsWith(".json")) {
                                new JsonObject(text); // refuse to serve a broken config
                            }
                            return text;
                        },
                        false)
                .onSuccess(text -> Responses.send(ctx, 200, type, text))
                .onFailure(ctx::fail);
    }
}
