package org.bikeguard.tracker.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.junit.jupiter.api.Test;

class ExtraVerticlesTest {

    private static TrackerConfig config(Map<String, String> m) {
        return ConfigLoader.fromMap(m);
    }

    @Test
    void coDeployedModulesGetTheDatabaseTheTrackerUrlTheWaitingDaysAndTheAdminPasswordKeyedLikeTheEnvironment() {
        JsonObject c = ExtraVerticles.config(
                "jdbc:postgresql://localhost:5432/bg",
                "postgres",
                "pw",
                config(Map.of(
                        "HOME",
                        "/tmp",
                        "BIKEGUARD_HTTP_PORT",
                        "18080",
                        "BIKEGUARD_THEFT_WAITING_DAYS",
                        "7",
                        "BIKEGUARD_ADMIN_PASSWORD",
                        "admin-pw")));
        assertEquals(
                new JsonObject()
                        .put("BIKEGUARD_DB_URL", "jdbc:postgresql://localhost:5432/bg")
                        .put("BIKEGUARD_DB_USER", "postgres")
                        .put("BIKEGUARD_DB_PASSWORD", "pw")
                        .put("BIKEGUARD_THEFT_WAITING_DAYS", 7)
                        .put("BIKEGUARD_TRACKER_URL", "http://127.0.0.1:18080")
                        .put("BIKEGUARD_ADMIN_PASSWORD", "admin-pw"),
                c);
    }

    @Test
    void theTrackerUrlUsesASpecificBindAddressAndIsLeftOutForAnEphemeralPortAsIsAnUnsetAdminPassword() {
        JsonObject bound = ExtraVerticles.config(
                "jdbc:postgresql://h/db",
                "u",
                "",
                config(Map.of("HOME", "/tmp", "BIKEGUARD_HTTP_PORT", "8080", "BIKEGUARD_BIND_HOST", "10.1.2.3")));
        assertEquals("http://10.1.2.3:8080", bound.getString("BIKEGUARD_TRACKER_URL"));
        assertFalse(bound.containsKey("BIKEGUARD_ADMIN_PASSWORD"));
        JsonObject ephemeral = ExtraVerticles.config(
                "jdbc:postgresql://h/db", "u", "", config(Map.of("HOME", "/tmp", "BIKEGUARD_HTTP_PORT", "0")));
        assertFalse(ephemeral.containsKey("BIKEGUARD_TRACKER_URL"));
    }

    @Test
    void underTlsCoDeployedModulesCallTheTrackerOverHttpsTrustingItsOwnCertificateFile() {
        JsonObject c = ExtraVerticles.config(
                "jdbc:postgresql://h/db",
                "u",
                "",
                config(Map.of(
                        "HOME", "/tmp",
                        "BIKEGUARD_HTTP_PORT", "8443",
                        "BIKEGUARD_TLS_CERT", "/etc/bikeguard/tls.crt",
                        "BIKEGUARD_TLS_KEY", "/etc/bikeguard/tls.key")));
        assertEquals("https://127.0.0.1:8443", c.getString("BIKEGUARD_TRACKER_URL"));
        assertEquals("/etc/bikeguard/tls.crt", c.getString("BIKEGUARD_TRACKER_CA"));
    }
}
