package org.bikeguard.claims.e2e;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A base station for the end-to-end test: one MQTT connection authenticated as the station,
 * publishing JSON frames on its own topic {@code stations/{id}/reads} at QoS 1, as the contract
 * describes.
 */
final class StationLink implements AutoCloseable {

    private static final AtomicLong SEQ = new AtomicLong();

    private final MqttClient client;
    private final String id;

    private StationLink(MqttClient client, String id) {
        this.client = client;
        this.id = id;
    }

    static StationLink connect(Vertx vertx, int port, String id, String secret) {
        MqttClient c = MqttClient.create(vertx, new MqttClientOptions().setUsername(id).setPassword(secret).setClientId(id));
        c.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        return new StationLink(c, id);
    }

    /** Publishes one frame: {@code tag} read {@code count} times at {@code at}. */
    void read(String tag, Instant at, int count) {
        JsonObject frame = new JsonObject().put("station", id).put("seq", SEQ.incrementAndGet())
                .put("reads", new JsonArray().add(new JsonObject().put("tag", tag).put("ts", at.toEpochMilli())
                        .put("rssi", -55).put("count", count)));
        client.publish("stations/" + id + "/reads", Buffer.buffer(frame.encode()), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            client.disconnect().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
        }
    }
}
