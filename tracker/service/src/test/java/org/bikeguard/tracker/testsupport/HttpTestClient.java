package org.bikeguard.tracker.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny blocking HTTP client for tests, speaking JSON to the tracker's public API. */
public final class HttpTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    /** A response: status and parsed JSON body (null when the body is not JSON). */
    public record Response(int status, JsonNode json, String body) {
    }

    public HttpTestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Logs in and keeps the bearer token for later calls. */
    public HttpTestClient login(String username, String password) {
        Response r = send("POST", "/api/v1/auth/token", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        token = r.json().get("token").asText();
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    /** Creates or updates a street station at the given position. */
    public void putStation(String id, String secret, double lon, double lat) {
        Response r = put("/api/v1/stations/" + id, "{\"name\":\"" + id + "\",\"kind\":\"street\",\"lon\":" + lon
                + ",\"lat\":" + lat + ",\"radiusM\":80,\"secret\":\"" + secret + "\"}");
        if (r.status() != 200 && r.status() != 201) {
            throw new IllegalStateException("station PUT failed: " + r.status() + " " + r.body());
        }
    }

    public Response send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            try {
                node = resp.body().isEmpty() ? null : JSON.readTree(resp.body());
            } catch (IOException notJson) {
                node = null;
            }
            return new Response(resp.statusCode(), node, resp.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
