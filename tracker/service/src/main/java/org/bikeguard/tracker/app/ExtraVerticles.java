package org.bikeguard.tracker.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verticles of other modules (claims) deployed by class name when they are on the classpath, so
 * the tracker has no compile-time dependency on them. Each is deployed with the tracker's
 * {@link #config settings for co-deployed modules} as its {@link DeploymentOptions} config; their
 * routes reach the tracker's HTTP port through {@link org.bikeguard.tracker.http.PublishedRouters},
 * and the tracker's clock is shared in {@link TrackerApp#SHARED_CLOCK_MAP}.
 */
public final class ExtraVerticles {

    private static final Logger LOG = LoggerFactory.getLogger(ExtraVerticles.class);

    private ExtraVerticles() {}

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

    /**
     * What a co-deployed module gets as its deployment config, keyed like the environment: the
     * database the tracker uses ({@code BIKEGUARD_DB_URL}, {@code _DB_USER}, {@code _DB_PASSWORD}:
     * the embedded one or the configured one), {@code BIKEGUARD_TRACKER_URL} (its bind address, or
     * {@code 127.0.0.1} when it binds all interfaces; only when its configured HTTP port is not 0,
     * since the actual one is known only later; {@code https} with TLS, and then
     * {@code BIKEGUARD_TRACKER_CA}, the tracker's own certificate file, as what to trust),
     * {@code BIKEGUARD_THEFT_WAITING_DAYS} and, when
     * configured, {@code BIKEGUARD_ADMIN_PASSWORD}. Holds secrets: never log it.
     */
    public static JsonObject config(Database db, TrackerConfig config) {
        return config(db.url(), db.user(), db.password(), config);
    }

    /** {@link #config(Database, TrackerConfig)} with the database's coordinates given apart. */
    static JsonObject config(String dbUrl, String dbUser, String dbPassword, TrackerConfig config) {
        JsonObject c = new JsonObject()
                .put("BIKEGUARD_DB_URL", dbUrl)
                .put("BIKEGUARD_DB_USER", dbUser)
                .put("BIKEGUARD_DB_PASSWORD", dbPassword)
                .put("BIKEGUARD_THEFT_WAITING_DAYS", config.theftWaitingDays());
        if (config.httpPort() != 0) {
            // Co-deployed modules call the tracker's public API like any client.
            String bind = config.bindHost();
            String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
            boolean https = config.tls().enabled();
            c.put("BIKEGUARD_TRACKER_URL", (https ? "https://" : "http://") + host + ":" + config.httpPort());
            config.tls().cert().ifPresent(cert -> c.put("BIKEGUARD_TRACKER_CA", cert.toString()));
        }
        config.adminPassword().ifPresent(p -> c.put("BIKEGUARD_ADMIN_PASSWORD", p));
        return c;
    }

    /** Deploys each verticle by name (one instance each) with {@code config} as its deployment config. */
    public static Future<Void> deploy(Vertx vertx, List<String> names, JsonObject config) {
        List<Future<String>> all = new ArrayList<>();
        for (String name : names) {
            DeploymentOptions options = new DeploymentOptions().setConfig(config.copy());
            all.add(vertx.deployVerticle(name, options).onSuccess(id -> LOG.info("deployed [verticle: {}]", name)));
        }
        return Future.all(all).mapEmpty();
    }
}
