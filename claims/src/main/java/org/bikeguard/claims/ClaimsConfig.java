package org.bikeguard.claims;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The claims module's settings, built once from the environment and the file it may name in
 * {@code BIKEGUARD_CONFIG} (the only place in the module that reads either) and validated. Secrets are never printed by {@link #toString()}. Immutable;
 * thread-safe.
 *
 * @param dbUrl             external PostgreSQL JDBC URL ({@code BIKEGUARD_DB_URL}), or null
 * @param dbUser            its user ({@code BIKEGUARD_DB_USER}, default {@code postgres})
 * @param dbPassword        its password ({@code BIKEGUARD_DB_PASSWORD}, default empty)
 * @param httpPort          standalone HTTP port ({@code BIKEGUARD_CLAIMS_HTTP_PORT}, default 8081)
 * @param trackerUrl        tracker base URL ({@code BIKEGUARD_TRACKER_URL}, default {@code http://localhost:}
 *                          the tracker's {@code BIKEGUARD_HTTP_PORT}, 8080)
 * @param trackerToken      service token for the tracker ({@code BIKEGUARD_CLAIMS_TRACKER_TOKEN}), or null
 * @param adminPassword     tracker admin password used to log in when no token is set, or null
 * @param theftWaitingDays  waiting period seeded into the anti-theft product ({@code BIKEGUARD_THEFT_WAITING_DAYS}, default 30)
 * @param renderThreads     PDF rendering worker threads ({@code BIKEGUARD_CLAIMS_RENDER_THREADS}, default 2)
 */
public record ClaimsConfig(String dbUrl, String dbUser, String dbPassword, int httpPort, String trackerUrl,
                           String trackerToken, String adminPassword, int theftWaitingDays, int renderThreads) {

    public ClaimsConfig {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("BIKEGUARD_CLAIMS_HTTP_PORT out of range: " + httpPort);
        }
        if (theftWaitingDays < 0 || theftWaitingDays > 365) {
            throw new IllegalArgumentException("BIKEGUARD_THEFT_WAITING_DAYS must be 0..365: " + theftWaitingDays);
        }
        if (renderThreads < 1 || renderThreads > 16) {
            throw new IllegalArgumentException("BIKEGUARD_CLAIMS_RENDER_THREADS must be 1..16: " + renderThreads);
        }
        if (trackerUrl == null || !trackerUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("BIKEGUARD_TRACKER_URL must be an http(s) URL: " + trackerUrl);
        }
        dbUser = dbUser == null ? "postgres" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    /** Reads the process environment and the config file it names in {@code BIKEGUARD_CONFIG}. */
    public static ClaimsConfig fromEnvironment() {
        return fromMap(withFile(System.getenv()));
    }

    /**
     * The environment merged over the properties file named by {@code BIKEGUARD_CONFIG} (same keys;
     * the environment wins), as the tracker reads its configuration: a setting made in the file
     * (the admin password, the waiting days) reaches claims too.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static Map<String, String> withFile(Map<String, String> env) {
        String file = blank(env.get("BIKEGUARD_CONFIG"));
        if (file == null) {
            return env;
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("BIKEGUARD_CONFIG names a file that cannot be read: " + file);
        }
        Map<String, String> merged = new HashMap<>();
        props.forEach((k, v) -> merged.put(k.toString().trim(), v.toString().trim()));
        merged.putAll(env);
        return merged;
    }

    /** Builds the config from an environment-like map (tests pass their own). */
    public static ClaimsConfig fromMap(Map<String, String> env) {
        return new ClaimsConfig(blank(env.get("BIKEGUARD_DB_URL")), blank(env.get("BIKEGUARD_DB_USER")),
                env.get("BIKEGUARD_DB_PASSWORD"), integer(env, "BIKEGUARD_CLAIMS_HTTP_PORT", 8081),
                Optional.ofNullable(blank(env.get("BIKEGUARD_TRACKER_URL")))
                        .orElse("http://localhost:" + integer(env, "BIKEGUARD_HTTP_PORT", 8080)),
                blank(env.get("BIKEGUARD_CLAIMS_TRACKER_TOKEN")), blank(env.get("BIKEGUARD_ADMIN_PASSWORD")),
                integer(env, "BIKEGUARD_THEFT_WAITING_DAYS", 30), integer(env, "BIKEGUARD_CLAIMS_RENDER_THREADS", 2));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int integer(Map<String, String> env, String key, int dflt) {
        String v = blank(env.get(key));
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not an integer: " + v);
        }
    }

    /**
     * This config with the tracker URL and service token the host tracker published (either may
     * be null: the configured value is kept).
     */
    public ClaimsConfig withTracker(String url, String token) {
        return new ClaimsConfig(dbUrl, dbUser, dbPassword, httpPort, url == null ? trackerUrl : url,
                token == null ? trackerToken : token, adminPassword, theftWaitingDays, renderThreads);
    }

    /**
     * This config with the settings a host published in local map {@code bikeguard.config}
     * (values may be strings or numbers; absent or blank ones keep the configured value):
     * {@code trackerUrl}, {@code trackerToken}, {@code adminPassword} (to log in to the tracker when
     * no token is given) and {@code theftWaitingDays}.
     *
     * @throws IllegalArgumentException when a published value is invalid
     */
    public ClaimsConfig withPublished(Map<String, ?> published) {
        String waiting = published == null ? null : text(published.get("theftWaitingDays"));
        int days = theftWaitingDays;
        if (waiting != null) {
            try {
                days = Integer.parseInt(waiting);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("published theftWaitingDays is not an integer: " + waiting);
            }
        }
        ClaimsConfig c = published == null ? this
                : withTracker(text(published.get("trackerUrl")), text(published.get("trackerToken")));
        String admin = published == null ? null : text(published.get("adminPassword"));
        return new ClaimsConfig(c.dbUrl, c.dbUser, c.dbPassword, c.httpPort, c.trackerUrl, c.trackerToken,
                admin == null ? c.adminPassword : admin, days, c.renderThreads);
    }

    private static String text(Object o) {
        return o instanceof String || o instanceof Number ? blank(o.toString()) : null;
    }

    @Override
    public String toString() {
        return "ClaimsConfig[dbUrl=" + dbUrl + ", dbUser=" + dbUser + ", httpPort=" + httpPort + ", trackerUrl="
                + trackerUrl + ", trackerToken=" + (trackerToken == null ? "unset" : "set") + ", adminPassword="
                + (adminPassword == null ? "unset" : "set") + ", theftWaitingDays=" + theftWaitingDays
                + ", renderThreads=" + renderThreads + "]";
    }
}
