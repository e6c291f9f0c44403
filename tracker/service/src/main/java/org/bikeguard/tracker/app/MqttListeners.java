package org.bikeguard.tracker.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.ingest.FrameIntake;
import org.bikeguard.tracker.ingest.IngestMetrics;
import org.bikeguard.tracker.ingest.MqttIngestVerticle;
import org.bikeguard.tracker.ingest.MqttSessionLimits;
import org.bikeguard.tracker.ingest.StationSessions;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.tls.ServerTls;

/**
 * The tracker's MQTT listeners: {@code BIKEGUARD_INGEST_INSTANCES} ingest verticles sharing the
 * plaintext port and, with TLS, as many sharing the TLS port, all with one connection count (the
 * gauge {@code bikeguard.mqtt.connections}, registered when this is built), one table of station
 * sessions and the keep-alive bound {@code BIKEGUARD_MQTT_MAX_KEEPALIVE_S}. Built and deployed on
 * the thread that starts the tracker; Vert.x undeploys the verticles when it closes.
 */
final class MqttListeners {

    private final TrackerConfig config;
    private final StationRegistry stations;
    private final FrameIntake intake;
    private final IngestMetrics ingestMetrics;
    private final ServerTls tls;
    private final AtomicInteger connections = new AtomicInteger();
    private final StationSessions sessions;
    private final MqttSessionLimits limits;

    /** @param tls the servers' TLS, or null without TLS (no TLS listener) */
    MqttListeners(
            TrackerConfig config,
            StationRegistry stations,
            FrameIntake intake,
            IngestMetrics ingestMetrics,
            ServerTls tls,
            MeterRegistry metrics) {
        this.config = config;
        this.stations = stations;
        this.intake = intake;
        this.ingestMetrics = ingestMetrics;
        this.tls = tls;
        this.sessions = new StationSessions(stations);
        this.limits = MqttSessionLimits.withMaxKeepAlive(
                (int) config.mqttMaxKeepAlive().toSeconds());
        metrics.gauge("bikeguard.mqtt.connections", connections);
    }

    /** The host the plaintext listener binds. */
    String plainHost() {
        return config.tls().plainMqttHost(config.bindHost());
    }

    /** Deploys the plaintext listeners; returns the port bound. Blocking. */
    int deployPlain(Vertx vertx) {
        String host = plainHost();
        return deploy(
                vertx,
                () -> new MqttIngestVerticle(
                        host, config.mqttPort(), stations, intake, ingestMetrics, connections, sessions, limits));
    }

    /** Deploys the TLS listeners; returns the port bound, or -1 without TLS. Blocking. */
    int deployTls(Vertx vertx) {
        if (tls == null) {
            return -1;
        }
        return deploy(
                vertx,
                () -> new MqttIngestVerticle(
                        config.bindHost(),
                        config.tls().mqttTlsPort(),
                        stations,
                        intake,
                        ingestMetrics,
                        connections,
                        sessions,
                        limits,
                        tls));
    }

    /** Deploys {@code BIKEGUARD_INGEST_INSTANCES} MQTT verticles sharing one port; returns the port bound. */
    private int deploy(Vertx vertx, Supplier<MqttIngestVerticle> factory) {
        List<MqttIngestVerticle> mqtt = new ArrayList<>();
        vertx.deployVerticle(
                        () -> {
                            MqttIngestVerticle v = factory.get();
                            synchronized (mqtt) {
                                mqtt.add(v);
                            }
                            return v;
                        },
                        new DeploymentOptions().setInstances(config.ingestInstances()))
                .await();
        return mqtt.get(0).actualPort();
    }
}
