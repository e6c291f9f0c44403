package org.bikeguard.tracker.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.common.config.Settings;
import org.bikeguard.tracker.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** What the TLS variables turn on, their defaults and the combinations refused at start. */
class TlsSettingsTest {

    private static TlsSettings of(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return TlsSettings.from(Settings.of(m));
    }

    @Test
    void withoutACertificateNothingIsEncryptedAndPlaintextMqttBindsWhereEverythingBinds() {
        TlsSettings t = of();
        assertFalse(t.enabled());
        assertEquals(-1, t.mqttTlsPort());
        assertEquals("0.0.0.0", t.plainMqttHost("0.0.0.0"));
        assertEquals("tls=off", t.summary());
    }

    @Test
    void aCertificateTurnsOnMqttOverTlsOn8883AndKeepsPlaintextMqttOnLoopback() {
        TlsSettings t = of("BIKEGUARD_TLS_CERT", "/etc/bg/tls.crt", "BIKEGUARD_TLS_KEY", "/etc/bg/tls.key");
        assertTrue(t.enabled());
        assertEquals(8883, t.mqttTlsPort());
        assertEquals(Optional.of(Path.of("/etc/bg/tls.crt")), t.cert());
        assertEquals("127.0.0.1", t.plainMqttHost("0.0.0.0"));
        assertEquals(Duration.ofSeconds(5), t.reloadInterval());
        assertEquals(Optional.empty(), t.stationCa());
    }

    @Test
    void plaintextMqttMayBeOpenedAgainExplicitly() {
        TlsSettings t = of(
                "BIKEGUARD_TLS_CERT",
                "c",
                "BIKEGUARD_TLS_KEY",
                "k",
                "BIKEGUARD_MQTT_PLAIN_HOST",
                "0.0.0.0",
                "BIKEGUARD_MQTT_TLS_PORT",
                "18883",
                "BIKEGUARD_STATION_CA",
                "ca.pem",
                "BIKEGUARD_TLS_RELOAD_S",
                "30");
        assertEquals("0.0.0.0", t.plainMqttHost("10.0.0.5"));
        assertEquals(18883, t.mqttTlsPort());
        assertEquals(Optional.of(Path.of("ca.pem")), t.stationCa());
        assertEquals(Duration.ofSeconds(30), t.reloadInterval());
        assertTrue(t.summary().contains("stationCa=ca.pem"), t.summary());
    }

    @Test
    void inconsistentSettingsAreRefusedNamingTheVariable() {
        assertThrows(ConfigException.class, () -> of("BIKEGUARD_TLS_CERT", "c"));
        assertThrows(ConfigException.class, () -> of("BIKEGUARD_TLS_KEY", "k"));
        ConfigException port = assertThrows(ConfigException.class, () -> of("BIKEGUARD_MQTT_TLS_PORT", "8883"));
        assertTrue(port.getMessage().contains("BIKEGUARD_TLS_CERT"), port.getMessage());
        assertThrows(ConfigException.class, () -> of("BIKEGUARD_STATION_CA", "ca.pem"));
        assertThrows(
                ConfigException.class,
                () -> of("BIKEGUARD_TLS_CERT", "c", "BIKEGUARD_TLS_KEY", "k", "BIKEGUARD_MQTT_TLS_PORT", "70000"));
        assertThrows(
                ConfigException.class,
                () -> of("BIKEGUARD_TLS_CERT", "c", "BIKEGUARD_TLS_KEY", "k", "BIKEGUARD_TLS_RELOAD_S", "0"));
    }

    @Test
    void theTrackerConfigCarriesItAndItsSummaryNamesPathsNeverContents() {
        var config = ConfigLoader.fromMap(Map.of(
                "HOME", "/tmp", "BIKEGUARD_TLS_CERT", "/etc/bg/tls.crt", "BIKEGUARD_TLS_KEY", "/etc/bg/tls.key"));
        assertTrue(config.tls().enabled());
        assertTrue(config.summary().contains("https=0.0.0.0:8080"), config.summary());
        assertTrue(config.summary().contains("mqtt=127.0.0.1:1883"), config.summary());
        assertTrue(config.summary().contains("tls=/etc/bg/tls.crt"), config.summary());
        assertFalse(config.summary().contains("tls.key"), config.summary());
    }
}
