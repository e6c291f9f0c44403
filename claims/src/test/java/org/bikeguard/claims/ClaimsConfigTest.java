package org.bikeguard.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void trackerUrlDefaultsToTheTrackersOwnPortAndHostValuesWin() {
        ClaimsConfig c = ClaimsConfig.fromMap(Map.of("BIKEGUARD_HTTP_PORT", "9090", "BIKEGUARD_THEFT_WAITING_DAYS", "45"));
        assertEquals("http://localhost:9090", c.trackerUrl());
        assertEquals(45, c.theftWaitingDays());
        ClaimsConfig hosted = c.withTracker("http://tracker:1", "svc");
        assertEquals("http://tracker:1", hosted.trackerUrl());
        assertEquals("svc", hosted.trackerToken());
        assertEquals("http://localhost:9090", c.withTracker(null, null).trackerUrl());
    }

    @Test
    void valuesAHostPublishedWinAndAbsentOnesKeepTheConfiguredValue() {
        ClaimsConfig c = ClaimsConfig.fromMap(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "45"));
        ClaimsConfig hosted = c.withPublished(Map.of("trackerUrl", "http://127.0.0.1:18480", "theftWaitingDays", 0,
                "jdbcUrl", "jdbc:postgresql://localhost/x"));
        assertEquals("http://127.0.0.1:18480", hosted.trackerUrl());
        assertEquals(0, hosted.theftWaitingDays());
        assertNull(hosted.trackerToken());
        assertEquals(7, c.withPublished(Map.of("theftWaitingDays", "7", "trackerToken", "svc")).theftWaitingDays());
        assertEquals("svc", c.withPublished(Map.of("trackerToken", "svc")).trackerToken());
        assertEquals(45, c.withPublished(Map.of()).theftWaitingDays());
        assertEquals("http://localhost:8080", c.withPublished(Map.of("trackerUrl", " ")).trackerUrl());
        assertThrows(IllegalArgumentException.class, () -> c.withPublished(Map.of("theftWaitingDays", "thirty")));
        assertThrows(IllegalArgumentException.class, () -> c.withPublished(Map.of("theftWaitingDays", 400)));
    }

    @Test
    void theConfigFileNamedByBikeguardConfigIsReadAndTheEnvironmentWins(@org.junit.jupiter.api.io.TempDir
                                                                            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("bikeguard.properties");
        java.nio.file.Files.writeString(file, "BIKEGUARD_ADMIN_PASSWORD = from-the-file\nBIKEGUARD_THEFT_WAITING_DAYS=10\n"
                + "BIKEGUARD_HTTP_PORT=9191\n");
        ClaimsConfig c = ClaimsConfig.fromMap(ClaimsConfig.withFile(Map.of("BIKEGUARD_CONFIG", file.toString(),
                "BIKEGUARD_THEFT_WAITING_DAYS", "3")));
        assertEquals("from-the-file", c.adminPassword());
        assertEquals(3, c.theftWaitingDays());
        assertEquals("http://localhost:9191", c.trackerUrl());
        assertThrows(IllegalArgumentException.class, () -> ClaimsConfig.withFile(Map.of("BIKEGUARD_CONFIG",
                dir.resolve("missing").toString())));
        assertEquals(Map.of("A", "b"), ClaimsConfig.withFile(Map.of("A", "b")));
    }

    @Test
    void invalidValuesAreRejectedWithTheVariableName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClaimsConfig.fromMap(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "thirty")));
        assertEquals("BIKEGUARD_THEFT_WAITING_DAYS is not an integer: thirty", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClaimsConfig.fromMap(Map.of("BIKEGUARD_THEFT_WAITING_DAYS", "-1")));
        assertThrows(IllegalArgumentException.class, () -> ClaimsConfig.fromMap(Map.of("BIKEGUARD_TRACKER_URL", "ftp://x")));
    }

    @Test
    void secretsAreNotPrinted() {
        String s = ClaimsConfig.fromMap(Map.of("BIKEGUARD_DB_PASSWORD", "hunter2", "BIKEGUARD_ADMIN_PASSWORD", "adminpw",
                "BIKEGUARD_CLAIMS_TRACKER_TOKEN", "tok123")).toString();
        assertFalse(s.contains("hunter2") || s.contains("adminpw") || s.contains("tok123"), s);
    }
}
