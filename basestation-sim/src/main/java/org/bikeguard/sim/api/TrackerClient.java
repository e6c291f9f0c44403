package org.bikeguard.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bikeguard.common.tls.Pem;

/**
 * A small client of the tracker's public HTTP API as an admin (or any user): logs in with
 * {@code POST /api/v1/auth/token}, sends the bearer token, logs in again once on a 401 (tokens
 * expire after 12 hours), and turns non-2xx answers into {@link ApiException}s carrying the
 * status and the error body.
 *
 * <p>Thread-safe: {@link HttpClient} is; the token is a volatile field.
 */
public final class TrackerClient {
    /** Jackson mapper shared by the simulator's API code. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A non-2xx answer. */
    public static final class ApiException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiException(String what, int status, String body) {
            super(what + ": HTTP " + status + " "
                    + (body == null ? "" : body.substring(0, Math.min(300, body.length()))));
            this.status = status;
        }

        /** HTTP status. */
        public int status() {
            return status;
        }
    }

    private final String base;
    private final String username;
    private final String password;
    private final HttpClient http;
    private volatile String token;

    /** A client of the tracker at {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}). */
    public TrackerClient(String baseUrl, String username, String password) {
        this(baseUrl, username, password, null);
    }

    /**
     * A client of the tracker at {@code baseUrl}; for {@code https}, trusting the PEM CA
     * certificates of {@code caFile} (null: the JVM's trust store).
     *
     * @throws IllegalArgumentException when {@code caFile} cannot be read
     */
    public TrackerClient(String baseUrl, String username, String password, String caFile) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.username = username;
        this.password = password;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caFile != null) {
            b.sslContext(trusting(caFile));
        }
        this.http = b.build();
    }

    private static SSLContext trusting(String caFile) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.certificates(Files.readAllBytes(Path.of(caFile)))) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + caFile + " as CA certificates: " + e.getMessage(), e);
        }
    }

    /** Logs in (again) and keeps the token. */
    public void login() throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, "login as " + username);
        JsonNode t = JSON.readTree(r.body()).get("token");
        if (t == null || !t.isTextual()) {
            throw new IOException("login as " + username + ": no token in the answer");
        }
        token = t.asText();
    }

    /** POSTs {@code body} with the given content type; the answer as JSON. */
    public JsonNode post(String path, String contentType, String body) throws IOException, InterruptedException {
        return JSON.readTree(send("POST " + path, path, contentType, HttpRequest.BodyPublishers.ofString(body), "POST")
                .body());
    }

    /** POSTs an object as JSON; the answer as JSON. */
    public JsonNode postJson(String path, Object body) throws IOException, InterruptedException {
        return post(path, "application/json", JSON.writeValueAsString(body));
    }

    /** PUTs an object as JSON; the answer as JSON. */
    public JsonNode putJson(String path, Object body) throws IOException, InterruptedException {
        return JSON.readTree(send(
                        "PUT " + path,
                        path,
                        "application/json",
                        HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)),
                        "PUT")
                .body());
    }

    /** GETs a JSON document. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send("GET " + path, path, null, HttpRequest.BodyPublishers.noBody(), "GET")
                .body());
    }

    /** GETs {@code path} with query parameters (URL-encoded here). */
    public JsonNode get(String path, Map<String, String> query) throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            sb.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return get(sb.toString());
    }

    private HttpResponse<String> send(
            String what, String path, String contentType, HttpRequest.BodyPublisher body, String method)
            throws IOException, InterruptedException {
        if (token == null) {
            login();
        }
        HttpResponse<String> r = sendOnce(path, contentType, body, method);
        if (r.statusCode() == 401) {
            login();
            r = sendOnce(path, contentType, body, method);
        }
        check(r, what);
        return r;
    }

    private HttpResponse<String> sendOnce(
            String path, String contentType, HttpRequest.BodyPublisher body, String method)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static void check(HttpResponse<String> r, String what) throws ApiException {
        if (r.statusCode() / 100 != 2) {
            throw new ApiException(what, r.statusCode(), r.body());
        }
    }
}
