package org.bikeguard.claims;

import java.util.Map;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.common.config.Settings;

/**
 * The claims module's settings, built once from {@link Settings} (the shared loader: environment
 * over the file named by {@code BIKEGUARD_CONFIG}; embedded in the tracker, the deployment config
 * over both, see {@link ClaimsVerticle}) and validated. Keys are the environment variables named
 * below. Secrets are never printed by {@link #toString()}. Immutable; thread-safe.
 *
 * @param dbUrl             PostgreSQL JDBC URL ({@code BIKEGUARD_DB_URL}), or null
 * @param dbUser            its user ({@code BIKEGUARD_DB_USER}, default {@code postgres})
 * @param dbPassword        its password ({@code BIKEGUARD_DB_PASSWORD}, default empty)
 * @param httpPort          standalone HTTP port ({@code BIKEGUARD_CLAIMS_HTTP_PORT}, default 8081)
 * @param trackerUrl        tracker base URL ({@code BIKEGUARD_TRACKER_URL}, default {@code http://localhost:}
 *                          the tracker's {@code BIKEGUARD_HTTP_PORT}, 8080)
 * @param trackerToken      service token for the tracker ({@code BIKEGUARD_CLAIMS_TRACKER_TOKEN}), or null
 * @param adminPassword     tracker admin password used to log in when no token is set
 *                          ({@code BIKEGUARD_ADMIN_PASSWORD}), or null
 * @param theftWaitingDays  waiting period seeded into the anti-theft product ({@code BIKEGUARD_THEFT_WAITING_DAYS}, default 30)
 * @param renderThreads     PDF rendering worker threads ({@code BIKEGUARD_CLAIMS_RENDER_THREADS}, default 2)
 * @param fourEyesAboveFen  theft and liability payouts above this many fen need a second adjuster's approval
 *                          ({@code BIKEGUARD_CLAIMS_FOUR_EYES_ABOVE_FEN}, default 100000 = 1,000 yuan)
 * @param tls               HTTPS of the standalone server and trust of the tracker's HTTPS
 */
public record ClaimsConfig(
        String dbUrl,
        String dbUser,
        String dbPassword,
        int httpPort,
        String trackerUrl,
        String trackerToken,
        String adminPassword,
        int theftWaitingDays,
        int renderThreads,
        long fourEyesAboveFen,
        Tls tls) {

    /**
     * TLS of the claims module.
     *
     * @param cert      PEM server certificate of the standalone server ({@code BIKEGUARD_TLS_CERT}), or null: plain HTTP
     * @param key       its PEM private key ({@code BIKEGUARD_TLS_KEY}), or null
     * @param trackerCa PEM certificates trusted for the tracker's HTTPS ({@code BIKEGUARD_TRACKER_CA}), or
     *                  null: the JVM's trust store
     */
    public record Tls(String cert, String key, String trackerCa) {
        public Tls {
            if ((cert == null) != (key == null)) {
                throw new ConfigException("set both BIKEGUARD_TLS_CERT and BIKEGUARD_TLS_KEY, or neither");
            }
        }
    }

    public ClaimsConfig {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new ConfigException("BIKEGUARD_CLAIMS_HTTP_PORT out of range: " + httpPort);
        }
        if (theftWaitingDays < 0 || theftWaitingDays > 365) {
            throw new ConfigException("BIKEGUARD_THEFT_WAITING_DAYS must be 0..365: " + theftWaitingDays);
        }
        if (renderThreads < 1 || renderThreads > 16) {
            throw new ConfigException("BIKEGUARD_CLAIMS_RENDER_THREADS must be 1..16: " + renderThreads);
        }
        if (fourEyesAboveFen < 0) {
            throw new ConfigException("BIKEGUARD_CLAIMS_FOUR_EYES_ABOVE_FEN must not be negative: " + fourEyesAboveFen);
        }
        if (trackerUrl == null || !trackerUrl.matches("https?://.+")) {
            throw new ConfigException("BIKEGUARD_TRACKER_URL must be an http(s) URL: " + trackerUrl);
        }
        tls = tls == null ? new Tls(null, null, null) : tls;
        dbUser = dbUser == null ? "postgres" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    /** Reads the process environment and the config file it names in {@code BIKEGUARD_CONFIG}. */
    public static ClaimsConfig fromEnvironment() {
        return from(Settings.fromEnvironment());
    }

    /** Builds the config from exactly these key/value pairs (tests pass their own). */
    public static ClaimsConfig fromMap(Map<String, String> values) {
        return from(Settings.of(values));
    }

    /**
     * Builds the config from settings.
     *
     * @throws ConfigException (an {@link IllegalArgumentException}) naming the key at fault
     */
    public static ClaimsConfig from(Settings s) {
        return new ClaimsConfig(
                s.string("BIKEGUARD_DB_URL", null),
                s.string("BIKEGUARD_DB_USER", null),
                s.string("BIKEGUARD_DB_PASSWORD", null),
                s.integer("BIKEGUARD_CLAIMS_HTTP_PORT", 8081),
                s.string("BIKEGUARD_TRACKER_URL")
                        .map(String::trim)
                        .orElseGet(() -> "http://localhost:" + s.integer("BIKEGUARD_HTTP_PORT", 8080)),
                s.string("BIKEGUARD_CLAIMS_TRACKER_TOKEN", null),
                s.string("BIKEGUARD_ADMIN_PASSWORD", null),
                s.integer("BIKEGUARD_THEFT_WAITING_DAYS", 30),
                s.integer("BIKEGUARD_CLAIMS_RENDER_THREADS", 2),
                s.integer("BIKEGUARD_CLAIMS_FOUR_EYES_ABOVE_FEN", 100_000),
                new Tls(
                        s.string("BIKEGUARD_TLS_CERT", null),
                        s.string("BIKEGUARD_TLS_KEY", null),
                        s.string("BIKEGUARD_TRACKER_CA", null)));
    }

    @Override
    public String toString() {
        return "ClaimsConfig[dbUrl=" + dbUrl + ", dbUser=" + dbUser + ", httpPort=" + httpPort + ", trackerUrl="
                + trackerUrl + ", trackerToken=" + (trackerToken == null ? "unset" : "set") + ", adminPassword="
                + (adminPassword == null ? "unset" : "set") + ", theftWaitingDays=" + theftWaitingDays
                + ", renderThreads=" + renderThreads + ", fourEyesAboveFen=" + fourEyesAboveFen + ", tls="
                + (tls.cert() == null ? "off" : tls.cert())
                + ", trackerCa=" + (tls.trackerCa() == null ? "jvm" : tls.trackerCa()) + "]";
    }
}
