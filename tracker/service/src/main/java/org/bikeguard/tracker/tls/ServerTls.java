package org.bikeguard.tracker.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.common.tls.PemReloader;
import org.bikeguard.common.tls.Reloadable;
import org.bikeguard.common.tls.ReloadingKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of the tracker's servers: the server certificate for HTTPS and MQTT over TLS, and the
 * station CA that MQTT over TLS asks client certificates of (optional: a station without one
 * still authenticates with its secret). Both are read from PEM files and reloaded when the files
 * change (checked every {@link TlsSettings#reloadInterval()}): new connections get the new
 * certificate, open connections keep theirs, nothing restarts. Vert.x asks the key and trust
 * managers at every handshake, so one mechanism serves every server (vertx-mqtt 5 has no
 * {@code updateSSLOptions}).
 *
 * <p>Metrics: {@code bikeguard_tls_reload_failures_total}, {@code bikeguard_tls_certificate_expiry_seconds}
 * (epoch seconds of the served certificate's notAfter). Thread-safe.
 */
public final class ServerTls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final ReloadingKeyManager serverKeys;
    private final StationTrustManager stationCa;
    private final PemReloader reloader;

    private ServerTls(ReloadingKeyManager serverKeys, StationTrustManager stationCa, PemReloader reloader) {
        this.serverKeys = serverKeys;
        this.stationCa = stationCa;
        this.reloader = reloader;
    }

    /**
     * Loads the files and starts watching them. Blocking.
     *
     * @param refusals told the reason of every client certificate the handshake refused
     * @throws ConfigException when the files cannot be read or do not form a usable key and certificate
     */
    public static ServerTls start(TlsSettings settings, MeterRegistry metrics, Consumer<String> refusals) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("TLS is not configured");
        }
        ReloadingKeyManager keys;
        StationTrustManager cas = null;
        try {
            keys = ReloadingKeyManager.load(
                    settings.cert().get(), settings.key().get());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("BIKEGUARD_TLS_CERT/BIKEGUARD_TLS_KEY unusable: " + e.getMessage());
        }
        if (settings.stationCa().isPresent()) {
            try {
                cas = StationTrustManager.load(settings.stationCa().get(), refusals);
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException("BIKEGUARD_STATION_CA unusable: " + e.getMessage());
            }
        }
        List<Reloadable> watched = new ArrayList<>(List.of(keys));
        if (cas != null) {
            watched.add(cas);
        }
        Counter failures = Counter.builder("bikeguard.tls.reload.failures")
                .description("Changed TLS files that could not be used (the previous material stays)")
                .register(metrics);
        PemReloader reloader = new PemReloader(watched, settings.reloadInterval(), what -> failures.increment());
        ServerTls tls = new ServerTls(keys, cas, reloader);
        Gauge.builder(
                        "bikeguard.tls.certificate.expiry",
                        tls,
                        t -> t.serverKeys.certificate().getNotAfter().getTime() / 1000.0)
                .description("When the served certificate expires, epoch seconds")
                .baseUnit("seconds")
                .register(metrics);
        LOG.info(
                "TLS on [{}, station certificates: {}]",
                ReloadingKeyManager.describe(keys.certificate()),
                cas == null ? "off" : settings.stationCa().get());
        return tls;
    }

    /** HTTPS with the server certificate. */
    public HttpServerOptions https(HttpServerOptions options) {
        options.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(serverKeys));
        return options;
    }

    /**
     * TLS with the server certificate and, when a station CA is configured, a request (not a
     * requirement) for a client certificate issued by it.
     */
    public <T extends NetServerOptions> T mqtt(T options) {
        options.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(serverKeys));
        if (stationCa != null) {
            options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(stationCa));
        }
        return options;
    }

    /** Whether stations may present client certificates. */
    public boolean stationCertificates() {
        return stationCa != null;
    }

    /** The certificate served to new connections now. */
    public java.security.cert.X509Certificate certificate() {
        return serverKeys.certificate();
    }

    /** Checks the files now instead of at the next tick (tests, a signal). Blocking. */
    public void reloadNow() {
        reloader.checkAll();
    }

    @Override
    public void close() {
        reloader.close();
    }
}
