package org.bikeguard.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.db.Database;

/**
 * A whole tracker started in this JVM for a test or a benchmark, and the handle to drive it. The
 * one way tests stand up a tracker:
 *
 * <pre>{@code
 * try (TrackerKit tracker = TrackerKit.builder().env("BIKEGUARD_SIGHTING_GAP_S", "30").start()) {
 *     String installer = tracker.roleToken("installer");
 *     tracker.station("HY-0001", 112.57, 26.89);
 *     tracker.publish("HY-0001", 1, "[" + JsonFrames.read("E2000017", tracker.clock().millis(), false) + "]");
 *     Poll.until(Duration.ofSeconds(10), "the sighting", () -> tracker.get("/api/v1/tags/E2000017/sightings?"
 *             + window, tracker.adminToken()).json().getJsonArray("sightings").size() == 1);
 * }
 * }</pre>
 *
 * <p>By default the tracker runs on a fresh database of the JVM's embedded PostgreSQL
 * ({@link TestDatabase}), a lone Hazelcast member on an ephemeral loopback port, MQTT and HTTP on
 * ephemeral loopback ports, a fresh data directory, the database's key file ({@link TestKeys}:
 * trackers on one database share it), the admin password {@value #ADMIN_PASSWORD},
 * no demo city, and a clock ticking from the default scenario start ({@link ScenarioClock}). The
 * builder changes any of it. The handle gives the ports, the {@link TrackerApp}, HTTP clients and
 * tokens per role, stations and MQTT test stations, and owners and bikes made through the API.
 *
 * <p>Thread-safe; the blocking helpers must not run on an event loop.
 */
public final class TrackerKit implements AutoCloseable {

    /** The bootstrap admin's password unless the builder sets another. */
    public static final String ADMIN_PASSWORD = "admin-test-password";
    /** The secret of stations made by {@link #station(String, double, double)}. */
    public static final String STATION_SECRET = "kit-station-secret-0123";

    private final TrackerApp app;
    private final Clock clock;
    private final String adminPassword;
    private final Path dataDir;
    /** The test CA's certificates when the tracker runs TLS ({@link Builder#tls}), else null. */
    private final TestCerts certs;

    private final java.net.http.HttpClient httpClient;
    private final Map<String, String> roleTokens = new ConcurrentHashMap<>();
    private Vertx vertx;
    private HttpTestClient admin;

    private TrackerKit(TrackerApp app, Clock clock, String adminPassword, Path dataDir, TestCerts certs) {
        this.app = app;
        this.clock = clock;
        this.adminPassword = adminPassword;
        this.dataDir = dataDir;
        this.certs = certs;
        this.httpClient = certs == null ? null : certs.httpClient();
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a tracker with the defaults; blocking. */
    public static TrackerKit start() {
        return builder().start();
    }

    // ------------------------------------------------------------------ the tracker

    /** The running application (engine, database, alerts, checkpoint). */
    public TrackerApp app() {
        return app;
    }

    /** The clock the tracker decides by; scenarios stamp their reads from it. */
    public Clock clock() {
        return clock;
    }

    /** The HTTP port (API, consoles, health, metrics). */
    public int httpPort() {
        return app.httpPort();
    }

    /** The MQTT port (plaintext). */
    public int mqttPort() {
        return app.mqttPort();
    }

    /** The MQTT over TLS port ({@link Builder#tls}), or -1. */
    public int mqttTlsPort() {
        return app.mqttTlsPort();
    }

    /** {@code http://127.0.0.1:<httpPort>}, or {@code https://...} with {@link Builder#tls}. */
    public String baseUrl() {
        return (certs == null ? "http" : "https") + "://127.0.0.1:" + httpPort();
    }

    /** The tracker's database (its pool is the tracker's own). */
    public Database database() {
        return app.database();
    }

    /** The data directory ({@code BIKEGUARD_DATA_DIR}): where a test puts {@code basemap.geojson}. */
    public Path dataDir() {
        return dataDir;
    }

    /** The bootstrap admin's password. */
    public String adminPassword() {
        return adminPassword;
    }

    /** A client-side Vert.x instance (MQTT stations, WebSockets, browsers), created on first use, closed with the tracker. */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    // ------------------------------------------------------------------ HTTP and tokens

    /** An anonymous HTTP client of the tracker's port (trusting the test CA under TLS). */
    public HttpTestClient http() {
        return http(null);
    }

    /** An HTTP client of the tracker's port sending {@code token} (null: none). */
    public HttpTestClient http(String token) {
        return httpClient == null
                ? new HttpTestClient(baseUrl(), token)
                : new HttpTestClient(baseUrl(), token, httpClient);
    }

    /** A client logged in as the bootstrap admin. */
    public synchronized HttpTestClient admin() {
        if (admin == null) {
            admin = http().login("admin", adminPassword);
        }
        return admin;
    }

    /** The bootstrap admin's token. */
    public String adminToken() {
        return admin().token();
    }

    /** Logs in; returns the token (fails when refused). */
    public String token(String username, String password) {
        return http().login(username, password).token();
    }

    /**
     * Creates a staff user ({@code admin}, {@code police}, {@code installer}, {@code adjuster}...)
     * with the password {@code password-<username>} and returns a client logged in as them.
     */
    public HttpTestClient user(String username, String role) {
        HttpTestClient.Response r = admin().json(
                        "POST",
                        "/api/v1/users",
                        new JsonObject()
                                .put("username", username)
                                .put("password", "password-" + username)
                                .put("role", role));
        if (r.status() != 201) {
            throw new AssertionError("creating " + role + " " + username + " failed: " + r);
        }
        return http().login(username, "password-" + username);
    }

    /** Like {@link #user}, returning the token. */
    public String userToken(String username, String role) {
        return user(username, role).token();
    }

    /**
     * A token of the role, made on first use and then reused: the admin's for {@code admin}, an
     * owner's ({@link #owner}) for {@code owner}, else a staff user's called {@code kit-<role>}.
     */
    public String roleToken(String role) {
        return roleTokens.computeIfAbsent(role, r -> switch (r) {
            case "admin" -> adminToken();
            case "owner" -> owner(adminToken(), "kit-owner").token();
            default -> userToken("kit-" + r, r);
        });
    }

    /** {@code GET path} with {@code token} (null: none). */
    public HttpTestClient.Response get(String path, String token) {
        return http(token).get(path);
    }

    /** {@code POST path} with {@code token} (null: none) and a JSON body (null: none). */
    public HttpTestClient.Response post(String path, String token, JsonObject body) {
        return http(token).json("POST", path, body);
    }

    /** {@code PUT path} with {@code token} (null: none) and a JSON body. */
    public HttpTestClient.Response put(String path, String token, JsonObject body) {
        return http(token).json("PUT", path, body);
    }

    /** Any method with {@code token} (null: none) and a JSON body (null: none). */
    public HttpTestClient.Response json(String method, String path, String token, JsonObject body) {
        return http(token).json(method, path, body);
    }

    /** Any method with {@code token} (null: none) and a body of the given content type (both null: none). */
    public HttpTestClient.Response call(String method, String path, String token, String contentType, byte[] body) {
        return http(token).send(method, path, contentType, body);
    }

    // ------------------------------------------------------------------ registry

    /** An owner registered by {@code staffToken}'s user through the API, with a token of their login. */
    public RegistryFixtures.TestOwner owner(String staffToken, String name) {
        return RegistryFixtures.owner(http(staffToken), name);
    }

    /** Registers a bike of {@code ownerId} with {@code tag} through the API; returns its id. */
    public long bike(String staffToken, long ownerId, String tag) {
        return RegistryFixtures.bike(http(staffToken), ownerId, tag);
    }

    // ------------------------------------------------------------------ stations and MQTT

    /** Creates (as admin) a street station with {@link #STATION_SECRET} at (lon, lat), radius 80 m; returns it. */
    public JsonObject station(String id, double lon, double lat) {
        return station(id, STATION_SECRET, lon, lat);
    }

    /** Creates or updates (as admin) a street station at (lon, lat), radius 80 m; returns it (with {@code idx}). */
    public JsonObject station(String id, String secret, double lon, double lat) {
        return admin().putStation(id, secret, lon, lat);
    }

    /** An MQTT connection as station {@code id}; fails when the tracker refuses the secret. */
    public TestStation connect(String id, String secret) {
        return TestStation.connect(vertx(), mqttPort(), id, secret);
    }

    /**
     * Publishes one JSON frame ({@link JsonFrames}) as {@code station} (secret
     * {@link #STATION_SECRET}) over a fresh connection, and waits for its PUBACK.
     */
    public void publish(String station, long seq, String readsJson) {
        try (TestStation s = connect(station, STATION_SECRET)) {
            s.publishAndWait(JsonFrames.frame(station, seq, readsJson));
        }
    }

    /** Stops the client Vert.x and the tracker (a last checkpoint, then Hazelcast and the database). Idempotent. */
    @Override
    public synchronized void close() {
        if (vertx != null) {
            vertx.close().await();
            vertx = null;
        }
        app.close();
    }

    /**
     * How to start a {@link TrackerKit}. Options are environment keys of the tracker
     * ({@code README.md}); the named methods set the usual ones. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, String> env = new LinkedHashMap<>();
        private Clock clock;
        private String databaseUrl;
        private String adminPassword = ADMIN_PASSWORD;
        private TestCerts certs;

        private Builder() {}

        /**
         * HTTPS and MQTT over TLS (ephemeral port) with {@code certs}' server certificate, station
         * certificates of its CA accepted, the files checked every second for a change; the kit's
         * HTTP clients trust the CA.
         */
        public Builder tls(TestCerts certs) {
            this.certs = Objects.requireNonNull(certs, "certs");
            env.put("BIKEGUARD_TLS_CERT", certs.server().cert().toString());
            env.put("BIKEGUARD_TLS_KEY", certs.server().key().toString());
            env.put("BIKEGUARD_MQTT_TLS_PORT", "0");
            env.put("BIKEGUARD_STATION_CA", certs.caCert().toString());
            env.put("BIKEGUARD_TLS_RELOAD_S", "1");
            return this;
        }

        /** Sets one environment key (wins over every default and named option). */
        public Builder env(String key, String value) {
            env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets environment keys. */
        public Builder env(Map<String, String> keys) {
            keys.forEach(this::env);
            return this;
        }

        /** The clock the tracker decides by (default: {@link ScenarioClock#ticking()}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs on this database (user {@code postgres}) instead of a fresh one: trackers sharing one. */
        public Builder database(String jdbcUrl) {
            this.databaseUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /** The bootstrap admin's password (default {@value TrackerKit#ADMIN_PASSWORD}). */
        public Builder adminPassword(String password) {
            this.adminPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * HTTP on this port (pick it with {@link FreePorts#free()}) instead of an ephemeral one, so
         * that the tracker knows its own URL and publishes it ({@code trackerUrl}) to co-deployed
         * modules (claims calls the tracker's API through it).
         */
        public Builder httpPort(int port) {
            env.put("BIKEGUARD_HTTP_PORT", String.valueOf(port));
            return this;
        }

        /**
         * Member {@code member} of a Hazelcast cluster whose members listen on {@code ports}
         * (picked with {@link FreePorts}; every member's builder gets the same array).
         */
        public Builder cluster(int[] ports, int member) {
            StringJoiner members = new StringJoiner(",");
            for (int p : ports) {
                members.add("127.0.0.1:" + p);
            }
            env.put("BIKEGUARD_HZ_PORT", String.valueOf(ports[member]));
            env.put("BIKEGUARD_HZ_MEMBERS", members.toString());
            return this;
        }

        /**
         * Verticles of other modules the tracker deploys by class name before its HTTP server
         * ({@code BIKEGUARD_EXTRA_VERTICLES}; a verticle shares the port by publishing a router,
         * see {@code docs/architecture.md}). Without this call none is deployed ({@link TestConfigs}).
         */
        public Builder verticles(String... classNames) {
            env.put("BIKEGUARD_EXTRA_VERTICLES", classNames.length == 0 ? " " : String.join(",", classNames));
            return this;
        }

        /** Starts the tracker; blocking. On failure, nothing is left running. */
        public TrackerKit start() {
            Path dataDir = freshDataDir();
            Map<String, String> m = new HashMap<>();
            m.put("HOME", dataDir.toString());
            m.put("BIKEGUARD_DATA_DIR", dataDir.toString());
            m.put("BIKEGUARD_DB_URL", databaseUrl != null ? databaseUrl : TestDatabase.newDatabaseUrl());
            m.put("BIKEGUARD_DB_USER", "postgres");
            m.put("BIKEGUARD_ADMIN_PASSWORD", adminPassword);
            m.putAll(env);
            m = TestKeys.withKeyFile(m);
            Clock c = clock != null ? clock : ScenarioClock.ticking();
            TrackerApp app = TrackerApp.start(TestConfigs.config(m), c);
            return new TrackerKit(
                    app, c, m.get("BIKEGUARD_ADMIN_PASSWORD"), Path.of(m.get("BIKEGUARD_DATA_DIR")), certs);
        }

        private static Path freshDataDir() {
            try {
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
                Files.createDirectories(tmp);
                return Files.createTempDirectory(tmp, "bikeguard-kit-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
