package org.bikeguard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A small blocking HTTP client for the tracker's one port (its API, and the routes of modules
 * mounted on it), as a user's script would call it: JSON in and out, {@code Authorization: Bearer}
 * when the client holds a token. Immutable: {@link #login} and {@link #withToken} return a client
 * holding that token. Thread-safe.
 */
public final class HttpTestClient {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String token;
    private final HttpClient http;

    /** An anonymous client of {@code http://127.0.0.1:port}. */
    public HttpTestClient(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    /** A client of {@code base} (scheme, host and port, no trailing slash) holding {@code token} (or none). */
    public HttpTestClient(String base, String token) {
        this(base, token, HTTP);
    }

    /**
     * A client of {@code base} holding {@code token} (or none) that sends through {@code http}
     * (one trusting a test CA for an {@code https} base, see {@link TestCerts#httpClient()}).
     */
    public HttpTestClient(String base, String token, HttpClient http) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = token;
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * One answer: status, {@code Content-Type} (or null) and the raw body, with views of the body
     * as text, Vert.x JSON and Jackson JSON.
     */
    public record Response(int status, String contentType, byte[] raw) {

        /** The body as UTF-8 text. */
        public String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        /** The body as a JSON object (fails when it is not one). */
        public JsonObject json() {
            return new JsonObject(body());
        }

        /** The body as a JSON array (fails when it is not one). */
        public JsonArray array() {
            return new JsonArray(body());
        }

        /** The body as a Jackson tree (fails when it is not JSON). */
        public JsonNode node() {
            try {
                return JACKSON.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }

        /** The {@code code} of a JSON error answer ({@code {code, message, details}}). */
        public String code() {
            return json().getString("code");
        }

        @Override
        public String toString() {
            return status + " " + (contentType != null && contentType.startsWith("application/pdf") ? "<pdf>" : body());
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String base() {
        return base;
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return token;
    }

    /** The same server, sending {@code token} (null: none). */
    public HttpTestClient withToken(String token) {
        return new HttpTestClient(base, token, http);
    }

    /** Logs in with {@code POST /api/v1/auth/token}; returns a client holding the token (fails when refused). */
    public HttpTestClient login(String username, String password) {
        Response r = withToken(null)
                .post(
                        "/api/v1/auth/token",
                        new JsonObject()
                                .put("username", username)
                                .put("password", password)
                                .encode());
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r);
        }
        return withToken(r.json().getString("token"));
    }

    /** {@code GET path}. */
    /** The sum of the {@code /metrics} samples whose line starts with {@code prefix} (name and labels). */
    public double metric(String prefix) {
        return get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    public Response get(String path) {
        return send("GET", path, null, (byte[]) null);
    }

    /** {@code DELETE path}. */
    public Response delete(String path) {
        return send("DELETE", path, null, (byte[]) null);
    }

    /** {@code POST path} with a JSON body (null: no body). */
    public Response post(String path, String json) {
        return send("POST", path, json == null ? null : "application/json", json);
    }

    /** {@code PUT path} with a JSON body. */
    public Response put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    /** Any method with a JSON body (null: no body). */
    public Response json(String method, String path, JsonObject body) {
        return body == null
                ? send(method, path, null, (byte[]) null)
                : send(method, path, "application/json", body.encode());
    }

    /**
     * Creates or updates a street station (radius 80 m) at (lon, lat); returns the station as the
     * API answers it (with its dense index {@code idx}). Fails unless answered 200 or 201.
     */
    public JsonObject putStation(String id, String secret, double lon, double lat) {
        Response r = putStation(id, id, "street", lon, lat, 80, secret);
        if (r.status() != 200 && r.status() != 201) {
            throw new AssertionError("station PUT failed: " + r);
        }
        return r.json();
    }

    /** {@code PUT /api/v1/stations/{id}} with every field; the answer as it is (201 created, 200 updated). */
    public Response putStation(
            String id, String name, String kind, double lon, double lat, int radiusM, String secret) {
        return put(
                "/api/v1/stations/" + id,
                new JsonObject()
                        .put("name", name)
                        .put("kind", kind)
                        .put("lon", lon)
                        .put("lat", lat)
                        .put("radiusM", radiusM)
                        .put("secret", secret)
                        .encode());
    }

    /** Any method with a text body of the given content type (both null: no body). */
    public Response send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Any method with a body of the given content type (both null: no body). */
    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(null), resp.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }
}
