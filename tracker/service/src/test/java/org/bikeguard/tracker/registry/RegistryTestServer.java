package org.bikeguard.tracker.registry;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.http.ApiServices;
import org.bikeguard.tracker.http.HealthChecks;
import org.bikeguard.tracker.http.HttpApiVerticle;
import org.bikeguard.tracker.station.HazelcastTestSupport;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.testsupport.ScenarioClock;
import org.bikeguard.tracker.testsupport.TestConfigs;
import org.bikeguard.tracker.testsupport.TestDatabase;

/**
 * The tracker's HTTP API on a real PostgreSQL (fresh database), a real Hazelcast member and an
 * ephemeral loopback port, with builders for owners and bikes through the API. The bootstrap
 * admin's password is {@link #ADMIN_PASSWORD}. Thread-safe enough for sequential tests.
 */
public final class RegistryTestServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    public final TrackerConfig config = TestConfigs.config();
    public final Database db;
    public final HazelcastInstance hz;
    public final StationRegistry stations;
    public final SightingEngine engine;
    /** The API's clock: ticking from the default scenario start ({@link ScenarioClock}). */
    public final Clock clock = ScenarioClock.ticking();
    public final ApiServices context;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** One HTTP answer. */
    public record Resp(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }

        public String code() {
            return json().getString("code");
        }
    }

    public RegistryTestServer() {
        db = TestDatabase.newDatabase(config);
        hz = HazelcastTestSupport.newMember(HazelcastTestSupport.clusterName());
        stations = StationRegistry.load(hz, db.dataSource());
        engine = new SightingEngine(hz, HazelcastTestSupport.ENGINE);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context = ApiServices.start(config, db, hz, stations, engine, metrics, new HealthChecks(), clock, List.of());
        HttpApiVerticle verticle = new HttpApiVerticle(context);
        try {
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("API did not start", e);
        }
        base = "http://127.0.0.1:" + verticle.actualPort();
    }

    public Resp send(String method, String path, String token, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Resp get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Resp post(String path, String token, JsonObject body) {
        return send("POST", path, token, body);
    }

    /** A token for the user (fails the test when refused). */
    public String token(String username, String password) {
        Resp r = post("/api/v1/auth/token", null, new JsonObject().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r.status() + " " + r.body());
        }
        return r.json().getString("token");
    }

    public String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    /** Creates a staff user (any role but owner) and returns a token for it. */
    public String userToken(String admin, String username, String role) {
        Resp r = post("/api/v1/users", admin, new JsonObject().put("username", username)
                .put("password", "password-" + username).put("role", role));
        if (r.status() != 201) {
            throw new AssertionError("creating " + username + " failed: " + r.status() + " " + r.body());
        }
        return token(username, "password-" + username);
    }

    /** A valid ID number, different on each call (birth date 1990-03-07, serial varies). */
    public static String newIdNumber() {
        String body = String.format("430402199003%02d%03d", 7 + SERIAL.get() % 20, SERIAL.incrementAndGet() % 1000);
        return body + IdNumbers.checkChar(body);
    }

    /** A fresh mobile number. */
    public static String newPhone() {
        return String.format("139%08d", SERIAL.incrementAndGet() * 7919 % 100_000_000);
    }

    /** An owner created through the API, with the id and a token of their login. */
    public record TestOwner(long id, String phone, String idNumber, String token) {
    }

    public TestOwner owner(String staffToken, String name) {
        String phone = newPhone();
        String id = newIdNumber();
        Resp r = post("/api/v1/owners", staffToken, new JsonObject().put("name", name).put("idNumber", id)
                .put("phone", phone).put("password", "owner-password-1"));
        if (r.status() != 201) {
            throw new AssertionError("creating owner failed: " + r.status() + " " + r.body());
        }
        return new TestOwner(r.json().getLong("id"), phone, id, token(phone, "owner-password-1"));
    }

    /** A registration body for a bike with a fresh plate and frame number. */
    public static JsonObject bikeBody(long ownerId, String tag) {
        int n = SERIAL.incrementAndGet();
        return new JsonObject().put("ownerId", ownerId).put("tag", tag).put("plate", "湘D·" + (10000 + n))
                .put("frameNo", "LYD" + (1000000 + n)).put("motorNo", "M" + n).put("batterySerial", "B" + n)
                .put("brand", "Yadea").put("colour", "white").put("purchaseDate", "2025-10-01").put("purchasePriceFen", 329900);
    }

    /** Registers a bike through the API and returns its id. */
    public long bike(String staffToken, long ownerId, String tag) {
        Resp r = post("/api/v1/bikes", staffToken, bikeBody(ownerId, tag));
        if (r.status() != 201) {
            throw new AssertionError("registering bike failed: " + r.status() + " " + r.body());
        }
        return r.json().getLong("id");
    }

    /** Moves a bike's registration (and its first tag binding and ownership) {@code by} into the past. */
    public void backdate(long bikeId, Duration by) {
        try (Connection c = db.dataSource().getConnection()) {
            for (String sql : List.of("UPDATE bikes SET registered_at = registered_at - ?::interval WHERE id = ?",
                    "UPDATE tag_bindings SET bound_at = bound_at - ?::interval WHERE bike_id = ?",
                    "UPDATE ownerships SET from_at = from_at - ?::interval WHERE bike_id = ?")) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setString(1, by.toSeconds() + " seconds");
                    st.setLong(2, bikeId);
                    st.executeUpdate();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a closed sighting straight into the {@code sightings} table. */
    public void dbSighting(long tag, String station, Instant first, Instant last, long reads) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO sightings (tag, station, first_seen, last_seen, reads, peak_rssi) VALUES (?, ?, ?, ?, ?, -55)")) {
            st.setLong(1, tag);
            st.setString(2, station);
            st.setObject(3, OffsetDateTime.ofInstant(first, ZoneOffset.UTC));
            st.setObject(4, OffsetDateTime.ofInstant(last, ZoneOffset.UTC));
            st.setLong(5, reads);
            st.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        context.alerts().close();
        engine.close();
        stations.close();
        hz.shutdown();
        db.close();
    }
}
