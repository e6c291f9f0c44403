package org.bikeguard.tracker.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bikeguard.common.config.ConfigException;

/**
 * How the HTTP API shows itself to the network: who may read {@code /metrics}, and how long an idle
 * connection stays open. Immutable and thread-safe.
 *
 * @param metricsToken {@code BIKEGUARD_METRICS_TOKEN}: when set, {@code /metrics} answers only
 *                     requests with {@code Authorization: Bearer <token>} (from any address), at
 *                     least 16 characters
 * @param metricsBind  {@code BIKEGUARD_METRICS_BIND} ({@code host:port}): when set, {@code /metrics}
 *                     is served by a separate listener there (and no longer on the API port)
 * @param idleTimeout  {@code BIKEGUARD_HTTP_IDLE_TIMEOUT_S}: an HTTP connection with neither read nor
 *                     write for this long is closed (alarm WebSockets are pinged well within it)
 * @param tokenLifetime {@code BIKEGUARD_TOKEN_LIFETIME_S}: how long a bearer token issued at login
 *                     is valid (30 s .. 7 days; default 12 h)
 * @param publicUrl    {@code BIKEGUARD_PUBLIC_URL}: the {@code http(s)://host[:port]} address the
 *                     public reaches the tracker at, printed into certificate QR codes; when unset,
 *                     the address of the request that prints the certificate. No trailing slash
 */
public record HttpExposure(
        Optional<String> metricsToken,
        Optional<HostPort> metricsBind,
        Duration idleTimeout,
        Duration tokenLifetime,
        Optional<String> publicUrl) {

    /** The default token lifetime. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** No token, no separate listener, 60 s idle timeout, 12 h tokens, no public address. */
    public static final HttpExposure DEFAULT =
            new HttpExposure(Optional.empty(), Optional.empty(), Duration.ofSeconds(60));

    /** With the default token lifetime and no public address. */
    public HttpExposure(Optional<String> metricsToken, Optional<HostPort> metricsBind, Duration idleTimeout) {
        this(metricsToken, metricsBind, idleTimeout, TOKEN_LIFETIME, Optional.empty());
    }

    /** Without a public address. */
    public HttpExposure(
            Optional<String> metricsToken,
            Optional<HostPort> metricsBind,
            Duration idleTimeout,
            Duration tokenLifetime) {
        this(metricsToken, metricsBind, idleTimeout, tokenLifetime, Optional.empty());
    }

    /** A listening address. */
    public record HostPort(String host, int port) {
        public HostPort {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || port < 0 || port > 65_535) {
                throw new ConfigException("BIKEGUARD_METRICS_BIND must be host:port, got " + host + ":" + port);
            }
        }

        /** Parses {@code host:port} ({@code [v6]:port} for IPv6). */
        public static HostPort parse(String s) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new ConfigException("BIKEGUARD_METRICS_BIND must be host:port, got " + s);
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new HostPort(host, Integer.parseInt(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new ConfigException("BIKEGUARD_METRICS_BIND must be host:port, got " + s);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public HttpExposure {
        Objects.requireNonNull(metricsToken, "metricsToken");
        Objects.requireNonNull(metricsBind, "metricsBind");
        if (metricsToken.isPresent() && metricsToken.get().length() < 16) {
            throw new ConfigException("BIKEGUARD_METRICS_TOKEN must be at least 16 characters");
        }
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl = publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        publicUrl.ifPresent(HttpExposure::checkPublicUrl);
        if (idleTimeout.toSeconds() < 5 || idleTimeout.toSeconds() > 3600) {
            throw new ConfigException(
                    "BIKEGUARD_HTTP_IDLE_TIMEOUT_S must be within 5..3600, got " + idleTimeout.toSeconds());
        }
        if (tokenLifetime.toSeconds() < 30
                || tokenLifetime.toSeconds() > Duration.ofDays(7).toSeconds()) {
            throw new ConfigException(
                    "BIKEGUARD_TOKEN_LIFETIME_S must be within 30..604800, got " + tokenLifetime.toSeconds());
        }
    }

    private static void checkPublicUrl(String u) {
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("BIKEGUARD_PUBLIC_URL must be an http(s)://host[:port] address, got " + u);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new ConfigException("BIKEGUARD_PUBLIC_URL must be an http(s)://host[:port] address, got " + u);
        }
    }

    /** A summary without the token, for the start-up log. */
    public String summary() {
        return "metrics=" + metricsBind.map(b -> "separate listener " + b).orElse("API port")
                + (metricsToken.isPresent() ? " with token" : metricsBind.isPresent() ? "" : " (loopback clients only)")
                + ", httpIdleTimeout=" + idleTimeout.toSeconds() + "s, tokenLifetime=" + tokenLifetime.toSeconds()
                + "s, publicUrl=" + publicUrl.orElse("(from the request)");
    }

    @Override
    public String toString() {
        return "HttpExposure[" + summary() + "]";
    }
}
