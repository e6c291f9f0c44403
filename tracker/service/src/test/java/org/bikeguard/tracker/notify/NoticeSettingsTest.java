package org.bikeguard.tracker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.common.config.Settings;
import org.junit.jupiter.api.Test;

class NoticeSettingsTest {

    @Test
    void theLogGatewayIsTheDefault() {
        NoticeSettings s = NoticeSettings.from(Settings.of(Map.of()));
        assertEquals("log", s.gateway());
        assertEquals(Duration.ofSeconds(30), s.retryBase());
        assertEquals(8, s.maxAttempts());
    }

    @Test
    void anHttpGatewayNeedsAnUrlAndTheKeyIsNeverShown() {
        assertThrows(
                ConfigException.class,
                () -> NoticeSettings.from(Settings.of(Map.of("BIKEGUARD_NOTICE_GATEWAY", "sms"))));
        assertThrows(
                ConfigException.class,
                () -> NoticeSettings.from(
                        Settings.of(Map.of("BIKEGUARD_NOTICE_GATEWAY", "sms", "BIKEGUARD_NOTICE_URL", "ftp://x"))));
        assertThrows(
                ConfigException.class,
                () -> NoticeSettings.from(Settings.of(Map.of("BIKEGUARD_NOTICE_GATEWAY", "fax"))));
        NoticeSettings s = NoticeSettings.from(Settings.of(Map.of(
                "BIKEGUARD_NOTICE_GATEWAY", "WeChat",
                "BIKEGUARD_NOTICE_URL", "https://relay.example/send",
                "BIKEGUARD_NOTICE_API_KEY", "secret-key-123")));
        assertEquals("wechat", s.gateway());
        assertFalse(s.toString().contains("secret-key-123"));
        assertFalse(s.summary().contains("secret-key-123"));
    }

    @Test
    void theBackOffDoublesUpToAnHour() {
        Duration base = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(30), Outbox.backoff(base, 1));
        assertEquals(Duration.ofSeconds(60), Outbox.backoff(base, 2));
        assertEquals(Duration.ofSeconds(240), Outbox.backoff(base, 4));
        assertEquals(Duration.ofHours(1), Outbox.backoff(base, 9));
        assertEquals(Duration.ofHours(1), Outbox.backoff(base, 60));
    }
}
