package org.bikeguard.tracker.ingest;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base stations' MQTT endpoint. Authenticates each connection as a station (username =
 * station id, password = its secret), hands every PUBLISH to {@link FrameIntake}, and sends the
 * PUBACK only when the frame is durable in the frame log. Several instances share the port
 * (Vert.x balances connections across them); each runs on its own event loop.
 */
public final class MqttIngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestVerticle.class);
    /** MQTT packets up to this size reach our checks (larger ones are refused by the codec itself). */
    private static final int MAX_MQTT_MESSAGE = 256 * 1024;

    private final String host;
    private final int port;
    private final StationRegistry stations;
    private final FrameIntake intake;
    private final IngestMetrics metrics;
    private final AtomicInteger connections;
    private MqttServer server;

    public MqttIngestVerticle(String host, int port, StationRegistry stations, FrameIntake intake,
                              IngestMetrics metrics, AtomicInteger connections) {
        this.host = host;
        this.port = port;
        this.stations = stations;
        this.intake = intake;
        this.metrics = metrics;
        this.connections = connections;
    }

    @Override
    public Future<?> start() {
        MqttServerOptions options = new MqttServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxMessageSize(MAX_MQTT_MESSAGE);
        options.setTcpNoDelay(true);
        server = MqttServer.create(vertx, options).endpointHandler(this::onConnect);
        return server.listen();
    }

    /** The port actually bound (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void onConnect(MqttEndpoint endpoint) {
        String id = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        String secret = endpoint.auth() == null ? null : endpoint.auth().getPassword();
        if (id == null || secret == null || !stations.authenticate(id, secret)) {
            metrics.connectionRefused("bad_credentials");
            LOG.debug("refusing connection [station: {}, reason: bad credentials]", id);
            endpoint.reject(endpoint.protocolVersion() >= 5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return;
        }
        Station station = stations.byId(id);
        Context context = vertx.getOrCreateContext();
        connections.incrementAndGet();
        endpoint.closeHandler(v -> connections.decrementAndGet());
        endpoint.exceptionHandler(e -> LOG.debug("connection error [station: {}, error: {}]", id, e.getMessage()));
        endpoint.subscribeHandler(sub -> endpoint.subscribeAcknowledge(sub.messageId(),
                Collections.nCopies(sub.topicSubscriptions().size(), MqttSubAckReasonCode.NOT_AUTHORIZED),
                MqttProperties.NO_PROPERTIES));
        endpoint.publishHandler(msg -> onPublish(endpoint, context, station, msg));
        endpoint.accept(false);
        LOG.debug("station connected [station: {}, protocol: {}]", id, endpoint.protocolVersion());
    }

    private void onPublish(MqttEndpoint endpoint, Context context, Station station, MqttPublishMessage msg) {
        boolean ack = msg.qosLevel() == MqttQoS.AT_LEAST_ONCE;
        FrameIntake.Outcome outcome = intake.onPublish(station.id(), station.idx(), msg.topicName(), msg.payload().getBytes());
        if (outcome instanceof FrameIntake.Refused refused) {
            if (ack) {
                acknowledgeRefusal(endpoint, msg.messageId(), refused);
            }
            return;
        }
        FrameIntake.Accepted accepted = (FrameIntake.Accepted) outcome;
        accepted.durable().whenComplete((frameId, err) -> context.runOnContext(v -> {
            if (!endpoint.isConnected()) {
                return;
            }
            if (err != null) {
                // Not durable: drop the connection so the station resends after reconnecting.
                LOG.warn("closing connection, frame not durable [station: {}, error: {}]", station.id(), err.getMessage());
                endpoint.close();
            } else if (ack) {
                endpoint.publishAcknowledge(msg.messageId());
            }
        }));
    }

    private static void acknowledgeRefusal(MqttEndpoint endpoint, int messageId, FrameIntake.Refused refused) {
        if (endpoint.protocolVersion() >= 5) {
            endpoint.publishAcknowledge(messageId,
                    refused.notAuthorized() ? MqttPubAckReasonCode.NOT_AUTHORIZED : MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.publishAcknowledge(messageId);
        }
    }
}
