package org.bikeguard.tracker.http;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bikeguard.common.web.ClientAddress;
import org.bikeguard.tracker.alert.Alerts;
import org.bikeguard.tracker.alert.WatchList;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.audit.CaseRule;
import org.bikeguard.tracker.auth.AddressThrottle;
import org.bikeguard.tracker.auth.IssuedTokens;
import org.bikeguard.tracker.auth.LoginAttempts;
import org.bikeguard.tracker.auth.LoginPolicy;
import org.bikeguard.tracker.auth.Logins;
import org.bikeguard.tracker.auth.PasswordHasher;
import org.bikeguard.tracker.auth.TokenChecks;
import org.bikeguard.tracker.auth.TokenService;
import org.bikeguard.tracker.auth.Users;
import org.bikeguard.tracker.config.HttpExposure;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.found.FoundReports;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.LiveKeys;
import org.bikeguard.tracker.owner.LogSmsGateway;
import org.bikeguard.tracker.owner.PaymentOrders;
import org.bikeguard.tracker.owner.SmsChallenges;
import org.bikeguard.tracker.owner.SmsGateway;
import org.bikeguard.tracker.owner.TransferOffers;
import org.bikeguard.tracker.payment.CounterPaymentGateway;
import org.bikeguard.tracker.registry.Appointments;
import org.bikeguard.tracker.registry.BikeChangeListener;
import org.bikeguard.tracker.registry.BikeChanges;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.IdNumberVault;
import org.bikeguard.tracker.registry.LookupLimits;
import org.bikeguard.tracker.registry.Owners;
import org.bikeguard.tracker.registry.Requests;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.theft.CaseEvents;
import org.bikeguard.tracker.theft.CaseFollowsBike;
import org.bikeguard.tracker.theft.OpenTheftCases;
import org.bikeguard.tracker.theft.TheftCases;
import org.bikeguard.tracker.theft.WatchListCaseEvents;

/**
 * The services behind the tracker's HTTP API, each built once at start ({@link #start}, blocking:
 * it bootstraps the {@code admin} account) and shared by
 * every {@link HttpApiVerticle} instance, which hands each route class only the services it uses.
 * Immutable; the services are thread-safe.
 */
public final class ApiServices {

    final String bindHost;
    final int httpPort;
    final Path dataDir;
    /** The tracker's sighting gap (police last-seen areas). */
    final Duration sightingGap;
    /** Who may read {@code /metrics}; the idle timeout. */
    final HttpExposure exposure;

    final DataSource ds;
    final HazelcastInstance hz;
    final PrometheusMeterRegistry metrics;
    final HealthChecks health;
    final Clock clock;
    final List<Consumer<Router>> routeContributors;

    final StationRegistry stations;
    final SightingEngine engine;
    final Alerts alerts;
    final Users users;
    final TokenService tokens;
    final IssuedTokens issuedTokens;
    final TokenChecks tokenChecks;
    final LoginAttempts loginAttempts;
    final AddressThrottle addresses;
    final Logins logins;
    final Owners owners;
    final Bikes bikes;
    final BikeChanges changes;
    final Requests requests;
    final Appointments appointments;
    final TheftCases thefts;
    final CaseEvents caseEvents;
    final BikeChangeListener caseFollowsBike;
    final AuditLog audit;
    final CaseRule caseRule;
    final IdNumberVault vault;
    final LookupLimits lookupLimits;
    final FoundReports foundReports;
    final SmsChallenges smsChallenges;
    final SmsGateway sms;
    final TransferOffers transferOffers;
    final PaymentOrders paymentOrders;

    private ApiServices(
            TrackerConfig config,
            Database db,
            LiveKeys keys,
            HazelcastInstance hz,
            StationRegistry stations,
            SightingEngine engine,
            PrometheusMeterRegistry metrics,
            HealthChecks health,
            Clock clock,
            List<Consumer<Router>> routeContributors,
            Alerts alerts) {
        this.bindHost = config.bindHost();
        this.httpPort = config.httpPort();
        this.dataDir = config.dataDir();
        this.sightingGap = config.sightingGap();
        this.exposure = config.httpExposure();
        this.ds = db.dataSource();
        this.hz = Objects.requireNonNull(hz, "hz");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.routeContributors = List.copyOf(routeContributors);
        this.stations = Objects.requireNonNull(stations, "stations");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        PasswordHasher hasher = new PasswordHasher();
        this.users = new Users(ds, hasher);
        users.bootstrapAdmin(config.adminPassword());
        this.tokens = new TokenService(
                keys.ringOf(KeyPurpose.TOKEN_SIGNING),
                clock,
                config.httpExposure().tokenLifetime());
        this.vault = new IdNumberVault(
                keys.ringOf(KeyPurpose.ID_NUMBER_ENCRYPTION), keys.ringOf(KeyPurpose.ID_NUMBER_LOOKUP), clock);
        this.audit = new AuditLog(ds, clock);
        this.issuedTokens = new IssuedTokens(ds);
        this.tokenChecks = new TokenChecks(tokens, issuedTokens, hz);
        this.loginAttempts = new LoginAttempts(ds, LoginPolicy.DEFAULT);
        this.addresses = new AddressThrottle(LoginPolicy.DEFAULT);
        this.logins = new Logins(users, loginAttempts, tokens, issuedTokens, audit, clock);
        this.owners = new Owners(ds, () -> this.vault, hasher);
        this.bikes = new Bikes(ds, clock);
        this.changes = new BikeChanges(ds, clock);
        this.requests = new Requests(ds, clock);
        this.appointments = new Appointments(ds, clock);
        this.thefts = new TheftCases(ds, clock);
        this.caseEvents = new WatchListCaseEvents(alerts.watchList());
        this.caseFollowsBike = new CaseFollowsBike(thefts, caseEvents);
        this.caseRule = new CaseRule(new OpenTheftCases(thefts));
        this.lookupLimits = new LookupLimits(new ClientAddress(config.trustedProxies()), audit, clock);
        this.foundReports = new FoundReports(ds, clock);
        this.smsChallenges = new SmsChallenges(ds, clock);
        this.sms = new LogSmsGateway(config.dataDir(), clock); // OwnerGateways: "log" is the only SMS gateway
        this.transferOffers = new TransferOffers(ds, changes, clock);
        this.paymentOrders =
                new PaymentOrders(ds, new CounterPaymentGateway(), clock); // and "counter" the only payment one
    }

    /**
     * Builds the services on a migrated database. Blocking (JDBC, PBKDF2 for a new admin).
     *
     * @param config            HTTP port and bind host, data directory, sighting gap, admin password
     * @param keys              the key rings (token signing, ID-number encryption and look-up)
     * @param health            checks served at {@code /health}; the verticle adds {@code db} and
     *                          {@code hazelcast} when absent
     * @param clock             the tracker's clock (UTC): token issue and expiry, "today" of the
     *                          registry (Asia/Shanghai dates), theft case and audit times
     * @param routeContributors called once per verticle instance with the router, after the
     *                          standard routes and the bearer-token authentication of
     *                          {@code /api/v1/*} are installed and before the 404 fallback: other
     *                          modules mount their routes here to share the port. An authenticated
     *                          request carries a Vert.x {@code User} whose principal is
     *                          {@code {"username","role"}}. For verticles deployed by name that
     *                          publish a router in a local map, use {@link PublishedRouters#mountAll}.
     *                          They must be able to run several times (once per verticle instance).
     * @param alerts            the live-alarm subsystem (watch list, alarm hub, store)
     */
    public static ApiServices start(
            TrackerConfig config,
            Database db,
            LiveKeys keys,
            HazelcastInstance hz,
            StationRegistry stations,
            SightingEngine engine,
            PrometheusMeterRegistry metrics,
            HealthChecks health,
            Clock clock,
            List<Consumer<Router>> routeContributors,
            Alerts alerts) {
        return new ApiServices(
                config, db, keys, hz, stations, engine, metrics, health, clock, routeContributors, alerts);
    }

    /**
     * Like {@link #start(TrackerConfig, Database, LiveKeys, HazelcastInstance, StationRegistry,
     * SightingEngine, PrometheusMeterRegistry, HealthChecks, Clock, List, Alerts)}, with the
     * live-alarm subsystem started here on {@code db} and {@code hz} (for tests and tools that
     * build the API alone; close it with {@code alerts().close()}).
     */
    public static ApiServices start(
            TrackerConfig config,
            Database db,
            LiveKeys keys,
            HazelcastInstance hz,
            StationRegistry stations,
            SightingEngine engine,
            PrometheusMeterRegistry metrics,
            HealthChecks health,
            Clock clock,
            List<Consumer<Router>> routeContributors) {
        Alerts alerts = Alerts.start(hz, db.dataSource(), stations, metrics, clock, config.sightingGap());
        return start(config, db, keys, hz, stations, engine, metrics, health, clock, routeContributors, alerts);
    }

    /**
     * Checks bearer tokens as the API does (signature, expiry, revocation, user state): for other
     * servers of this process that accept the tracker's tokens.
     */
    public TokenChecks tokenChecks() {
        return tokenChecks;
    }

    /** The checks served at {@code /health}. */
    public HealthChecks health() {
        return health;
    }

    /** The ID-number vault (its key rings follow the key file). */
    public IdNumberVault vault() {
        return vault;
    }

    /** The live-alarm subsystem. */
    public Alerts alerts() {
        return alerts;
    }

    /** The cluster-wide watch list (tags whose sightings raise {@code stolen} alarms). */
    public WatchList watchList() {
        return alerts.watchList();
    }
}
