package org.bikeguard.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bikeguard.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class HttpExposureTest {

    @Test
    void defaultsKeepMetricsOnTheApiPortForLoopbackAndASixtySecondIdleTimeout() {
        HttpExposure e = ConfigLoader.fromMap(Map.of()).httpExposure();
        assertEquals(HttpExposure.DEFAULT, e);
        assertTrue(e.summary().contains("loopback"), e.summary());
    }

    @Test
    void tokenBindAndIdleTimeoutComeFromTheEnvironmentAndTheTokenStaysOutOfTheSummary() {
        TrackerConfig c = ConfigLoader.fromMap(Map.of(
                "BIKEGUARD_METRICS_TOKEN", "s3cret-metrics-token",
                "BIKEGUARD_METRICS_BIND", "10.0.0.5:9464",
                "BIKEGUARD_HTTP_IDLE_TIMEOUT_S", "120"));
        HttpExposure e = c.httpExposure();
        assertEquals(Optional.of("s3cret-metrics-token"), e.metricsToken());
        assertEquals(
                new HttpExposure.HostPort("10.0.0.5", 9464), e.metricsBind().orElseThrow());
        assertEquals(Duration.ofSeconds(120), e.idleTimeout());
        assertFalse(c.summary().contains("s3cret"), c.summary());
        assertEquals("::1", HttpExposure.HostPort.parse("[::1]:9464").host());
    }

    @Test
    void thePublicUrlLosesItsTrailingSlashAndMustBeAnHttpAddress() {
        assertEquals(Optional.empty(), HttpExposure.DEFAULT.publicUrl());
        HttpExposure e = ConfigLoader.fromMap(Map.of("BIKEGUARD_PUBLIC_URL", " https://bike.example.cn/ "))
                .httpExposure();
        assertEquals(Optional.of("https://bike.example.cn"), e.publicUrl());
        assertTrue(e.summary().contains("publicUrl=https://bike.example.cn"), e.summary());
        for (String bad : new String[] {"bike.example.cn", "ftp://bike.example.cn", "https://", "http://x/?a=1"}) {
            ConfigException ex = assertThrows(
                    ConfigException.class, () -> ConfigLoader.fromMap(Map.of("BIKEGUARD_PUBLIC_URL", bad)), bad);
            assertTrue(ex.getMessage().contains("BIKEGUARD_PUBLIC_URL"), ex.getMessage());
        }
    }

    @Test
    void badValuesNameTheirKey() {
        for (Map<String, String> bad : java.util.List.of(
                Map.of("BIKEGUARD_METRICS_TOKEN", "short"),
                Map.of("BIKEGUARD_METRICS_BIND", "9464"),
                Map.of("BIKEGUARD_METRICS_BIND", "host:port"),
                Map.of("BIKEGUARD_HTTP_IDLE_TIMEOUT_S", "1"),
                Map.of("BIKEGUARD_TOKEN_LIFETIME_S", "29"),
                Map.of("BIKEGUARD_TOKEN_LIFETIME_S", "604801"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromMap(bad), bad.toString());
            assertTrue(e.getMessage().startsWith(bad.keySet().iterator().next()), e.getMessage());
        }
    }

    @Test
    void tokensLiveTwelveHoursUnlessConfigured() {
        assertEquals(
                Duration.ofHours(12),
                ConfigLoader.fromMap(Map.of()).httpExposure().tokenLifetime());
        HttpExposure e = ConfigLoader.fromMap(Map.of("BIKEGUARD_TOKEN_LIFETIME_S", "1800"))
                .httpExposure();
        assertEquals(Duration.ofMinutes(30), e.tokenLifetime());
        assertTrue(e.summary().contains("tokenLifetime=1800s"), e.summary());
    }
}
