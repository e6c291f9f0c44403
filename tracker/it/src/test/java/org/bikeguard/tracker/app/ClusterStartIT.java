package org.bikeguard.tracker.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerProcess;
import org.junit.jupiter.api.Test;

/**
 * Three tracker processes (separate JVMs, claims co-deployed as in the distribution) on one fresh
 * database, listed in each other's {@code BIKEGUARD_HZ_MEMBERS}, started at the same moment:
 * every start-up step that writes to the shared database (the tracker's and the claims schema
 * migrations, server keys, the admin account, time partitions, the claims products) runs in all
 * three at once. All three must reach {@code /health} 200, form one Hazelcast cluster, agree on
 * one token-signing key (a token issued by one member is accepted by the others), on one admin
 * account (the admin logs in on each) and on one set of products.
 */
class ClusterStartIT {

    private static final int MEMBERS = 3;
    private static final String ADMIN_PASSWORD = "cluster-start-admin-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    @Test
    void membersStartedAtOnceOnOneDatabaseAllComeUpAndShareKeysAndAdmin() throws Exception {
        String dbUrl = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(3 * MEMBERS);
        StringJoiner hzMembers = new StringJoiner(",");
        for (int i = 0; i < MEMBERS; i++) {
            hzMembers.add("127.0.0.1:" + hzPort(ports, i));
        }
        Clock clock = ScenarioClock.ticking();
        Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-start-logs-");
        List<TrackerProcess> members = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                Map<String, String> env = new HashMap<>();
                Path dataDir = Files.createDirectories(logs.resolve("data-" + i));
                env.put("HOME", dataDir.toString());
                env.put("BIKEGUARD_DATA_DIR", dataDir.toString());
                env.put("BIKEGUARD_DB_URL", dbUrl);
                env.put("BIKEGUARD_DB_USER", "postgres");
                env.put("BIKEGUARD_HTTP_PORT", String.valueOf(httpPort(ports, i)));
                env.put("BIKEGUARD_MQTT_PORT", String.valueOf(mqttPort(ports, i)));
                env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
                env.put("BIKEGUARD_HZ_PORT", String.valueOf(hzPort(ports, i)));
                env.put("BIKEGUARD_HZ_MEMBERS", hzMembers.toString());
                env.put("BIKEGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
                env.put("BIKEGUARD_SIM", "off");
                env.put("BIKEGUARD_BUCKETS", "16");
                env.put("BIKEGUARD_INGEST_INSTANCES", "1");
                members.add(new TrackerProcess(env, logs.resolve("member-" + i), clock));
            }
            startAtOnce(members, ports);

            for (int i = 0; i < MEMBERS; i++) {
                HttpTestClient anon = new HttpTestClient(httpPort(ports, i));
                assertEquals(200, anon.get("/health").status(), "member " + i + " /health");
                Poll.until(
                        Duration.ofSeconds(60),
                        "member " + i + " sees a cluster of " + MEMBERS,
                        () -> anon.metric("bikeguard_cluster_members") == MEMBERS);
                Poll.until(
                        Duration.ofSeconds(60),
                        "member " + i + " reports every partition backed up",
                        () -> anon.metric("bikeguard_cluster_safe") == 1);
            }

            // One admin account: the configured password logs in on every member.
            List<HttpTestClient> admins = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                admins.add(new HttpTestClient(httpPort(ports, i)).login("admin", ADMIN_PASSWORD));
            }
            // One token-signing key: a token issued by member i is accepted by every other member.
            for (int issuer = 0; issuer < MEMBERS; issuer++) {
                String token = admins.get(issuer).token();
                for (int j = 0; j < MEMBERS; j++) {
                    HttpTestClient other = new HttpTestClient("http://127.0.0.1:" + httpPort(ports, j), token);
                    assertEquals(
                            200,
                            other.get("/api/v1/stations").status(),
                            "member " + j + " accepts the token of member " + issuer);
                }
            }
            // Claims started on every member, on products seeded once.
            for (int i = 0; i < MEMBERS; i++) {
                HttpTestClient.Response products = admins.get(i).get("/api/v1/products");
                assertEquals(200, products.status(), "member " + i + " serves claims: " + products);
                assertEquals(
                        2, products.json().getJsonArray("products").size(), "one version of each product: " + products);
            }
            HttpTestClient anonymous = new HttpTestClient(httpPort(ports, 1));
            assertEquals(401, anonymous.get("/api/v1/stations").status(), "a request without a token is refused");

            // One station-secret key and one registry: a station put through member 0 (with the token
            // member 2 issued) is served by member 1.
            HttpTestClient viaZero = new HttpTestClient(
                    "http://127.0.0.1:" + httpPort(ports, 0), admins.get(2).token());
            viaZero.putStation("CLUSTER-1", "cluster-station-secret-1", 112.57, 26.89);
            // (members mirror the registry from a Hazelcast map through a listener: soon, not at once)
            Poll.until(
                    Duration.ofSeconds(30),
                    "member 1 serves the station put through member 0",
                    () -> admins.get(1).get("/api/v1/stations/CLUSTER-1").status() == 200);
            double oldest = 0;
            for (int i = 0; i < MEMBERS; i++) {
                oldest += new HttpTestClient(httpPort(ports, i)).metric("bikeguard_cluster_oldest_member");
            }
            assertEquals(1, oldest, "exactly one member is the oldest");

            for (int i = 0; i < MEMBERS; i++) {
                String log = Files.readString(logs.resolve("member-" + i).resolve("tracker-1.log"));
                assertTrue(!log.contains("cannot create partition"), "member " + i + " created its partitions cleanly");
            }
        } finally {
            for (TrackerProcess m : members) {
                m.close();
            }
        }
    }

    /** Starts every member in its own thread, released together, and waits until all answer /health. */
    private static void startAtOnce(List<TrackerProcess> members, int[] ports) throws InterruptedException {
        CyclicBarrier go = new CyclicBarrier(members.size());
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            int member = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            go.await();
                            members.get(member).start(httpPort(ports, member), START_TIMEOUT);
                        } catch (Throwable e) {
                            failures.put(member, e);
                        }
                    },
                    "start-member-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), "members that did not come up: " + failures);
    }

    private static int httpPort(int[] ports, int member) {
        return ports[member];
    }

    private static int mqttPort(int[] ports, int member) {
        return ports[MEMBERS + member];
    }

    private static int hzPort(int[] ports, int member) {
        return ports[2 * MEMBERS + member];
    }
}
