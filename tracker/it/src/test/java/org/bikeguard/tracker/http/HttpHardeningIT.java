package org.bikeguard.tracker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP server's hardening seen from a client: bodies of unauthenticated requests are refused
 * before they are read, security headers on every answer, idle connections closed, the pages free
 * of inline script, {@code /metrics} guarded.
 */
@Timeout(180)
class HttpHardeningIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: one plain request per call
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        tracker =
                TrackerKit.builder().env("BIKEGUARD_HTTP_IDLE_TIMEOUT_S", "10").start();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void anUnauthenticatedBigBodyGets401BeforeAByteOfItIsSent() throws IOException {
        // 5 MB is within the authenticated limit (10 MiB): only checking the token first answers at once
        for (long length : new long[] {5_000_000L, 104_857_600L}) {
            try (Socket s = new Socket("127.0.0.1", tracker.httpPort())) {
                s.setSoTimeout(5_000); // well before the idle timeout (10 s) would close it
                // only the head: the server must answer without waiting for (or buffering) the body
                write(
                        s,
                        "PUT /api/v1/stations/BIG-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n");
                String answer = readUntilClosed(s);
                assertTrue(answer.startsWith("HTTP/1.1 401"), length + ": " + answer);
                assertTrue(answer.toLowerCase().contains("connection: close"), answer);
                assertTrue(answer.contains("\"code\":\"unauthorized\""), answer);
            }
        }
    }

    @Test
    void thePublicLoginReadsAtMostSixteenKilobytes() throws IOException {
        try (Socket s = new Socket("127.0.0.1", tracker.httpPort())) {
            s.setSoTimeout(5_000);
            write(
                    s,
                    "POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000000\r\n\r\n{\"username\":\"");
            String answer = readUntilClosed(s);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"limitBytes\":16384"), answer);
        }
    }

    @Test
    void aSmallBodyWithoutATokenGets401AndTheConnectionIsClosedOrStillServes() throws IOException {
        try (Socket s = new Socket("127.0.0.1", tracker.httpPort())) {
            s.setSoTimeout(5_000);
            write(
                    s,
                    "POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2\r\n\r\n{}");
            String first = readResponse(s.getInputStream());
            assertTrue(first.startsWith("HTTP/1.1 401"), first);
            if (first.toLowerCase().contains("connection: close")) {
                assertEquals(-1, s.getInputStream().read(), "closed as announced");
            } else { // the whole body was read: the connection goes on
                write(s, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                String second = readResponse(s.getInputStream());
                assertTrue(second.startsWith("HTTP/1.1 200"), second);
            }
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        String admin = tracker.adminToken();
        for (String[] req : List.of(
                new String[] {"/police/", null},
                new String[] {"/police/alarms.js", null},
                new String[] {"/health", null},
                new String[] {"/api/v1/stations", admin},
                new String[] {"/api/v1/stations", null},
                new String[] {"/api/v1/no-such-route", admin},
                new String[] {"/police/vendor/leaflet/leaflet.js", null})) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tracker.baseUrl() + req[0]));
            if (req[1] != null) {
                b.header("Authorization", "Bearer " + req[1]);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String what = req[0] + " (" + r.statusCode() + ")";
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self';"), what + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), what + ": " + csp);
            assertEquals(
                    "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), what);
            assertEquals(
                    "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), what);
            assertNull(
                    r.headers().firstValue("Strict-Transport-Security").orElse(null), what + ": no HSTS without TLS");
            if (req[0].startsWith("/api/")) {
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), what);
            }
        }
    }

    @Test
    void thePagesHaveNoInlineScriptOrStyleOrHandlers() throws Exception {
        Pattern script = Pattern.compile("<script([^>]*)>", Pattern.CASE_INSENSITIVE);
        Pattern inline = Pattern.compile("\\son[a-z]+\\s*=|\\sstyle\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        for (String page : List.of(
                "/police/",
                "/public/",
                "/c/7QK2M9XW4HCA",
                "/installer/",
                "claims-web/owner.html",
                "claims-web/index.html")) {
            String html;
            if (page.startsWith("/")) {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(tracker.baseUrl() + page))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), page);
                html = r.body();
            } else { // the claims module's pages, served on this port when it is deployed
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(page)) {
                    assertTrue(in != null, page);
                    html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Matcher m = script.matcher(html);
            int scripts = 0;
            while (m.find()) {
                scripts++;
                assertTrue(m.group(1).contains("src="), page + ": inline <script" + m.group(1) + ">");
            }
            assertTrue(scripts > 0, page);
            Matcher h = inline.matcher(html);
            assertFalse(h.find(), page + ": an inline handler or style attribute");
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket s = new Socket("127.0.0.1", tracker.httpPort())) {
            s.setSoTimeout(30_000);
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "the server closes a silent connection");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds >= 9 && seconds < 20, "closed after " + seconds + " s (timeout 10 s)");
        }
    }

    @Test
    void metricsAreServedToLoopbackClientsOnlyByDefault() throws Exception {
        assertEquals(200, get(tracker.baseUrl() + "/metrics", null, null).statusCode());
        HttpResponse<String> forwarded = get(tracker.baseUrl() + "/metrics", null, "203.0.113.9");
        assertEquals(403, forwarded.statusCode(), "through a proxy on this host: " + forwarded.body());
    }

    @Test
    void aLargeAnswerToAnH2cUpgradeRequestArrivesAtOnce() throws Exception {
        // a client's first plaintext request may ask to upgrade to HTTP/2 (the JDK's client does by
        // default); the answer to that very request (/metrics; the map library, larger than HTTP/2's
        // initial 64 KiB window) must arrive whole at once, not when the idle timeout (10 s) closes it
        for (int i = 0; i < 12; i++) {
            String path = i % 2 == 0 ? "/metrics" : "/police/vendor/leaflet/leaflet.js";
            HttpClient h2 = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = h2.send(
                    HttpRequest.newBuilder(URI.create(tracker.baseUrl() + path))
                            .timeout(Duration.ofSeconds(8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains(i % 2 == 0 ? "# TYPE jvm_" : "Leaflet"), "whole body");
            assertTrue(ms < 5_000, "answered in " + ms + " ms over " + r.version());
        }
    }

    @Test
    void metricsWithATokenOnASeparateListener() throws Exception {
        int port = FreePorts.free();
        String token = "metrics-token-0123456789";
        try (TrackerKit t = TrackerKit.builder()
                .env("BIKEGUARD_METRICS_TOKEN", token)
                .env("BIKEGUARD_METRICS_BIND", "127.0.0.1:" + port)
                .start()) {
            assertEquals(404, get(t.baseUrl() + "/metrics", null, null).statusCode(), "not on the API port");
            String url = "http://127.0.0.1:" + port + "/metrics";
            assertEquals(401, get(url, null, null).statusCode());
            assertEquals(401, get(url, "wrong-token-0123456789", null).statusCode());
            HttpResponse<String> ok = get(url, token, null);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("bikeguard_api_requests_total"), ok.body());
            assertEquals(
                    404,
                    get("http://127.0.0.1:" + port + "/health", token, null).statusCode(),
                    "metrics only");
        }
    }

    private static HttpResponse<String> get(String url, String bearer, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One answer: its head and a body of {@code content-length} bytes. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed in the head: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(h);
        byte[] body = m.find() ? in.readNBytes(Integer.parseInt(m.group(1))) : new byte[0];
        return h + new String(body, StandardCharsets.UTF_8);
    }

    /** Everything the server sends until it closes the connection (fails on the read timeout). */
    private static String readUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server kept the connection open; got: " + got.toString(StandardCharsets.UTF_8));
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
