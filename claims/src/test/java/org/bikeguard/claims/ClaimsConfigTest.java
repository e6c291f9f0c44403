package org.bikeguard.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bikeguard.common.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsConfigTest {

    @Test
    void defaultsApplyWhenTheEnvironmentIsEmpty() {
        ClaimsConfig c = ClaimsConfig.fromMap(Map.of());
        assertNull(c.dbUrl());
        assertEquals("postgres", c.dbUser());
        assertEquals("", c.dbPassword());
        assertEquals(8081, c.httpPort());
        assertEquals("http://localhost:8080", c.trackerUrl());
        assertEquals(30, c.theftWaitingDays());
    }

    @Test
    void trackerUrlDefaultsToTheTrackersOwnPort() {
        ClaimsConfig c =
                ClaimsConfig.fromMap(Map.of("BIKEGUARD_HTTP_PORT", "9090", "BIKEGUARD_THEFT_WAITING_DAYS", "45"));
        assertEquals("http://localhost:9090", c.trackerUrl());
        assertEquals(45, c.theftWaitingDays());
        assertEquals(
                "http://tracker:1",
                ClaimsConfig.fromMap(Map.of("BIKEGUARD_TRACKER_URL", "http://tracker:1"))
                        .trackerUrl());
    }

    @Test
    void aDeploymentConfigWinsOverTheEnvironmentAndAbsentKeysKeepIt() {
        Settings env =
                Settings.of(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "45", "BIKEGUARD_CLAIMS_RENDER_THREADS", "3"));
        JsonObject deployed = new JsonObject()
                .put("BIKEGUARD_TRACKER_URL", "http://127.0.0.1:18480")
                .put("BIKEGUARD_THEFT_WAITING_DAYS", 0)
                .put("BIKEGUARD_DB_URL", "jdbc:postgresql://localhost/x")
                .put("BIKEGUARD_DB_PASSWORD", "");
        ClaimsConfig hosted = ClaimsConfig.from(env.overriddenBy(deployed.getMap()));
        assertEquals("http://127.0.0.1:18480", hosted.trackerUrl());
        assertEquals(0, hosted.theftWaitingDays());
        assertEquals(3, hosted.renderThreads());
        assertEquals("jdbc:postgresql://localhost/x", hosted.dbUrl());
        assertEquals("", hosted.dbPassword());
        assertNull(hosted.trackerToken());
        assertThrows(
                IllegalArgumentException.class,
                () -> ClaimsConfig.from(env.overriddenBy(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "thirty"))));
        assertThrows(
                IllegalArgumentException.class,
                () -> ClaimsConfig.from(env.overriddenBy(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", 400))));
    }

    @Test
    void theConfigFileNamedByBikeguardConfigIsReadAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bikeguard.properties");
        Files.writeString(
                file,
                "BIKEGUARD_ADMIN_PASSWORD = from-the-file\nBIKEGUARD_THEFT_WAITING_DAYS=10\n"
                        + "BIKEGUARD_HTTP_PORT=9191\n");
        ClaimsConfig c = ClaimsConfig.from(
                Settings.load(Map.of("BIKEGUARD_CONFIG", file.toString(), "BIKEGUARD_THEFT_WAITING_DAYS", "3")));
        assertEquals("from-the-file", c.adminPassword());
        assertEquals(3, c.theftWaitingDays());
        assertEquals("http://localhost:9191", c.trackerUrl());
    }

    @Test
    void invalidValuesAreRejectedWithTheVariableName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ClaimsConfig.fromMap(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "thirty")));
        assertEquals("BIKEGUARD_THEFT_WAITING_DAYS must be an integer, got 'thirty'", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ClaimsConfig.fromMap(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "-1")));
        assertThrows(
                IllegalArgumentException.class, () -> ClaimsConfig.fromMap(Map.of("BIKEGUARD_TRACKER_URL", "ftp://x")));
    }

    @Test
    void secretsAreNotPrinted() {
        String s = ClaimsConfig.fromMap(Map.of(
                        "BIKEGUARD_DB_PASSWORD",
                        "hunter2",
                        "BIKEGUARD_ADMIN_PASSWORD",
                        "adminpw",
                        "BIKEGUARD_CLAIMS_TRACKER_TOKEN",
                        "tok123"))
                .toString();
        assertFalse(s.contains("hunter2") || s.contains("adminpw") || s.contains("tok123"), s);
    }
}
