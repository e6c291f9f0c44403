package org.bikeguard.tracker.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.bikeguard.tracker.app.TrackerApp;

/** Starts a whole tracker in this JVM on a fresh test database, ephemeral ports and a lone Hazelcast member. */
public final class TestTracker {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestTracker() {
    }

    public static TrackerApp start(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        m.put("BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl());
        m.put("BIKEGUARD_DB_USER", "postgres");
        m.put("BIKEGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        m.putAll(overrides);
        return TrackerApp.start(TestConfigs.config(m));
    }

    /** An HTTP client logged in as the bootstrap admin. */
    public static HttpTestClient admin(TrackerApp app) {
        return new HttpTestClient(app.httpPort()).login("admin", ADMIN_PASSWORD);
    }
}
