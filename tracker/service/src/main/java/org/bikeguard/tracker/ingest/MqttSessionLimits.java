package org.bikeguard.tracker.ingest;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import org.bikeguard.protocol.Limits;

/**
 * What the MQTT endpoint promises and enforces per connection. Over MQTT 5 the limits are
 * announced in the CONNACK; over MQTT 3.1.1 they are enforced without being announced (that
 * version has no way to say them). Immutable.
 *
 * @param maxKeepAliveSeconds the longest a connection may stay silent, in seconds: a client
 *                            keepalive of 0 (none) or above this is bounded by it
 * @param receiveMaximum      QoS 1 frames a client may have unacknowledged at once (MQTT 5)
 * @param maxPacketBytes      the largest MQTT packet accepted, in bytes, fixed header included
 */
public record MqttSessionLimits(int maxKeepAliveSeconds, int receiveMaximum, int maxPacketBytes) {

    /**
     * Room for the PUBLISH packet around a frame of the protocol's maximum size: fixed header
     * (at most 5 bytes), topic ({@code stations/} + a 32-byte id + {@code /reads}), packet id and
     * MQTT 5 properties.
     */
    public static final int PACKET_OVERHEAD_BYTES = 512;

    /**
     * Seconds a new TCP connection has to complete its CONNECT packet; then it is closed (the MQTT
     * library's default of 90 s lets half-open connections pile up).
     */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    /** Frames in flight per connection a client may keep (stations use 1–2). */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 100;

    public MqttSessionLimits {
        if (maxKeepAliveSeconds < 1 || maxKeepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("maxKeepAliveSeconds must be within 1..65535: " + maxKeepAliveSeconds);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be within 1..65535: " + receiveMaximum);
        }
        if (maxPacketBytes < 1024) {
            throw new IllegalArgumentException("maxPacketBytes too small: " + maxPacketBytes);
        }
    }

    /** The defaults with the given keepalive bound: a 64 KiB frame fits, 100 frames in flight. */
    public static MqttSessionLimits withMaxKeepAlive(int maxKeepAliveSeconds) {
        return new MqttSessionLimits(
                maxKeepAliveSeconds, DEFAULT_RECEIVE_MAXIMUM, Limits.MAX_FRAME_BYTES + PACKET_OVERHEAD_BYTES);
    }

    /**
     * The largest "remaining length" the packet decoder accepts: the packet size less the fixed
     * header, which is 4 bytes for packets of this size (type byte and a 3-byte length).
     */
    public int maxRemainingLength() {
        return maxPacketBytes - 4;
    }

    /** The keepalive this server holds a client to, in seconds: the client's own unless 0 or above the bound. */
    public int effectiveKeepAlive(int clientKeepAliveSeconds) {
        return clientKeepAliveSeconds == 0 || clientKeepAliveSeconds > maxKeepAliveSeconds
                ? maxKeepAliveSeconds
                : clientKeepAliveSeconds;
    }

    /** Whether this server must watch the connection's silence itself (Vert.x only does when 0 < keepalive). */
    public boolean bounded(int clientKeepAliveSeconds) {
        return effectiveKeepAlive(clientKeepAliveSeconds) != clientKeepAliveSeconds;
    }

    /**
     * The MQTT 5 CONNACK properties: Maximum QoS 1 (QoS 2 is refused with DISCONNECT 0x9B),
     * Receive Maximum, Maximum Packet Size, Topic Alias Maximum 0, no wildcard, shared or
     * identified subscriptions (subscribing is not allowed at all), and a Server Keep Alive when
     * the client's keepalive is bounded.
     */
    public MqttProperties connackProperties(int clientKeepAliveSeconds) {
        MqttProperties p = new MqttProperties();
        p.add(new IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
        p.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), receiveMaximum));
        p.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), maxPacketBytes));
        p.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
        p.add(new IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
        p.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        p.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
        if (bounded(clientKeepAliveSeconds)) {
            p.add(new IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), maxKeepAliveSeconds));
        }
        return p;
    }
}
