package org.bikeguard.tracker.testsupport;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.bikeguard.tracker.app.TrackerApp;

/**
 * Starts a whole tracker in this JVM on a fresh test database, ephemeral ports and a lone Hazelcast
 * member, on a scenario clock (see {@link ScenarioClock}).
 */
public final class TestTracker {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestTracker() {
    }

    /** On a clock ticking from the default scenario start ({@link ScenarioClock#ticking()}). */
    public static TrackerApp start(Map<String, String> overrides) {
        return start(overrides, ScenarioClock.ticking());
    }

    /** On the given clock ({@link TrackerApp#clock()} returns it). */
    public static TrackerApp start(Map<String, String> overrides, Clock clock) {
        Map<String, String> m = new HashMap<>();
        m.put("BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl());
        m.put("BIKEGUARD_DB_USER", "postgres");
        m.put("BIKEGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        m.putAll(overrides);
        return TrackerApp.start(TestConfigs.config(m), clock);
    }

    /** An HTTP client logged in as the bootstrap admin. */
    public static HttpTestClient admin(TrackerApp app) {
        return new HttpTestClient(app.httpPort()).login("admin", ADMIN_PASSWORD);
    }
}
