package org.bikeguard.claims.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.testsupport.FreePorts;
import org.bikeguard.tracker.testsupport.TestDatabase;

/**
 * A whole tracker in the test JVM, started the way {@code ops/run} starts it except for the
 * database (a fresh database on the test's embedded PostgreSQL, given as an external one): a
 * free HTTP port fixed before the start (so the tracker publishes {@code trackerUrl} to co-deployed modules), MQTT
 * on an ephemeral port, a lone Hazelcast member on a free port, a scenario clock, no demo city, and the claims module deployed by
 * name ({@code BIKEGUARD_EXTRA_VERTICLES}) and mounted on the tracker's HTTP port.
 *
 * <p>The claims verticle reads its own settings from the process environment, as in production;
 * failsafe sets {@code BIKEGUARD_ADMIN_PASSWORD} and {@code BIKEGUARD_THEFT_WAITING_DAYS} for the
 * test JVM (claims/pom.xml), and the tracker is given the same values.
 */
final class RealTracker implements AutoCloseable {

    final TrackerApp app;
    final int httpPort;
    final String adminPassword;

    private RealTracker(TrackerApp app, int httpPort, String adminPassword) {
        this.app = app;
        this.httpPort = httpPort;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts the tracker with claims; blocking.
     *
     * @param clock the scenario clock the tracker, and claims with it, decide by
     */
    static RealTracker start(String adminPassword, String theftWaitingDays, Clock clock) {
        int port = FreePorts.free();
        Path dataDir;
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dataDir = Files.createTempDirectory(tmp, "bikeguard-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new HashMap<>();
        m.put("HOME", dataDir.toString());
        m.put("BIKEGUARD_DATA_DIR", dataDir.toString());
        m.put("BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl());
        m.put("BIKEGUARD_DB_USER", "postgres");
        m.put("BIKEGUARD_HTTP_PORT", Integer.toString(port));
        m.put("BIKEGUARD_MQTT_PORT", "0");
        m.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        m.put("BIKEGUARD_HZ_PORT", String.valueOf(FreePorts.free()));
        m.put("BIKEGUARD_SIM", "off");
        m.put("BIKEGUARD_ADMIN_PASSWORD", adminPassword);
        m.put("BIKEGUARD_THEFT_WAITING_DAYS", theftWaitingDays);
        m.put("BIKEGUARD_EXTRA_VERTICLES", "org.bikeguard.claims.ClaimsVerticle");
        m.put("BIKEGUARD_BUCKETS", "16");
        m.put("BIKEGUARD_INGEST_INSTANCES", "1");
        TrackerApp app = TrackerApp.start(ConfigLoader.fromMap(m), clock);
        return new RealTracker(app, port, adminPassword);
    }

    /** The client for the one HTTP port. */
    E2eClient client() {
        return new E2eClient("http://127.0.0.1:" + httpPort);
    }

    @Override
    public void close() {
        app.close();
    }
}
