package org.bikeguard.claims.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.bikeguard.claims.ClaimsConfig;
import org.bikeguard.claims.app.ClaimsMain;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestCerts;
import org.bikeguard.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims module run alone with {@code BIKEGUARD_TLS_CERT}/{@code _KEY}: HTTPS only, the
 * tracker (a stub here) called over HTTPS trusting {@code BIKEGUARD_TRACKER_CA}, and a renewed
 * certificate served without a restart.
 */
class ClaimsTlsIT {

    @TempDir
    Path dir;

    @Test
    void standaloneClaimsServesHttpsCallsTheTrackerOverHttpsAndPicksUpARenewedCertificate() {
        assumeTrue(TestCerts.available(), "openssl is needed to make the test certificates");
        TestCerts certs = TestCerts.create(dir);
        Vertx vertx = Vertx.vertx();
        try {
            Router r = Router.router(vertx);
            AtomicReference<String> seen = new AtomicReference<>();
            r.get("/api/v1/auth/me").handler(ctx -> {
                seen.set(ctx.request().getHeader("Authorization"));
                ctx.json(new JsonObject().put("username", "adj").put("role", "adjuster"));
            });
            HttpServer tracker = ClaimsHarness.await(vertx.createHttpServer(new HttpServerOptions()
                            .setSsl(true)
                            .setKeyCertOptions(new PemKeyCertOptions()
                                    .setCertPath(certs.server().cert().toString())
                                    .setKeyPath(certs.server().key().toString())))
                    .requestHandler(r)
                    .listen(0));
            ClaimsConfig config = ClaimsConfig.fromMap(Map.of(
                    "BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl(),
                    "BIKEGUARD_TRACKER_URL", "https://localhost:" + tracker.actualPort(),
                    "BIKEGUARD_TRACKER_CA", certs.caCert().toString(),
                    "BIKEGUARD_CLAIMS_HTTP_PORT", "0",
                    "BIKEGUARD_TLS_CERT", certs.server().cert().toString(),
                    "BIKEGUARD_TLS_KEY", certs.server().key().toString()));
            HttpServer claims = ClaimsHarness.await(ClaimsMain.start(vertx, config));
            int port = claims.actualPort();

            WebClient https = WebClient.create(
                    vertx,
                    new WebClientOptions()
                            .setSsl(true)
                            .setTrustOptions(new PemTrustOptions()
                                    .addCertPath(certs.caCert().toString())));
            var ok = ClaimsHarness.await(
                    https.get(port, "localhost", "/api/v1/calendar/working-days?from=2026-09-18&days=15")
                            .bearerTokenAuthentication("U1")
                            .send());
            assertEquals(200, ok.statusCode(), ok.bodyAsString());
            assertEquals("Bearer U1", seen.get(), "the token was checked with the tracker over HTTPS");

            WebClient plain = WebClient.create(vertx);
            assertThrows(
                    RuntimeException.class,
                    () -> ClaimsHarness.await(plain.get(port, "localhost", "/api/v1/calendar/working-days")
                            .send()));

            BigInteger before = served(certs, port);
            X509Certificate renewed = certs.renewServer();
            assertNotEquals(before, renewed.getSerialNumber());
            Poll.until(Duration.ofSeconds(20), "the renewed certificate served", () -> renewed.getSerialNumber()
                    .equals(served(certs, port)));
        } finally {
            ClaimsHarness.await(vertx.close());
        }
    }

    private static BigInteger served(TestCerts certs, int port) {
        try (SSLSocket s = (SSLSocket) certs.sslContext(null).getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
