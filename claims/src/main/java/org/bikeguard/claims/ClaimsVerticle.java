package org.bikeguard.claims;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.bikeguard.claims.api.ClaimsRouter;
import org.bikeguard.claims.tracker.HttpTrackerGateway;
import org.bikeguard.claims.tracker.TrackerGateway;
import org.bikeguard.common.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims module as one verticle. On start it builds its {@link ClaimsConfig}, connects to
 * PostgreSQL ({@code BIKEGUARD_DB_URL}, {@code _DB_USER}, {@code _DB_PASSWORD}), migrates its own
 * {@code claims} schema, seeds the products, and publishes its router in local map
 * {@value #ROUTERS_MAP} under {@value #ROUTER_KEY} for the host HTTP server to mount with
 * {@code subRouter}. Never touches the tracker's tables or classes.
 *
 * <p>Configuration, when deployed by name (no-argument constructor): the deployment's
 * {@code DeploymentOptions} config (a JSON object with the same keys as the environment, values
 * strings or numbers) over the environment and the file it names in {@code BIKEGUARD_CONFIG}.
 * The tracker hands over its database ({@code BIKEGUARD_DB_URL}, {@code _DB_USER},
 * {@code _DB_PASSWORD}), {@code BIKEGUARD_TRACKER_URL}, {@code BIKEGUARD_THEFT_WAITING_DAYS} and,
 * when configured, {@code BIKEGUARD_ADMIN_PASSWORD} this way; no setting travels through a shared
 * map.
 *
 * <p>Time: the module decides by the clock a host shares in local map {@value #CLOCK_MAP} under
 * {@value #CLOCK_KEY} (a {@code Shareable} {@code Supplier<Clock>}: a Java object, not a setting,
 * so it cannot travel in the JSON config), else by the system clock.
 */
public class ClaimsVerticle extends VerticleBase {

    /** Local map where HTTP routers are published. */
    public static final String ROUTERS_MAP = "bikeguard.http.routers";
    /** Key of the claims router in {@link #ROUTERS_MAP}. */
    public static final String ROUTER_KEY = "claims";
    /** Local map where a host shares its clock; it holds nothing else. */
    public static final String CLOCK_MAP = "bikeguard.clock";
    /** Key in {@link #CLOCK_MAP} under which a host shares its clock as a {@code Supplier<Clock>}. */
    public static final String CLOCK_KEY = "clock";

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsVerticle.class);

    private final ClaimsConfig fixedConfig;
    private final TrackerGateway fixedTracker;
    private final Clock clock;
    private ClaimsServices services;
    private HttpTrackerGateway ownGateway;

    /**
     * For deployment by name: settings from the deployment config over the environment, HTTP
     * tracker gateway, and the host's shared clock (the system clock when there is none).
     */
    public ClaimsVerticle() {
        this(null, null, null);
    }

    /**
     * @param config  settings (the deployment config and the environment are then not read), or
     *                null for the deployment config over the environment
     * @param tracker tracker port, or null for the HTTP implementation
     * @param clock   clock deciding "today" (Asia/Shanghai dates: waiting periods, SLA deadlines,
     *                policy days, payout brackets), the evidence windows and record times; null
     *                for the host's shared clock, or the system clock when there is none
     */
    public ClaimsVerticle(ClaimsConfig config, TrackerGateway tracker, Clock clock) {
        this.fixedConfig = config;
        this.fixedTracker = tracker;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        ClaimsConfig config;
        try {
            config = fixedConfig != null ? fixedConfig : deploymentConfig();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        if (config.dbUrl() == null) {
            return Future.failedFuture(new IllegalStateException("claims needs a database: BIKEGUARD_DB_URL is in "
                    + "neither the deployment config nor the environment"));
        }
        Clock clock = this.clock != null ? this.clock : hostClock();
        TrackerGateway tracker = fixedTracker;
        if (tracker == null) {
            ownGateway = new HttpTrackerGateway(
                    vertx,
                    config.trackerUrl(),
                    config.trackerToken(),
                    config.adminPassword(),
                    config.tls().trackerCa());
            tracker = ownGateway;
        }
        TrackerGateway t = tracker;
        LOG.info("claims starting [config: {}, clock: {}]", config, clock);
        return vertx.executeBlocking(() -> ClaimsServices.start(vertx, config, t, clock))
                .map(s -> {
                    services = s;
                    Router router = ClaimsRouter.create(vertx, s);
                    LocalMap<String, Object> routers = vertx.sharedData().getLocalMap(ROUTERS_MAP);
                    routers.put(ROUTER_KEY, new RouterHandle(router));
                    LOG.info("claims router published [map: {}, key: {}]", ROUTERS_MAP, ROUTER_KEY);
                    return null;
                });
    }

    /** The deployment's JSON config over the environment (and its file). */
    private ClaimsConfig deploymentConfig() {
        JsonObject deployed = config();
        return ClaimsConfig.from(
                Settings.fromEnvironment().overriddenBy(deployed == null ? Map.of() : deployed.getMap()));
    }

    /** The clock the host shared, or the system clock (UTC). */
    private Clock hostClock() {
        Object shared = vertx.sharedData().getLocalMap(CLOCK_MAP).get(CLOCK_KEY);
        return shared instanceof Supplier<?> host && host.get() instanceof Clock c ? c : Clock.systemUTC();
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
