package org.bikeguard.tracker.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.common.config.Settings;

/**
 * TLS settings of the tracker. With a certificate, the HTTP port serves HTTPS only, MQTT over TLS
 * listens on {@code mqttTlsPort}, and plaintext MQTT binds to loopback unless
 * {@code mqttPlainHost} says otherwise. Immutable.
 *
 * @param cert           PEM server certificate, then its chain ({@code BIKEGUARD_TLS_CERT}); empty: no TLS
 * @param key            PEM private key of {@code cert} ({@code BIKEGUARD_TLS_KEY})
 * @param mqttTlsPort    MQTT over TLS port ({@code BIKEGUARD_MQTT_TLS_PORT}; 0 = ephemeral); -1 without a certificate
 * @param stationCa      PEM CA certificates whose client certificates authenticate stations on the
 *                       TLS port ({@code BIKEGUARD_STATION_CA}); empty: no client certificates asked for
 * @param reloadInterval how often the files are checked for a change ({@code BIKEGUARD_TLS_RELOAD_S})
 * @param mqttPlainHost  where plaintext MQTT binds ({@code BIKEGUARD_MQTT_PLAIN_HOST}); empty means
 *                       loopback with a certificate, {@code BIKEGUARD_BIND_HOST} without
 */
public record TlsSettings(
        Optional<Path> cert,
        Optional<Path> key,
        int mqttTlsPort,
        Optional<Path> stationCa,
        Duration reloadInterval,
        Optional<String> mqttPlainHost) {

    /** Default MQTT over TLS port. */
    public static final int DEFAULT_MQTT_TLS_PORT = 8883;
    /** Where plaintext MQTT binds when TLS is on and nothing else is configured. */
    public static final String LOOPBACK = "127.0.0.1";

    /** @throws ConfigException naming the key of an inconsistent value */
    public TlsSettings {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stationCa, "stationCa");
        Objects.requireNonNull(mqttPlainHost, "mqttPlainHost");
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException("set both BIKEGUARD_TLS_CERT and BIKEGUARD_TLS_KEY, or neither");
        }
        if (cert.isEmpty() && mqttTlsPort != -1) {
            throw new ConfigException("BIKEGUARD_MQTT_TLS_PORT needs BIKEGUARD_TLS_CERT and BIKEGUARD_TLS_KEY");
        }
        if (cert.isPresent() && (mqttTlsPort < 0 || mqttTlsPort > 65_535)) {
            throw new ConfigException("BIKEGUARD_MQTT_TLS_PORT must be within 0..65535, got " + mqttTlsPort);
        }
        if (stationCa.isPresent() && cert.isEmpty()) {
            throw new ConfigException("BIKEGUARD_STATION_CA needs BIKEGUARD_TLS_CERT and BIKEGUARD_TLS_KEY "
                    + "(client certificates are asked for on the MQTT TLS port)");
        }
        if (reloadInterval.toMillis() < 100 || reloadInterval.toSeconds() > 86_400) {
            throw new ConfigException(
                    "BIKEGUARD_TLS_RELOAD_S must be within 1..86400, got " + reloadInterval.toSeconds());
        }
    }

    /** No TLS at all. */
    public static TlsSettings none() {
        return new TlsSettings(
                Optional.empty(), Optional.empty(), -1, Optional.empty(), Duration.ofSeconds(5), Optional.empty());
    }

    /** Reads {@code BIKEGUARD_TLS_*}, {@code BIKEGUARD_MQTT_TLS_PORT}, {@code BIKEGUARD_STATION_CA}, {@code BIKEGUARD_MQTT_PLAIN_HOST}. */
    public static TlsSettings from(Settings s) {
        Optional<Path> cert = s.string("BIKEGUARD_TLS_CERT").map(String::trim).map(Path::of);
        return new TlsSettings(
                cert,
                s.string("BIKEGUARD_TLS_KEY").map(String::trim).map(Path::of),
                cert.isPresent()
                        ? s.integer("BIKEGUARD_MQTT_TLS_PORT", DEFAULT_MQTT_TLS_PORT)
                        : s.integer("BIKEGUARD_MQTT_TLS_PORT", -1),
                s.string("BIKEGUARD_STATION_CA").map(String::trim).map(Path::of),
                Duration.ofSeconds(s.integer("BIKEGUARD_TLS_RELOAD_S", 5)),
                s.string("BIKEGUARD_MQTT_PLAIN_HOST").map(String::trim));
    }

    /** Whether a server certificate is configured (HTTPS, MQTT over TLS). */
    public boolean enabled() {
        return cert.isPresent();
    }

    /** Where plaintext MQTT binds, given the servers' {@code BIKEGUARD_BIND_HOST}. */
    public String plainMqttHost(String bindHost) {
        return mqttPlainHost.orElse(enabled() ? LOOPBACK : bindHost);
    }

    /** For the start-up log (paths only, never contents). */
    public String summary() {
        if (!enabled()) {
            return "tls=off";
        }
        return "tls=" + cert.get() + ", mqttTlsPort=" + mqttTlsPort + ", stationCa="
                + stationCa.map(Path::toString).orElse("off") + ", tlsReload=" + reloadInterval.toSeconds() + "s";
    }
}
