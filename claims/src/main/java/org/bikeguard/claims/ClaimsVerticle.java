package org.bikeguard.claims;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.bikeguard.claims.api.ClaimsRouter;
import org.bikeguard.claims.tracker.HttpTrackerGateway;
import org.bikeguard.claims.tracker.TrackerGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims module as one verticle. On start it connects to PostgreSQL (the JDBC URL the tracker
 * publishes in local map {@value #CONFIG_MAP} under {@code jdbcUrl}, user postgres and no
 * password; otherwise {@code BIKEGUARD_DB_URL}), migrates its own {@code claims} schema, seeds
 * the products, and publishes its router in local map {@value #ROUTERS_MAP} under
 * {@value #ROUTER_KEY} for the host HTTP server to mount with {@code subRouter}. The database
 * credentials come with the URL ({@code dbUser}, {@code dbPassword}; default postgres and no
 * password). A host may also publish {@code trackerUrl}, {@code trackerToken} (a service token)
 * and {@code theftWaitingDays} in {@value #CONFIG_MAP}; they take precedence over the
 * environment. When deployed by name, the module decides by the host's clock if the host publishes
 * one under {@value #CLOCK_KEY} (a {@code Shareable} {@code Supplier<Clock>}), else by the system
 * clock. Deployable by
 * name (no-argument constructor, settings from the environment). Never touches the tracker's
 * tables or classes.
 */
public class ClaimsVerticle extends VerticleBase {

    /** Local map where HTTP routers are published. */
    public static final String ROUTERS_MAP = "bikeguard.http.routers";
    /** Key of the claims router in {@link #ROUTERS_MAP}. */
    public static final String ROUTER_KEY = "claims";
    /** Local map where the tracker publishes settings (its embedded database's {@code jdbcUrl}). */
    public static final String CONFIG_MAP = "bikeguard.config";
    /** Key in {@link #CONFIG_MAP} under which a host publishes its clock as a {@code Supplier<Clock>}. */
    public static final String CLOCK_KEY = "clock";

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsVerticle.class);

    private final ClaimsConfig fixedConfig;
    private final TrackerGateway fixedTracker;
    private final Clock clock;
    private ClaimsServices services;
    private HttpTrackerGateway ownGateway;

    /**
     * For deployment by name: settings from the environment, HTTP tracker gateway, and the host's
     * published clock (the system clock when there is none).
     */
    public ClaimsVerticle() {
        this(null, null, null);
    }

    /**
     * @param config  settings, or null to read the environment
     * @param tracker tracker port, or null for the HTTP implementation
     * @param clock   clock deciding "today" (Asia/Shanghai dates: waiting periods, SLA deadlines,
     *                policy days, payout brackets), the evidence windows and record times; null
     *                for the host's published clock, or the system clock when there is none
     */
    public ClaimsVerticle(ClaimsConfig config, TrackerGateway tracker, Clock clock) {
        this.fixedConfig = config;
        this.fixedTracker = tracker;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        LocalMap<String, Object> shared = vertx.sharedData().getLocalMap(CONFIG_MAP);
        ClaimsConfig config;
        try {
            config = (fixedConfig != null ? fixedConfig : ClaimsConfig.fromEnvironment()).withPublished(Map.copyOf(shared));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Object published = shared.get("jdbcUrl");
        String url;
        String user;
        String password;
        if (published instanceof String s && !s.isBlank()) {
            // The host's database, with the credentials it published beside the URL.
            url = s;
            user = Objects.requireNonNullElse(string(shared.get("dbUser")), "postgres");
            password = shared.get("dbPassword") instanceof String p ? p : "";
        } else if (config.dbUrl() != null) {
            url = config.dbUrl();
            user = config.dbUser();
            password = config.dbPassword();
        } else {
            return Future.failedFuture(new IllegalStateException("claims needs a database: the tracker published no "
                    + "jdbcUrl in '" + CONFIG_MAP + "' and BIKEGUARD_DB_URL is unset"));
        }
        Clock clock = this.clock != null ? this.clock : hostClock(shared);
        TrackerGateway tracker = fixedTracker;
        if (tracker == null) {
            ownGateway = new HttpTrackerGateway(vertx, config.trackerUrl(), config.trackerToken(), config.adminPassword());
            tracker = ownGateway;
        }
        TrackerGateway t = tracker;
        LOG.info("claims starting [config: {}, database: {}, clock: {}]", config,
                published != null ? "tracker's" : "configured", clock);
        return vertx.executeBlocking(() -> ClaimsServices.start(vertx, config, url, user, password, t, clock))
                .map(s -> {
                    services = s;
                    Router router = ClaimsRouter.create(vertx, s);
                    LocalMap<String, Object> routers = vertx.sharedData().getLocalMap(ROUTERS_MAP);
                    routers.put(ROUTER_KEY, new RouterHandle(router));
                    LOG.info("claims router published [map: {}, key: {}]", ROUTERS_MAP, ROUTER_KEY);
                    return null;
                });
    }

    /** The clock the host published, or the system clock (UTC). */
    private static Clock hostClock(LocalMap<String, Object> shared) {
        return shared.get(CLOCK_KEY) instanceof Supplier<?> host && host.get() instanceof Clock c ? c : Clock.systemUTC();
    }

    private static String string(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }

    @Override
    public Future<?> stop() {
        vertx.sharedData().getLocalMap(ROUTERS_MAP).remove(ROUTER_KEY);
        if (ownGateway != null) {
            ownGateway.close();
        }
        if (services == null) {
            return Future.succeededFuture();
        }
        ClaimsServices s = services;
        return vertx.executeBlocking(() -> {
            s.close();
            return null;
        });
    }

    /** The services (for tests and the standalone app); null before start. */
    public ClaimsServices services() {
        return services;
    }

    /**
     * The published router: shareable through a local map (the router itself is used only by the
     * host's HTTP server, which mounts it once). Immutable.
     */
    public static final class RouterHandle implements Shareable, Supplier<Router> {

        private final Router router;

        RouterHandle(Router router) {
            this.router = router;
        }

        @Override
        public Router get() {
            return router;
        }
    }
}
