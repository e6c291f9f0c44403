package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A login flood from many addresses (64 loopback addresses, 4 attempts in flight each, every one a
 * PBKDF2 check) cannot starve the rest of the API: password hashing has its own small bounded
 * pool, so the flood's surplus is refused with 503 while police and registry queries keep being
 * answered. Prints the query latencies with and without the flood.
 */
@Timeout(180)
class LoginFloodIT {

    private static final int ADDRESSES = 64;
    private static final int IN_FLIGHT = 4;
    private static final long FLOOD_MS = 8_000;
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        tracker.station("FLOOD-1", 112.57, 26.89);
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void aLoginFloodGets503BeyondThePasswordPoolWhilePoliceQueriesAreStillAnswered() throws Exception {
        HttpTestClient police = tracker.user("officer-flood", "police");
        double[] quiet = queries(police, 40);

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            HttpClient c = tracker.vertx()
                    .createHttpClient(
                            new HttpClientOptions()
                                    .setLocalAddress("127.0.1." + (i + 1))
                                    .setDefaultHost("127.0.0.1")
                                    .setDefaultPort(tracker.httpPort()),
                            new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
            clients.add(c);
            for (int k = 0; k < IN_FLIGHT; k++) {
                attempt(c, flooding, statuses);
            }
        }
        long t0 = System.nanoTime(); // a duration: the monotonic clock, never the time of day
        List<Double> during = new ArrayList<>();
        while ((System.nanoTime() - t0) / 1_000_000 < FLOOD_MS) {
            for (double ms : queries(police, 5)) {
                during.add(ms);
            }
        }
        flooding.set(false);
        double[] flood = during.stream().mapToDouble(Double::doubleValue).toArray();
        for (HttpClient c : clients) {
            c.close().await();
        }

        Map<Integer, AtomicInteger> sorted = new TreeMap<>(statuses);
        System.out.printf(
                "login flood: %d addresses x %d in flight for %d ms -> %s; police/registry queries p50/p99/max ms:"
                        + " quiet %.1f/%.1f/%.1f, during the flood %.1f/%.1f/%.1f (%d queries)%n",
                ADDRESSES,
                IN_FLIGHT,
                FLOOD_MS,
                sorted,
                pct(quiet, 50),
                pct(quiet, 99),
                pct(quiet, 100),
                pct(flood, 50),
                pct(flood, 99),
                pct(flood, 100),
                flood.length);
        assertTrue(sorted.getOrDefault(503, new AtomicInteger()).get() > 0, "the pool refused the surplus: " + sorted);
        assertTrue(tracker.http().metric("bikeguard_auth_password_rejected_total") > 0, "counted in the metric");
        assertTrue(flood.length >= 20, "queries kept being answered during the flood: " + flood.length);
        assertTrue(pct(flood, 50) < 1_000, "median police query during the flood: " + pct(flood, 50) + " ms");
    }

    /** Keeps one attempt in flight on {@code c} while {@code flooding}: a new unknown username, so every one is hashed. */
    private static void attempt(HttpClient c, AtomicBoolean flooding, Map<Integer, AtomicInteger> statuses) {
        if (!flooding.get()) {
            return;
        }
        String body = new JsonObject()
                .put("username", "flood-" + UUID.randomUUID())
                .put("password", "not-the-password")
                .encode();
        c.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setURI("/api/v1/auth/token")
                        .putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .recover(e -> Future.succeededFuture(-1))
                .onComplete(ar -> {
                    statuses.computeIfAbsent(ar.result(), k -> new AtomicInteger())
                            .incrementAndGet();
                    attempt(c, flooding, statuses);
                });
    }

    /** {@code n} rounds of a police query and a registry query; each one's time in ms (both must answer 200). */
    private static double[] queries(HttpTestClient police, int n) {
        double[] ms = new double[n * 2];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            assertEquals(200, police.get("/api/v1/alerts?limit=10").status(), "alarms (police pool)");
            ms[2 * i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            assertEquals(200, police.get("/api/v1/stations").status(), "stations (API pool)");
            ms[2 * i + 1] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static double pct(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
