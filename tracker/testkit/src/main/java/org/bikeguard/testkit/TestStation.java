package org.bikeguard.testkit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bikeguard.protocol.Topics;

/**
 * A base station for tests and benchmarks: a real Vert.x MQTT client over loopback, authenticated
 * as the station (user name and client id the station id, password its secret), publishing QoS 1
 * frames on its own topic and completing each publish on its PUBACK. Frames are built with
 * {@link JsonFrames} or the protocol's codecs. Thread-safe; blocking methods must not run on an
 * event loop.
 */
public final class TestStation implements AutoCloseable {

    private final MqttClient client;
    private final String id;
    private final Map<Integer, Promise<Void>> pending = new ConcurrentHashMap<>();
    /** PUBACKs that arrived before publish() reported the message id (a busy event loop). */
    private final Set<Integer> early = ConcurrentHashMap.newKeySet();

    private TestStation(MqttClient client, String id) {
        this.client = client;
        this.id = id;
    }

    /**
     * Connects to the MQTT endpoint on {@code 127.0.0.1:port}, blocking up to 10 s; fails with the
     * broker's refusal when the credentials are wrong.
     */
    public static TestStation connect(Vertx vertx, int port, String id, String secret) {
        MqttClientOptions options =
                new MqttClientOptions().setUsername(id).setPassword(secret).setClientId(id);
        options.setMaxInflightQueue(1000);
        options.setAutoAck(true);
        MqttClient client = MqttClient.create(vertx, options);
        TestStation station = new TestStation(client, id);
        client.publishCompletionHandler(messageId -> {
            Promise<Void> p = station.pending.remove(messageId);
            if (p != null) {
                p.complete();
            } else {
                station.early.add(messageId);
            }
        });
        client.connect(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return station;
    }

    /** Publishes on this station's own topic; completes on PUBACK. */
    public Future<Void> publish(byte[] payload) {
        return publishOn(Topics.readsTopic(id), payload);
    }

    /** Publishes on any topic; completes on PUBACK. */
    public Future<Void> publishOn(String topic, byte[] payload) {
        Promise<Void> acked = Promise.promise();
        return client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .compose(messageId -> {
                    if (early.remove(messageId)) {
                        acked.complete();
                    } else {
                        pending.put(messageId, acked);
                        if (early.remove(messageId)) {
                            pending.remove(messageId);
                            acked.tryComplete();
                        }
                    }
                    return acked.future();
                });
    }

    /** Publishes and blocks until the PUBACK (10 s). */
    public void publishAndWait(byte[] payload) {
        publish(payload)
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    /** Whether the connection is up. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects (blocking up to 5 s) when connected. */
    @Override
    public void close() {
        if (client.isConnected()) {
            client.disconnect()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(5, TimeUnit.SECONDS)
                    .join();
        }
    }
}
