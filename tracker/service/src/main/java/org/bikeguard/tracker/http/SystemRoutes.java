package org.bikeguard.tracker.http;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.ForbiddenException;
import org.bikeguard.common.web.NotFoundException;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;
import org.bikeguard.tracker.config.HttpExposure;

/**
 * {@code GET /health} (readiness: every check), {@code GET /health/live} (liveness: only the
 * checks of the process itself, {@link #LIVENESS_CHECKS}) and {@code GET /api/v1/openapi.yaml},
 * all public; {@code GET /metrics} as {@link HttpExposure} says: with a metrics token, only to
 * {@code Authorization: Bearer <token>} (401 otherwise); else on a separate listener to whoever
 * reaches it; else on the API port to loopback clients only, without forwarding headers (403
 * otherwise). With a separate listener the API port has no {@code /metrics} (404). Thread-safe.
 */
final class SystemRoutes {

    /** Classpath location of the OpenAPI document. */
    static final String OPENAPI_RESOURCE = "openapi/tracker-api.yaml";
    /** The Prometheus text exposition format. */
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final long CHECK_TIMEOUT_S = 5;
    /**
     * The checks {@code /health/live} runs: the member itself, not its dependencies, so that an
     * orchestrator does not restart every member while the database is away (the members would
     * only lose their hot state; the stations resend what was not acknowledged once it is back).
     */
    static final List<String> LIVENESS_CHECKS = List.of("hazelcast");

    private final PrometheusMeterRegistry metrics;
    private final HealthChecks health;
    private final HttpExposure exposure;
    private final String openApi;

    SystemRoutes(PrometheusMeterRegistry metrics, HealthChecks health, HttpExposure exposure) {
        this.metrics = metrics;
        this.health = health;
        this.exposure = exposure;
        this.openApi = resource(OPENAPI_RESOURCE);
    }

    /** Adds the {@code db} and {@code hazelcast} checks unless the application registered its own. */
    static void standardChecks(HealthChecks health, Blocking blocking, DataSource ds, HazelcastInstance hz) {
        health.registerIfAbsent(
                "db",
                () -> blocking.run(() -> {
                    try (Connection c = ds.getConnection();
                            var st = c.createStatement()) {
                        st.execute("SELECT 1");
                    }
                    return null;
                }));
        health.registerIfAbsent(
                "hazelcast",
                () -> hz.getLifecycleService().isRunning()
                        ? Future.succeededFuture()
                        : Future.failedFuture("Hazelcast member is not running"));
    }

    void mount(Router r) {
        r.get("/health").handler(ctx -> respond(ctx, health.checks()));
        r.get("/health/live").handler(ctx -> {
            Map<String, Supplier<Future<Void>>> live = health.checks();
            live.keySet().retainAll(LIVENESS_CHECKS);
            respond(ctx, live);
        });
        r.get("/metrics").handler(ctx -> {
            if (exposure.metricsBind().isPresent()) {
                throw new NotFoundException(
                        "metrics are served on " + exposure.metricsBind().get(), null);
            }
            metrics(ctx, false);
        });
        r.get("/api/v1/openapi.yaml")
                .handler(ctx -> Responses.send(ctx, 200, "application/yaml; charset=utf-8", openApi));
    }

    /** Mounts only {@code /metrics}, for the separate metrics listener. */
    void mountMetricsListener(Router r) {
        r.get("/metrics").handler(ctx -> metrics(ctx, true));
    }

    private void metrics(RoutingContext ctx, boolean separateListener) {
        if (exposure.metricsToken().isPresent()) {
            String h = ctx.request().getHeader("Authorization");
            byte[] expected = ("Bearer " + exposure.metricsToken().get()).getBytes(StandardCharsets.UTF_8);
            if (h == null || !MessageDigest.isEqual(expected, h.trim().getBytes(StandardCharsets.UTF_8))) {
                throw new UnauthenticatedException("metrics need Authorization: Bearer <BIKEGUARD_METRICS_TOKEN>");
            }
        } else if (!separateListener && !fromLoopback(ctx)) {
            throw new ForbiddenException(
                    "metrics are served to loopback clients only; set BIKEGUARD_METRICS_TOKEN or BIKEGUARD_METRICS_BIND",
                    null);
        }
        Responses.send(ctx, 200, PROMETHEUS_TYPE, metrics.scrape());
    }

    /** Whether the request comes straight from this host (a proxy in front would forward others). */
    private static boolean fromLoopback(RoutingContext ctx) {
        if (ctx.request().getHeader("Forwarded") != null || ctx.request().getHeader("X-Forwarded-For") != null) {
            return false;
        }
        var peer = ctx.request().remoteAddress();
        String ip = peer == null ? null : peer.hostAddress();
        if (ip == null) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress(); // a literal address: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void respond(RoutingContext ctx, Map<String, Supplier<Future<Void>>> checks) {
        List<String> names = new ArrayList<>(checks.keySet());
        List<Future<Void>> results = new ArrayList<>();
        for (String name : names) {
            results.add(run(checks.get(name)));
        }
        Future.join(results).onComplete(ignored -> {
            JsonObject out = new JsonObject();
            boolean up = true;
            for (int i = 0; i < names.size(); i++) {
                Future<Void> f = results.get(i);
                JsonObject c = new JsonObject().put("status", f.succeeded() ? "UP" : "DOWN");
                if (f.failed()) {
                    up = false;
                    c.put("error", String.valueOf(f.cause().getMessage()));
                }
                out.put(names.get(i), c);
            }
            Responses.json(
                    ctx,
                    up ? 200 : 503,
                    new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", out));
        });
    }

    private static Future<Void> run(Supplier<Future<Void>> check) {
        try {
            Future<Void> f = check.get();
            return f == null
                    ? Future.failedFuture("check returned no result")
                    : f.timeout(CHECK_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SystemRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
