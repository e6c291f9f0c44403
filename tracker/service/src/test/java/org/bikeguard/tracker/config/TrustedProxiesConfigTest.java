package org.bikeguard.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bikeguard.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** {@code BIKEGUARD_TRUSTED_PROXIES}: IP literals only, none by default. */
class TrustedProxiesConfigTest {

    @Test
    void noProxyIsTrustedByDefault() {
        assertEquals(List.of(), ConfigLoader.fromMap(Map.of()).trustedProxies());
    }

    @Test
    void aListOfIpv4AndIpv6AddressesIsAccepted() {
        TrackerConfig c = ConfigLoader.fromMap(Map.of("BIKEGUARD_TRUSTED_PROXIES", "10.0.0.5, 10.0.0.6,fd00::1"));
        assertEquals(List.of("10.0.0.5", "10.0.0.6", "fd00::1"), c.trustedProxies());
        assertTrue(c.summary().contains("trustedProxies=[10.0.0.5, 10.0.0.6, fd00::1]"), c.summary());
    }

    @Test
    void aHostNameIsRefusedNamingTheKey() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigLoader.fromMap(Map.of("BIKEGUARD_TRUSTED_PROXIES", "lb.example.com")));
        assertTrue(e.getMessage().contains("BIKEGUARD_TRUSTED_PROXIES"), e.getMessage());
    }
}
