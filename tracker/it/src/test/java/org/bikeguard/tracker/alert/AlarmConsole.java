package org.bikeguard.tracker.alert;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bikeguard.testkit.Poll;

/** A police console for tests: a real WebSocket on the alarm stream, recording every alarm received. */
public final class AlarmConsole implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket ws;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    private AlarmConsole(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> received.add(new JsonObject(t)));
    }

    /**
     * Connects with the token in the query string.
     *
     * @param since {@code null} for live only
     */
    public static AlarmConsole connect(Vertx vertx, int port, String token, Long since) {
        WebSocketClient client = vertx.createWebSocketClient();
        String uri = "/api/v1/alerts/stream?token=" + token + (since == null ? "" : "&since=" + since);
        WebSocket ws = client.connect(new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(uri))
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return new AlarmConsole(client, ws);
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
