package org.bikeguard.tracker.ingest;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base stations' MQTT endpoint (MQTT 3.1.1 and 5), plaintext or over TLS ({@link ServerTls}:
 * the server certificate, and client certificates of the station CA when one is configured).
 * Authenticates each connection as a station ({@link StationAuth}: its secret, or its client
 * certificate), announces its {@link MqttSessionLimits} in the
 * MQTT 5 CONNACK, and hands the connection to a {@link StationConnection}. Several instances
 * share the port (Vert.x balances connections across them); each runs on its own event loop,
 * watches the silence of its own connections and, when the {@link IngestBudget} is back at its
 * low-water mark, resumes reading the ones that backpressure paused.
 */
public final class MqttIngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestVerticle.class);

    private final String host;
    private final int port;
    private final StationRegistry stations;
    private final FrameIntake intake;
    private final IngestMetrics metrics;
    private final AtomicInteger connections;
    private final StationSessions sessions;
    private final MqttSessionLimits limits;
    private final ServerTls tls;
    private final StationAuth auth;
    /** This verticle's connections; confined to its event loop. */
    private final Set<StationConnection> open = new HashSet<>();

    private MqttServer server;
    private long idleTimer = -1;
    private AutoCloseable resumeListener;

    public MqttIngestVerticle(
            String host,
            int port,
            StationRegistry stations,
            FrameIntake intake,
            IngestMetrics metrics,
            AtomicInteger connections,
            StationSessions sessions,
            MqttSessionLimits limits) {
        this(host, port, stations, intake, metrics, connections, sessions, limits, null);
    }

    /** @param tls the TLS of this listener, or null for plaintext */
    public MqttIngestVerticle(
            String host,
            int port,
            StationRegistry stations,
            FrameIntake intake,
            IngestMetrics metrics,
            AtomicInteger connections,
            StationSessions sessions,
            MqttSessionLimits limits,
            ServerTls tls) {
        this.tls = tls;
        this.auth = new StationAuth(stations);
        this.host = host;
        this.port = port;
        this.stations = stations;
        this.intake = intake;
        this.metrics = metrics;
        this.connections = connections;
        this.sessions = sessions;
        this.limits = limits;
    }

    /** Milliseconds of a monotonic clock, for measuring silence (never a time of day). */
    static long monotonicMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public Future<?> start() {
        MqttServerOptions options =
                new MqttServerOptions().setHost(host).setPort(port).setMaxMessageSize(limits.maxRemainingLength());
        options.setTcpNoDelay(true);
        options.setTimeoutOnConnect(MqttSessionLimits.CONNECT_TIMEOUT_SECONDS);
        if (tls != null) {
            tls.mqtt(options);
        }
        server = MqttServer.create(vertx, options)
                .endpointHandler(this::onConnect)
                .exceptionHandler(this::onRefused);
        // Check a few times per bound so that a silent connection ends within ~1.75 x the bound.
        long period = Math.max(100L, Math.min(10_000L, limits.maxKeepAliveSeconds() * 250L));
        idleTimer = vertx.setPeriodic(period, id -> {
            long now = monotonicMillis();
            for (StationConnection c : Set.copyOf(open)) {
                c.closeIfIdle(now);
                c.resumeIfUnderBudget(); // in case a resume signal was missed
            }
        });
        Context own = context;
        resumeListener = intake.budget()
                .onResume(() -> own.runOnContext(v -> {
                    // Longest paused first: the connections resumed first take the room first.
                    List<StationConnection> all = new ArrayList<>(open);
                    all.sort(Comparator.comparingLong(StationConnection::pausedAtNanos));
                    for (StationConnection c : all) {
                        c.resumeIfUnderBudget();
                    }
                }));
        return server.listen();
    }

    /** The port actually bound (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(idleTimer);
        try {
            if (resumeListener != null) {
                resumeListener.close();
            }
        } catch (Exception e) {
            LOG.debug("removing the resume listener: {}", e.toString());
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** A CONNECT the MQTT library refused itself (a zero-length client id without a clean session). */
    private void onRefused(Throwable error) {
        if (error instanceof javax.net.ssl.SSLException || error.getCause() instanceof javax.net.ssl.SSLException) {
            // a failed TLS handshake: the station trust manager counted it by its reason
            LOG.debug("TLS handshake failed [error: {}]", error.toString());
            return;
        }
        metrics.connectionRefused("protocol_error");
        LOG.debug("refusing connection [reason: {}]", error.getMessage());
    }

    private void onConnect(MqttEndpoint endpoint) {
        boolean mqtt5 = endpoint.protocolVersion() >= 5;
        StationAuth.Verdict verdict = auth.check(endpoint);
        if (!verdict.accepted()) {
            String id = endpoint.auth() == null ? null : endpoint.auth().getUsername();
            metrics.connectionRefused(verdict.refusal());
            LOG.debug("refusing connection [station: {}, reason: {}]", id, verdict.refusal());
            endpoint.reject(refusalCode(verdict, mqtt5));
            return;
        }
        Station station = verdict.station();
        String id = station.id();
        Context context = vertx.getOrCreateContext();
        StationConnection connection =
                new StationConnection(endpoint, context, station, intake, metrics, limits, monotonicMillis());
        connections.incrementAndGet();
        open.add(connection);
        endpoint.closeHandler(v -> {
            connections.decrementAndGet();
            open.remove(connection);
            connection.closed();
            sessions.closed(connection);
        });
        endpoint.exceptionHandler(connection::onError);
        connection.bind();
        endpoint.accept(
                false,
                mqtt5 ? limits.connackProperties(endpoint.keepAliveTimeSeconds()) : MqttProperties.NO_PROPERTIES);
        sessions.open(connection);
        LOG.debug(
                "station connected [station: {}, protocol: {}, keepalive: {} s, auth: {}]",
                id,
                endpoint.protocolVersion(),
                endpoint.keepAliveTimeSeconds(),
                verdict.method().wire());
    }

    private static MqttConnectReturnCode refusalCode(StationAuth.Verdict verdict, boolean mqtt5) {
        if (verdict.notAuthorized()) {
            return mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
        }
        return mqtt5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
    }
}
