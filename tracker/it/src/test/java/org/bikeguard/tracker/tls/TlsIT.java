package org.bikeguard.tracker.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestCerts;
import org.bikeguard.testkit.TrackerKit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as third-party clients meet it: Eclipse Paho (MQTT 3.1.1) and {@code mosquitto_pub} over
 * TLS with a secret and with station certificates (mutual TLS), refused certificates, HTTPS, and a
 * server certificate replaced on disk while the tracker runs. Certificates are made with
 * {@code openssl} ({@link TestCerts}); the tests are skipped where it is missing.
 */
class TlsIT {

    private static final String SECRET = "tls-station-secret-0123456";
    /** Reads are stamped in the hour before the scenario start (the tracker's clock). */
    private static final long T0 = ScenarioClock.start().minusSeconds(3_600).toEpochMilli();

    @TempDir
    static Path dir;

    private static TestCerts certs;
    private static TrackerKit tracker;
    private static HttpTestClient admin;
    private static String tlsUri;

    @BeforeAll
    static void start() {
        assumeTrue(TestCerts.available(), "openssl is needed to make the test certificates");
        certs = TestCerts.create(dir.resolve("certs"));
        tracker = TrackerKit.builder().tls(certs).start();
        admin = tracker.admin();
        tlsUri = "ssl://127.0.0.1:" + tracker.mqttTlsPort();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void serverAuthenticatedTlsWithASecretCarriesFrames() throws Exception {
        station("TLS-SECRET", null);
        MqttClient c = paho("TLS-SECRET", SECRET, null);
        try {
            c.publish(Topics.readsTopic("TLS-SECRET"), frame("TLS-SECRET", 1, 0x7150001L, 3), 1, false);
        } finally {
            c.disconnect();
            c.close();
        }
        Poll.until(Duration.ofSeconds(10), "the frame's reads", () -> reads("7150001") == 3);
    }

    @Test
    void mutualTlsWithAStationCertificateNeedsNoPassword() throws Exception {
        station("TLS-CERT", List.of("certificate"));
        TestCerts.Pair cert = certs.station("TLS-CERT");
        MqttClient c = paho(null, null, cert);
        try {
            c.publish(Topics.readsTopic("TLS-CERT"), frame("TLS-CERT", 1, 0x7150002L, 2), 1, false);
        } finally {
            c.disconnect();
            c.close();
        }
        MqttClient named = paho("TLS-CERT", null, cert);
        try {
            named.publish(Topics.readsTopic("TLS-CERT"), frame("TLS-CERT", 2, 0x7150002L, 2), 1, false);
        } finally {
            named.disconnect();
            named.close();
        }
        Poll.until(Duration.ofSeconds(10), "both frames' reads", () -> reads("7150002") == 4);
    }

    @Test
    void aCertificateForAnotherStationIsRefusedEvenWithTheRightSecret() {
        station("TLS-A", List.of("secret", "certificate"));
        station("TLS-B", List.of("secret", "certificate"));
        double before = refused("certificate_other_station");
        MqttException e = assertThrows(MqttException.class, () -> paho("TLS-A", SECRET, certs.station("TLS-B")));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode());
        assertEquals(before + 1, refused("certificate_other_station"));
    }

    @Test
    void aStationThatTakesSecretsOnlyNeedsItsSecretBesideItsCertificate() throws Exception {
        station("TLS-SONLY", null);
        double before = refused("certificate_not_accepted");
        MqttException e = assertThrows(MqttException.class, () -> paho(null, null, certs.station("TLS-SONLY")));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode());
        assertEquals(before + 1, refused("certificate_not_accepted"));
        MqttClient c = paho("TLS-SONLY", SECRET, certs.station("TLS-SONLY"));
        c.disconnect();
        c.close();
    }

    @Test
    void aStationThatTakesCertificatesOnlyRefusesItsSecret() {
        station("TLS-CONLY", List.of("certificate"));
        double before = refused("method_not_allowed");
        MqttException e = assertThrows(MqttException.class, () -> paho("TLS-CONLY", SECRET, null));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode());
        assertEquals(before + 1, refused("method_not_allowed"));
    }

    @Test
    void anExpiredCertificateFailsTheHandshakeAndIsCountedAsExpired() throws Exception {
        station("TLS-OLD", List.of("certificate"));
        TestCerts.Pair expired = certs.expiredStation("TLS-OLD");
        X509Certificate c = expired.certificate();
        assertTrue(c.getNotAfter().toInstant().isBefore(Instant.now()), "the test certificate really is expired");
        double before = refused("certificate_expired");
        MqttException e = assertThrows(MqttException.class, () -> paho(null, null, expired));
        assertInstanceOf(SSLException.class, rootOrSsl(e), "refused in the TLS handshake: " + e);
        Poll.until(Duration.ofSeconds(5), "the refusal counted", () -> refused("certificate_expired") == before + 1);
    }

    @Test
    void aCertificateOfAForeignCaFailsTheHandshake() {
        station("TLS-FOREIGN", List.of("certificate"));
        double before = refused("certificate_untrusted");
        MqttException e =
                assertThrows(MqttException.class, () -> paho(null, null, certs.foreignStation("TLS-FOREIGN")));
        assertInstanceOf(SSLException.class, rootOrSsl(e), "refused in the TLS handshake: " + e);
        Poll.until(Duration.ofSeconds(5), "the refusal counted", () -> refused("certificate_untrusted") == before + 1);
    }

    @Test
    void aPinnedCertificateIsTheOnlyOneAccepted() throws Exception {
        TestCerts.Pair pinned = certs.station("TLS-PIN");
        TestCerts.Pair other = certs.station("TLS-PIN");
        String sha = HexFormat.of().formatHex(ClientCertificates.sha256(pinned.certificate()));
        HttpTestClient.Response r = admin.put(
                "/api/v1/stations/TLS-PIN",
                body("TLS-PIN", List.of("certificate"))
                        .put("certificateSha256", sha)
                        .encode());
        assertEquals(201, r.status(), r.body());
        assertEquals(sha, r.json().getString("certificateSha256"));
        MqttClient c = paho(null, null, pinned);
        c.disconnect();
        c.close();
        MqttException e = assertThrows(MqttException.class, () -> paho(null, null, other));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode());
    }

    @Test
    void badAuthenticationSettingsAreTheCallersFault() {
        HttpTestClient.Response methods = admin.put(
                "/api/v1/stations/TLS-BAD", body("TLS-BAD", List.of("password")).encode());
        assertEquals(400, methods.status(), methods.body());
        HttpTestClient.Response none =
                admin.put("/api/v1/stations/TLS-BAD", body("TLS-BAD", List.of()).encode());
        assertEquals(400, none.status(), none.body());
        HttpTestClient.Response pin = admin.put(
                "/api/v1/stations/TLS-BAD",
                body("TLS-BAD", null).put("certificateSha256", "not-hex").encode());
        assertEquals(400, pin.status(), pin.body());
        assertEquals("validation", methods.code());
    }

    @Test
    void httpsAnswersHealthAndPlainHttpIsNotServed() throws Exception {
        HttpTestClient.Response health = tracker.http().get("/health");
        assertEquals(200, health.status(), health.body());
        assertTrue(tracker.baseUrl().startsWith("https://"));
        HttpTestClient plain = new HttpTestClient("http://127.0.0.1:" + tracker.httpPort(), null);
        assertThrows(RuntimeException.class, () -> plain.get("/health"));
    }

    @Test
    void plaintextMqttStaysAvailableOnLoopback() {
        station("TLS-PLAIN", null);
        try (var s = tracker.connect("TLS-PLAIN", SECRET)) {
            assertTrue(s.isConnected());
        }
    }

    @Test
    void aRenewedServerCertificateIsServedWithoutARestartAndOpenConnectionsStay() throws Exception {
        station("TLS-ROT", null);
        BigInteger old = served(tracker.mqttTlsPort());
        assertEquals(certs.server().certificate().getSerialNumber(), old);
        MqttClient open = paho("TLS-ROT", SECRET, null);
        try {
            X509Certificate renewed = certs.renewServer();
            assertNotEquals(old, renewed.getSerialNumber());
            Poll.until(
                    Duration.ofSeconds(15),
                    "new MQTT connections get the renewed certificate",
                    () -> renewed.getSerialNumber().equals(served(tracker.mqttTlsPort())));
            Poll.until(
                    Duration.ofSeconds(15),
                    "new HTTPS connections get the renewed certificate",
                    () -> renewed.getSerialNumber().equals(served(tracker.httpPort())));
            assertTrue(open.isConnected(), "a connection opened before the renewal is still up");
            open.publish(Topics.readsTopic("TLS-ROT"), frame("TLS-ROT", 1, 0x7150003L, 1), 1, false);
            MqttClient fresh = paho("TLS-ROT", SECRET, null);
            fresh.disconnect();
            fresh.close();
        } finally {
            if (open.isConnected()) {
                open.disconnect();
            }
            open.close();
        }
    }

    @Test
    void mosquittoPubPublishesOverMutualTlsAndWithASecret() throws Exception {
        assumeTrue(installed("mosquitto_pub"), "mosquitto_pub is not installed");
        station("TLS-MOSQ", List.of("secret", "certificate"));
        TestCerts.Pair cert = certs.station("TLS-MOSQ");
        Path payload = dir.resolve("mosq-1.json");
        Files.write(payload, frame("TLS-MOSQ", 1, 0x7150004L, 2));
        assertEquals(
                0,
                mosquitto(
                        List.of(
                                "--cert",
                                cert.cert().toString(),
                                "--key",
                                cert.key().toString()),
                        payload));
        Files.write(payload, frame("TLS-MOSQ", 2, 0x7150004L, 3));
        assertEquals(0, mosquitto(List.of("-u", "TLS-MOSQ", "-P", SECRET), payload));
        Poll.until(Duration.ofSeconds(10), "both frames' reads", () -> reads("7150004") == 5);
        Files.write(payload, frame("TLS-MOSQ", 3, 0x7150004L, 1));
        TestCerts.Pair expired = certs.expiredStation("TLS-MOSQ");
        assertNotEquals(
                0,
                mosquitto(
                        List.of(
                                "--cert",
                                expired.cert().toString(),
                                "--key",
                                expired.key().toString()),
                        payload),
                "an expired certificate is refused");
    }

    @Test
    void coDeployedClaimsCallsTheTrackerOverHttpsTrustingItsCertificateFile() {
        admin.putStation("TLS-CLAIMS", SECRET, 112.57, 26.89);
        // what ExtraVerticles hands the co-deployed claims module under TLS
        var gateway = new org.bikeguard.claims.tracker.HttpTrackerGateway(
                tracker.vertx(),
                "https://127.0.0.1:" + tracker.httpPort(),
                null,
                tracker.adminPassword(),
                certs.server().cert().toString());
        var station = gateway.station("TLS-CLAIMS")
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        assertEquals("TLS-CLAIMS", station.id());
    }

    // --- helpers ---

    private static int mosquitto(List<String> credentials, Path payload) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(tracker.mqttTlsPort()),
                "--cafile",
                certs.caCert().toString(),
                "-V",
                "mqttv311",
                "-q",
                "1",
                "-i",
                "mosq-" + System.nanoTime(),
                "-t",
                "stations/TLS-MOSQ/reads",
                "-f",
                payload.toString()));
        cmd.addAll(credentials);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "mosquitto_pub finished");
        return p.exitValue();
    }

    private static boolean installed(String command) {
        try {
            Process p = new ProcessBuilder(command, "--help")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The serial of the certificate a new TLS connection to {@code port} is served. */
    private static BigInteger served(int port) {
        SSLContext ctx = certs.sslContext(null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (IOException e) {
            throw new IllegalStateException("handshake with port " + port + " failed", e);
        }
    }

    private static Throwable rootOrSsl(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return t;
            }
        }
        return e;
    }

    private static JsonObject body(String id, List<String> methods) {
        JsonObject b = new JsonObject()
                .put("name", id)
                .put("kind", "street")
                .put("lon", 112.57)
                .put("lat", 26.89)
                .put("radiusM", 80)
                .put("secret", SECRET);
        if (methods != null) {
            b.put("authMethods", new JsonArray(methods));
        }
        return b;
    }

    /** Creates the station with {@link #SECRET} and the given methods (null: the default). */
    private static void station(String id, List<String> methods) {
        HttpTestClient.Response r =
                admin.put("/api/v1/stations/" + id, body(id, methods).encode());
        assertTrue(r.status() == 200 || r.status() == 201, r.toString());
    }

    /** A connected Paho 3.1.1 client over TLS; user and secret may be null, as may the client certificate. */
    private static MqttClient paho(String user, String secret, TestCerts.Pair clientCert) throws MqttException {
        MqttClient c = new MqttClient(tlsUri, "tls-" + System.nanoTime(), new MemoryPersistence());
        c.setTimeToWait(10_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            o.setUserName(user);
        }
        if (secret != null) {
            o.setPassword(secret.toCharArray());
        }
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setSocketFactory(certs.sslContext(clientCert).getSocketFactory());
        o.setHttpsHostnameVerificationEnabled(true);
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return c;
    }

    private static byte[] frame(String station, long seq, long tag, int count) {
        return FrameCodec.encodeJson(Frame.of(station, seq, List.of(new Read(tag, T0 + seq * 1_000, -60, count, 0))));
    }

    private static double refused(String reason) {
        return admin.metric("bikeguard_mqtt_connections_refused_total{reason=\"" + reason + "\"");
    }

    private static long reads(String tag) {
        HttpTestClient.Response r = admin.get("/api/v1/tags/" + tag + "/sightings?from="
                + Instant.ofEpochMilli(T0 - 60_000) + "&to=" + Instant.ofEpochMilli(T0 + 3_600_000));
        assertEquals(200, r.status(), r.body());
        long sum = 0;
        for (JsonNode s : r.node().get("sightings")) {
            sum += s.get("reads").asLong();
        }
        return sum;
    }
}
