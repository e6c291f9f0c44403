package org.bikeguard.claims.e2e;

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

/**
 * A plain HTTP client for the tracker's one port, as a user's browser or script would call it:
 * JSON in and out, {@code Authorization: Bearer} when a token is given. Thread-safe.
 */
final class E2eClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    E2eClient(String base) {
        this.base = base;
    }

    /** An answer: status, content type and body. */
    record Resp(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return new JsonObject(text());
        }

        JsonArray array() {
            return new JsonArray(text());
        }

        /** The error code of a JSON error answer. */
        String code() {
            return json().getString("code");
        }

        @Override
        public String toString() {
            return status + " " + (contentType != null && contentType.startsWith("application/pdf") ? "<pdf>" : text());
        }
    }

    Resp get(String path, String token) {
        return send("GET", path, token, null);
    }

    Resp post(String path, String token, JsonObject body) {
        return send("POST", path, token, body == null ? null : body.encode());
    }

    Resp put(String path, String token, JsonObject body) {
        return send("PUT", path, token, body.encode());
    }

    /** Logs in with {@code POST /api/v1/auth/token}; returns the token. */
    String login(String username, String password) {
        Resp r = post("/api/v1/auth/token", null, new JsonObject().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r);
        }
        return r.json().getString("token");
    }

    private Resp send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Resp(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
