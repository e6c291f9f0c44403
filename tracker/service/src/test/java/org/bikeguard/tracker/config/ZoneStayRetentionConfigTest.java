package org.bikeguard.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.bikeguard.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code BIKEGUARD_ZONE_STAY_RETENTION_D}: whole days, positive, 30 by default. */
class ZoneStayRetentionConfigTest {

    @Test
    void closedStaysAreKept30DaysByDefault() {
        TrackerConfig c = ConfigLoader.fromMap(Map.of());
        assertEquals(Duration.ofDays(30), c.zoneStayRetention());
        assertTrue(c.summary().contains("zoneStayRetention=30d"), c.summary());
    }

    @Test
    void anotherNumberOfDaysIsTaken() {
        assertEquals(
                Duration.ofDays(7),
                ConfigLoader.fromMap(Map.of("BIKEGUARD_ZONE_STAY_RETENTION_D", "7"))
                        .zoneStayRetention());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "thirty", "1.5"})
    void aValueThatIsNotAPositiveWholeNumberOfDaysIsRefusedNamingTheKey(String value) {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigLoader.fromMap(Map.of("BIKEGUARD_ZONE_STAY_RETENTION_D", value)));
        assertTrue(e.getMessage().contains("BIKEGUARD_ZONE_STAY_RETENTION_D"), e.getMessage());
    }
}
