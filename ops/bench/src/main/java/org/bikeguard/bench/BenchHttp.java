package org.bikeguard.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A blocking JSON client of the tracker's HTTP API for the alarm and police benchmarks. Not thread-safe. */
final class BenchHttp {

    /** One answer. */
    record Resp(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    BenchHttp(String base) {
        this.base = base;
    }

    String token() {
        return token;
    }

    BenchHttp login(String user, String password) {
        Resp r = send(
                "POST",
                "/api/v1/auth/token",
                "application/json",
                new JsonObject().put("username", user).put("password", password).encode());
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + r.status() + " " + r.body());
        }
        token = r.json().getString("token");
        return this;
    }

    /** Creates a user (a 409 for an existing one is fine). */
    void user(String user, String password, String role) {
        Resp r = send(
                "POST",
                "/api/v1/users",
                "application/json",
                new JsonObject()
                        .put("username", user)
                        .put("password", password)
                        .put("role", role)
                        .encode());
        if (r.status() != 201 && r.status() != 409) {
            throw new IllegalStateException("user " + user + ": " + r.status() + " " + r.body());
        }
    }

    Resp send(String method, String path, String type, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The p-th percentile (0..100) of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
