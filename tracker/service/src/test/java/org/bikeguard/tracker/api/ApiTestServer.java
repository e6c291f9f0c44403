package org.bikeguard.tracker.api;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * The HTTP API on a real PostgreSQL, a real Hazelcast member and an ephemeral loopback port, with
 * a Vert.x HTTP client. The bootstrap admin's password is {@link #ADMIN_PASSWORD}.
 */
final class ApiTestServer implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-test-password";

    final TrackerConfig config = TestConfigs.config();
    final Database db;
    final HazelcastInstance hz;
    final StationRegistry stations;
    final SightingEngine engine;
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The API's clock: ticking from the default scenario start ({@link ScenarioClock}). */
    final Clock clock = ScenarioClock.ticking();
    final ApiServices context;
    final Vertx vertx = Vertx.vertx();
    final HttpClient client;
    final int port;

    /** One HTTP answer. */
    record Resp(int status, String contentType, Buffer body) {
        JsonObject json() {
            return body.toJsonObject();
        }

        JsonArray jsonArray() {
            return body.toJsonArray();
        }

        String text() {
            return body.toString();
        }
    }

    ApiTestServer(List<Consumer<Router>> routeContributors) {
        this(vertx -> routeContributors);
    }

    /** With contributors made from the server's Vert.x instance (built before the verticle starts). */
    ApiTestServer(java.util.function.Function<Vertx, List<Consumer<Router>>> routeContributors) {
        db = TestDatabase.newDatabase(config);
        hz = HazelcastTestSupport.newMember(HazelcastTestSupport.clusterName());
        stations = StationRegistry.load(hz, db.dataSource());
        engine = new SightingEngine(hz, HazelcastTestSupport.ENGINE);
        context = ApiServices.start(config, db, hz, stations, engine, metrics, new HealthChecks(), clock,
                routeContributors.apply(vertx));
        HttpApiVerticle verticle = new HttpApiVerticle(context);
        await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    ApiTestServer() {
        this(List.<Consumer<Router>>of());
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    Resp call(HttpMethod method, String uri, String token, String contentType, Buffer body) {
        RequestOptions o = new RequestOptions().setMethod(method).setURI(uri);
        if (token != null) {
            o.putHeader("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            o.putHeader("Content-Type", contentType);
        }
        o.setIdleTimeout(30_000);
        // body() is asked for in the same callback that receives the response, so no chunk is missed
        return await(client.request(o).compose(req -> (body == null ? req.send() : req.send(body))
                .compose(resp -> resp.body().map(b -> new Resp(resp.statusCode(), resp.getHeader("Content-Type"), b)))));
    }

    Resp get(String uri, String token) {
        return call(HttpMethod.GET, uri, token, null, null);
    }

    Resp json(HttpMethod method, String uri, String token, JsonObject body) {
        return call(method, uri, token, "application/json", body.toBuffer());
    }

    /** A token for the user (fails the test when refused). */
    String token(String username, String password) {
        Resp r = json(HttpMethod.POST, "/api/v1/auth/token", null,
                new JsonObject().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r.status() + " " + r.text());
        }
        return r.json().getString("token");
    }

    String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    /** Creates a user through the API and returns a token for it. */
    String userToken(String adminToken, String username, String role) {
        Resp r = json(HttpMethod.POST, "/api/v1/users", adminToken,
                new JsonObject().put("username", username).put("password", "password-" + username).put("role", role));
        if (r.status() != 201) {
            throw new AssertionError("creating " + username + " failed: " + r.status() + " " + r.text());
        }
        return token(username, "password-" + username);
    }

    @Override
    public void close() {
        await(vertx.close());
        engine.close();
        stations.close();
        hz.shutdown();
        db.close();
    }
}
