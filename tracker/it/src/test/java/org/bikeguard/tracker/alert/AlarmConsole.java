package org.bikeguard.tracker.alert;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bikeguard.testkit.Poll;

/**
 * A police console for tests: a real WebSocket on the alarm stream, authenticated as the browser
 * console does (the token as the first message, never in the URL), recording every alarm received
 * (control messages such as {@code {"event":"ready"}} apart) and how the socket was closed.
 */
public final class AlarmConsole implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket ws;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<JsonObject> control = new CopyOnWriteArrayList<>();
    private final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
    private volatile Short closeStatus;
    private volatile String closeReason;

    private AlarmConsole(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> {
            JsonObject o = new JsonObject(t);
            if (o.containsKey("id")) {
                received.add(o);
            } else {
                control.add(o);
                if ("ready".equals(o.getString("event"))) {
                    ready.complete(o);
                }
            }
        });
        ws.closeHandler(v -> {
            closeStatus = ws.closeStatusCode();
            closeReason = ws.closeReason();
            ready.completeExceptionally(
                    new IllegalStateException("closed before ready: " + closeStatus + " " + closeReason));
        });
    }

    /**
     * Connects, sends the token as the first message and waits (10 s) for the server's
     * {@code ready}; fails when the socket is closed instead (bad token, role not allowed).
     *
     * @param since {@code null} for live only
     */
    public static AlarmConsole connect(Vertx vertx, int port, String token, Long since) {
        AlarmConsole c = open(vertx, port, since, null);
        c.ws.writeTextMessage(new JsonObject().put("token", token).encode());
        try {
            c.awaitReady();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Opens the socket without authenticating; with {@code bearer} set, sends it as
     * {@code Authorization: Bearer} on the upgrade (the way for clients that can set headers).
     */
    public static AlarmConsole open(Vertx vertx, int port, Long since, String bearer) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions o = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/api/v1/alerts/stream" + (since == null ? "" : "?since=" + since));
        if (bearer != null) {
            o.addHeader("Authorization", "Bearer " + bearer);
        }
        // the handlers are set on the socket's event loop before any message can arrive
        return client.connect(o)
                .map(ws -> new AlarmConsole(client, ws))
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    /** Sends a text message. */
    public void send(String text) {
        ws.writeTextMessage(text);
    }

    /** Waits (10 s) for the server's {@code {"event":"ready",...}} and returns it. */
    public JsonObject awaitReady() {
        return ready.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Waits until the server closes the socket; returns its status (4401: token refused, 4403: role). */
    public short awaitClosed(Duration timeout) {
        Poll.until(timeout, "the alarm socket closed", () -> closeStatus != null);
        return closeStatus;
    }

    /** The close reason the server gave, or {@code null} while open. */
    public String closeReason() {
        return closeReason;
    }

    /** The control messages received (those without an {@code id}). */
    public List<JsonObject> control() {
        return new ArrayList<>(control);
    }

    /** Everything received so far, in order. */
    public List<JsonObject> received() {
        return new ArrayList<>(received);
    }

    /** The alarms received so far matching {@code p}. */
    public List<JsonObject> matching(Predicate<JsonObject> p) {
        return received.stream().filter(p).toList();
    }

    /** Waits (10 s) for an alarm matching {@code p} and returns the first. */
    public JsonObject await(String what, Predicate<JsonObject> p) {
        Poll.until(Duration.ofSeconds(10), what, () -> received.stream().anyMatch(p));
        return matching(p).get(0);
    }

    /** Alarms of a tag and type. */
    public static Predicate<JsonObject> of(String type, String tag) {
        return o -> type.equals(o.getString("type")) && tag.equals(o.getString("tag"));
    }

    @Override
    public void close() {
        ws.close()
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
        client.close();
    }
}
