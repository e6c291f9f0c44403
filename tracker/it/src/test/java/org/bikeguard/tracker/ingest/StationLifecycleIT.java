package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A station's live MQTT session ends the moment an admin deletes or disables it or changes its
 * credentials, on whichever cluster member it is connected to (two members here, sharing one
 * database): MQTT 5 clients are told DISCONNECT 0x98 "administrative action".
 */
class StationLifecycleIT {

    private static final String SECRET = "lifecycle-secret-0123456";
    private static final String NEW_SECRET = "lifecycle-secret-rotated-789";

    private static TrackerKit a;
    private static TrackerKit b;
    private static HttpTestClient admin;

    @BeforeAll
    static void start() {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(2);
        a = TrackerKit.builder().database(db).cluster(ports, 0).start();
        b = TrackerKit.builder().database(db).cluster(ports, 1).start();
        admin = a.admin();
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void disablingAStationOnOneMemberEndsItsSessionOnTheOtherAndEnablingLetsItBack() throws Exception {
        admin.putStation("LC-DIS", SECRET, 112.57, 26.89);
        awaitKnown(b, "LC-DIS");
        CompletableFuture<MqttDisconnectResponse> gone = new CompletableFuture<>();
        MqttAsyncClient c = paho5(b, "LC-DIS", SECRET, gone);
        double before = disconnects(b, "station_disabled");

        HttpTestClient.Response r = admin.post("/api/v1/stations/LC-DIS/disable", null);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().getBoolean("enabled"));
        assertEquals(0x98, gone.get(10, TimeUnit.SECONDS).getReturnCode(), "administrative action");
        c.close(true);
        assertEquals(before + 1, disconnects(b, "station_disabled"));
        assertTrue(
                admin.get("/api/v1/stations").array().stream()
                        .anyMatch(o -> ((JsonObject) o).getString("id").equals("LC-DIS")),
                "a disabled station is listed");
        assertThrows(RuntimeException.class, () -> TestStation.connect(b.vertx(), b.mqttPort(), "LC-DIS", SECRET));

        assertEquals(200, admin.post("/api/v1/stations/LC-DIS/enable", null).status());
        Poll.until(Duration.ofSeconds(10), "the station may connect again", () -> connects(b, "LC-DIS", SECRET));
    }

    @Test
    void deletingAStationEndsItsSessionHidesItAndAPutBringsItBackAsNew() throws Exception {
        admin.putStation("LC-DEL", SECRET, 112.57, 26.89);
        int idx = admin.get("/api/v1/stations/LC-DEL").json().getInteger("idx");
        awaitKnown(b, "LC-DEL");
        try (TestStation s = TestStation.connect(b.vertx(), b.mqttPort(), "LC-DEL", SECRET)) {
            assertEquals(204, admin.delete("/api/v1/stations/LC-DEL").status());
            Poll.until(Duration.ofSeconds(10), "the live session is closed", () -> !s.isConnected());
        }
        assertEquals(404, admin.get("/api/v1/stations/LC-DEL").status());
        assertEquals(404, b.admin().get("/api/v1/stations/LC-DEL").status(), "gone on the other member too");
        assertEquals(404, admin.delete("/api/v1/stations/LC-DEL").status(), "deleted once");
        JsonArray list = admin.get("/api/v1/stations").array();
        assertFalse(list.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals("LC-DEL")));
        assertFalse(connects(b, "LC-DEL", SECRET));
        assertTrue(disconnects(b, "station_deleted") >= 1);

        HttpTestClient.Response again = admin.putStation("LC-DEL", "LC-DEL", "street", 112.57, 26.89, 80, NEW_SECRET);
        assertEquals(201, again.status(), again.body());
        assertEquals(idx, again.json().getInteger("idx"), "the same row, so history still names it");
        Poll.until(Duration.ofSeconds(10), "the new station connects", () -> connects(b, "LC-DEL", NEW_SECRET));
        assertFalse(connects(a, "LC-DEL", SECRET), "the old secret did not come back");
    }

    @Test
    void aNewSecretEndsTheLiveSessionAndOnlyTheNewSecretConnects() {
        admin.putStation("LC-SEC", SECRET, 112.57, 26.89);
        awaitKnown(b, "LC-SEC");
        try (TestStation s = TestStation.connect(b.vertx(), b.mqttPort(), "LC-SEC", SECRET)) {
            admin.putStation("LC-SEC", NEW_SECRET, 112.57, 26.89);
            Poll.until(Duration.ofSeconds(10), "the live session is closed", () -> !s.isConnected());
        }
        assertTrue(disconnects(b, "credentials_changed") >= 1);
        assertFalse(connects(b, "LC-SEC", SECRET));
        assertTrue(connects(b, "LC-SEC", NEW_SECRET));
    }

    @Test
    void changingTheAuthenticationMethodsEndsTheLiveSessionButRenamingDoesNot() {
        admin.putStation("LC-METH", SECRET, 112.57, 26.89);
        try (TestStation s = a.connect("LC-METH", SECRET)) {
            HttpTestClient.Response renamed = admin.putStation("LC-METH", "renamed", "street", 112.58, 26.89, 90, null);
            assertEquals(200, renamed.status(), renamed.body());
            s.publishAndWait(org.bikeguard.testkit.JsonFrames.frame(
                    "LC-METH",
                    1,
                    "["
                            + org.bikeguard.testkit.JsonFrames.read(
                                    "E1C0001", a.clock().millis(), false) + "]"));
            HttpTestClient.Response methods = admin.put(
                    "/api/v1/stations/LC-METH",
                    new JsonObject()
                            .put("name", "renamed")
                            .put("kind", "street")
                            .put("lon", 112.58)
                            .put("lat", 26.89)
                            .put("radiusM", 90)
                            .put("authMethods", new JsonArray().add("secret").add("certificate"))
                            .encode());
            assertEquals(200, methods.status(), methods.body());
            Poll.until(Duration.ofSeconds(10), "the live session is closed", () -> !s.isConnected());
        }
        assertTrue(connects(a, "LC-METH", SECRET), "the secret still works: it was not changed");
    }

    @Test
    void onlyAnAdminMayDeleteOrDisable() {
        admin.putStation("LC-ROLE", SECRET, 112.57, 26.89);
        String police = a.roleToken("police");
        assertEquals(403, a.http(police).delete("/api/v1/stations/LC-ROLE").status());
        assertEquals(
                403,
                a.http(police).post("/api/v1/stations/LC-ROLE/disable", null).status());
        assertEquals(404, admin.post("/api/v1/stations/LC-NONE/disable", null).status());
    }

    // --- helpers ---

    private static void awaitKnown(TrackerKit member, String id) {
        Poll.until(
                Duration.ofSeconds(10),
                "station " + id + " known to the other member",
                () -> member.admin().get("/api/v1/stations/" + id).status() == 200);
    }

    private static boolean connects(TrackerKit member, String id, String secret) {
        try (TestStation s = TestStation.connect(member.vertx(), member.mqttPort(), id, secret)) {
            return s.isConnected();
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static double disconnects(TrackerKit member, String reason) {
        return member.admin().metric("bikeguard_mqtt_disconnects_total{reason=\"" + reason + "\"");
    }

    private static MqttAsyncClient paho5(
            TrackerKit member, String user, String secret, CompletableFuture<MqttDisconnectResponse> gone)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        MqttAsyncClient c = new MqttAsyncClient(
                "tcp://127.0.0.1:" + member.mqttPort(), user + "-" + System.nanoTime(), new MemoryPersistence());
        c.setCallback(new DisconnectWatcher(gone));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        c.connect(o).waitForCompletion(5_000);
        return c;
    }
}
