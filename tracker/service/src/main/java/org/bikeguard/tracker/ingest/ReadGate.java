package org.bikeguard.tracker.ingest;

import io.vertx.core.net.impl.VertxConnection;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and restarts reading one MQTT connection's socket: the station's further packets wait in
 * its TCP buffers (and then in the station), so that its publishes are acknowledged later instead
 * of piling up in the tracker's heap. vertx-mqtt 5.0 gives {@link MqttEndpoint} no pause, so this
 * reaches the endpoint's Vert.x connection and uses its own flow control: while paused, packets
 * already decoded from the last socket read are parked (not delivered) and, from 8 of them, the
 * channel stops reading; resuming delivers the parked packets in order, then reads again.
 *
 * <p>When the connection cannot be reached (another vertx-mqtt version), {@link #of} logs it once
 * and returns a gate that does nothing: the ingest budget's hard limit then still bounds memory,
 * by refusing frames (and dropping the connection) instead of pausing it.
 *
 * <p>{@link #pause()} and {@link #resume()} must run on the connection's event loop; not
 * thread-safe otherwise.
 */
final class ReadGate {

    private static final Logger LOG = LoggerFactory.getLogger(ReadGate.class);
    private static final ReadGate NONE = new ReadGate(null);
    private static volatile boolean warned;
    /** {@code MqttEndpointImpl.conn}, looked up once. */
    private static volatile Field connField;

    private final VertxConnection connection;

    private ReadGate(VertxConnection connection) {
        this.connection = connection;
    }

    /** The gate of {@code endpoint}'s socket (a no-op gate when it cannot be reached). */
    static ReadGate of(MqttEndpoint endpoint) {
        try {
            Field f = connField;
            if (f == null || f.getDeclaringClass() != endpoint.getClass()) {
                f = endpoint.getClass().getDeclaredField("conn");
                f.setAccessible(true);
                connField = f;
            }
            if (f.get(endpoint) instanceof VertxConnection c) {
                return new ReadGate(c);
            }
            warnOnce("the endpoint's connection is no VertxConnection");
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e.toString());
        }
        return NONE;
    }

    private static void warnOnce(String why) {
        if (!warned) {
            warned = true;
            LOG.warn("cannot pause MQTT reads, backpressure falls back to refusing frames: {}", why);
        }
    }

    /** Whether this gate can pause its connection. */
    boolean works() {
        return connection != null;
    }

    /** Stops delivering packets and, soon after, reading the socket. On the connection's event loop. */
    void pause() {
        if (connection != null) {
            connection.doPause();
        }
    }

    /** Delivers the parked packets, then reads the socket again. On the connection's event loop. */
    void resume() {
        if (connection != null) {
            connection.doResume();
        }
    }
}
