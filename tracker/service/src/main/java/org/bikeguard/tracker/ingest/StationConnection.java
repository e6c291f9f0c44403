package org.bikeguard.tracker.ingest;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.io.IOException;
import java.util.Collections;
import org.bikeguard.tracker.station.Station;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated station's MQTT connection: hands every PUBLISH to {@link FrameIntake} and
 * answers it only once the frame is durable — PUBACK for QoS 1; for QoS 2 over MQTT 3.1.1, PUBREC
 * when durable and PUBCOMP on PUBREL (a redelivery is recognised by (station, seq) either way).
 * MQTT 5 clients are told Maximum QoS 1 in the CONNACK, so a QoS 2 PUBLISH from one is answered
 * with DISCONNECT 0x9B. Refused SUBSCRIBEs get the failure code of the client's protocol version.
 *
 * <p>Backpressure: a connection that delivers a frame while the {@link IngestBudget} is above its
 * high-water mark stops reading its socket ({@link ReadGate}) until the verticle tells it the
 * budget is back at the low-water mark ({@link #resumeIfUnderBudget()}); meanwhile its
 * acknowledgements still go out as frames become durable, and it is never closed as silent.
 *
 * <p>All methods but {@link #takenOver()} and {@link #revoked(String)} run on the connection's
 * event loop; those two hop onto it.
 */
final class StationConnection {

    private static final Logger LOG = LoggerFactory.getLogger(StationConnection.class);

    private final MqttEndpoint endpoint;
    private final Context context;
    private final Station station;
    private final FrameIntake intake;
    private final IngestMetrics metrics;
    private final MqttSessionLimits limits;
    private final boolean mqtt5;
    private final IngestBudget budget;
    private final ReadGate reads;
    /** Whether reading is paused by backpressure; event-loop confined. */
    private boolean paused;
    /** When reading was last paused, {@link System#nanoTime()}; event-loop confined. */
    private long pausedAtNanos;
    /** When the last packet arrived, monotonic milliseconds ({@link MqttIngestVerticle#monotonicMillis()}); event-loop confined. */
    private long lastActivityMs;
    /** QoS 1/2 frames not yet answered; event-loop confined. */
    private int inFlight;

    StationConnection(
            MqttEndpoint endpoint,
            Context context,
            Station station,
            FrameIntake intake,
            IngestMetrics metrics,
            MqttSessionLimits limits,
            long nowMs) {
        this.endpoint = endpoint;
        this.context = context;
        this.station = station;
        this.intake = intake;
        this.metrics = metrics;
        this.limits = limits;
        this.mqtt5 = endpoint.protocolVersion() >= 5;
        this.lastActivityMs = nowMs;
        this.budget = intake.budget();
        this.reads = ReadGate.of(endpoint);
    }

    String stationId() {
        return station.id();
    }

    /** The station as it was when this connection authenticated. */
    Station station() {
        return station;
    }

    /** Installs the packet handlers; the caller accepts the connection afterwards. */
    void bind() {
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.publishHandler(this::onPublish);
        endpoint.publishReleaseHandler(messageId -> {
            touch();
            endpoint.publishComplete(messageId);
        });
        endpoint.pingHandler(v -> touch());
    }

    /** A packet arrived: the connection is alive. */
    private void touch() {
        lastActivityMs = MqttIngestVerticle.monotonicMillis();
    }

    /**
     * Closes the connection when it has been silent for longer than 1.5 times its keepalive
     * (the MQTT rule), where the keepalive is bounded by this server (Vert.x only watches
     * keepalives above 0, and without a bound).
     */
    void closeIfIdle(long nowMs) {
        int keepAlive = endpoint.keepAliveTimeSeconds();
        if (paused || !limits.bounded(keepAlive) || !endpoint.isConnected()) {
            return;
        }
        if (nowMs - lastActivityMs > limits.effectiveKeepAlive(keepAlive) * 1_500L) {
            LOG.info(
                    "closing silent connection [station: {}, keepalive: {} s, bound: {} s]",
                    station.id(),
                    keepAlive,
                    limits.maxKeepAliveSeconds());
            disconnect(MqttDisconnectReasonCode.KEEP_ALIVE_TIMEOUT, "keep_alive_timeout");
        }
    }

    /** Stops reading when the ingest buffer is above its high-water mark. */
    private void pauseIfOverBudget() {
        if (!paused && budget.readsPaused() && reads.works() && endpoint.isConnected()) {
            paused = true;
            pausedAtNanos = System.nanoTime();
            budget.connectionPaused();
            reads.pause();
        }
    }

    /** Reads again once the ingest buffer is back at its low-water mark (a no-op otherwise). */
    void resumeIfUnderBudget() {
        if (paused && !budget.readsPaused()) {
            paused = false;
            budget.connectionResumed();
            touch();
            reads.resume();
        }
    }

    /** When reading was last paused ({@link System#nanoTime()}): the verticle resumes the oldest pauses first. */
    long pausedAtNanos() {
        return pausedAtNanos;
    }

    /** The connection closed: it no longer counts as paused. */
    void closed() {
        if (paused) {
            paused = false;
            budget.connectionResumed();
        }
    }

    /** Another connection of the same station took over: close this one on its own event loop. */
    void takenOver() {
        context.runOnContext(v -> {
            if (endpoint.isConnected()) {
                LOG.info("session taken over by a new connection [station: {}]", station.id());
                disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, "session_taken_over");
            }
        });
    }

    /**
     * The station was deleted, disabled or its credentials changed: close the connection on its
     * own event loop (MQTT 5: DISCONNECT 0x98 "administrative action").
     *
     * @param reason the metric label: {@code station_deleted}, {@code station_disabled}, {@code credentials_changed}
     */
    void revoked(String reason) {
        context.runOnContext(v -> {
            if (endpoint.isConnected()) {
                LOG.info("closing session, station changed [station: {}, reason: {}]", station.id(), reason);
                disconnect(MqttDisconnectReasonCode.ADMINISTRATIVE_ACTION, reason);
            }
        });
    }

    /**
     * An error on the connection. A packet above the Maximum Packet Size gets DISCONNECT 0x95 over
     * MQTT 5 ({@code packet_too_large}); any other packet the MQTT decoder cannot read (a reserved
     * packet type, a bad remaining length, a wildcard in a PUBLISH topic, QoS 3...) gets 0x81
     * ({@code malformed_packet}): the decoder discards everything after such a packet, so the
     * connection is of no further use. Both are counted; an I/O error (a reset by the peer) is not
     * the server's doing and only logged. Vert.x closes the connection after a decoder error.
     */
    void onError(Throwable error) {
        if (error instanceof TooLongFrameException || error.getCause() instanceof TooLongFrameException) {
            LOG.info(
                    "closing connection, packet too large [station: {}, limit: {} bytes]",
                    station.id(),
                    limits.maxPacketBytes());
            disconnect(MqttDisconnectReasonCode.PACKET_TOO_LARGE, "packet_too_large");
        } else if (error instanceof IOException) {
            LOG.debug("connection error [station: {}, error: {}]", station.id(), error.getMessage());
        } else {
            LOG.debug("closing connection, malformed packet [station: {}, error: {}]", station.id(), error.toString());
            disconnect(MqttDisconnectReasonCode.MALFORMED_PACKET, "malformed_packet");
        }
    }

    private void onSubscribe(MqttSubscribeMessage sub) {
        touch();
        MqttSubAckReasonCode refused =
                mqtt5 ? MqttSubAckReasonCode.NOT_AUTHORIZED : MqttSubAckReasonCode.UNSPECIFIED_ERROR;
        endpoint.subscribeAcknowledge(
                sub.messageId(),
                Collections.nCopies(sub.topicSubscriptions().size(), refused),
                MqttProperties.NO_PROPERTIES);
    }

    private void onPublish(MqttPublishMessage msg) {
        touch();
        MqttQoS qos = msg.qosLevel();
        if (mqtt5 && qos == MqttQoS.EXACTLY_ONCE) {
            disconnect(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED, "qos_not_supported");
            return;
        }
        if (mqtt5 && msg.properties().getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value()) != null) {
            disconnect(MqttDisconnectReasonCode.TOPIC_ALIAS_INVALID, "topic_alias_invalid");
            return;
        }
        boolean answer = qos != MqttQoS.AT_MOST_ONCE;
        if (answer && ++inFlight > limits.receiveMaximum() && mqtt5) {
            disconnect(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "receive_maximum_exceeded");
            return;
        }
        FrameIntake.Outcome outcome = intake.onPublish(
                station.id(), station.idx(), msg.topicName(), msg.payload().getBytes());
        int messageId = msg.messageId();
        if (outcome instanceof FrameIntake.Refused refused) {
            if (answer) {
                answer(messageId, qos, refused);
            }
            return;
        }
        FrameIntake.Accepted accepted = (FrameIntake.Accepted) outcome;
        // The answer needs only the id and QoS: the message (and its payload) is not kept until then.
        accepted.durable()
                .whenComplete((frameId, err) -> context.runOnContext(v -> {
                    if (!endpoint.isConnected()) {
                        return;
                    }
                    if (err != null) {
                        // Not durable: drop the connection so the station resends after reconnecting.
                        boolean full = err instanceof FrameIntake.BufferFullException;
                        LOG.warn(
                                "closing connection, frame not durable [station: {}, error: {}]",
                                station.id(),
                                err.getMessage());
                        disconnect(
                                MqttDisconnectReasonCode.SERVER_BUSY,
                                full ? FrameIntake.BufferFullException.REASON : "frame_log_unavailable");
                    } else if (answer) {
                        answer(messageId, qos, null);
                    }
                }));
        pauseIfOverBudget();
    }

    /** PUBACK (QoS 1) or PUBREC (QoS 2, MQTT 3.1.1 only); a refusal carries its reason over MQTT 5. */
    private void answer(int messageId, MqttQoS qos, FrameIntake.Refused refused) {
        inFlight--;
        if (qos == MqttQoS.EXACTLY_ONCE) {
            endpoint.publishReceived(messageId);
        } else if (mqtt5 && refused != null) {
            endpoint.publishAcknowledge(
                    messageId,
                    refused.notAuthorized()
                            ? MqttPubAckReasonCode.NOT_AUTHORIZED
                            : MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.publishAcknowledge(messageId);
        }
    }

    /** Ends the connection: DISCONNECT with {@code code} over MQTT 5, a plain close over 3.1.1. */
    private void disconnect(MqttDisconnectReasonCode code, String reason) {
        metrics.disconnected(reason);
        if (!endpoint.isConnected()) {
            return;
        }
        try {
            endpoint.disconnect(code, MqttProperties.NO_PROPERTIES);
        } catch (IllegalArgumentException alreadyClosed) {
            // Vert.x refuses to close an endpoint twice; the connection is gone either way.
        }
    }
}
