package org.bikeguard.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bikeguard.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** {@code BIKEGUARD_SMS_GATEWAY} and {@code BIKEGUARD_PAYMENT_GATEWAY}: the built-in gateways only. */
class OwnerGatewaysTest {

    @Test
    void theEmbeddedDefaultsAreTheLogSmsAndTheCounterPayment() {
        assertEquals(new OwnerGateways("log", "counter"), OwnerGateways.DEFAULT);
        assertEquals(OwnerGateways.DEFAULT, new OwnerGateways(" LOG ", "Counter"));
    }

    @Test
    void anUnknownGatewayIsAStartupErrorNamingTheVariable() {
        ConfigException sms = assertThrows(ConfigException.class, () -> new OwnerGateways("aliyun", "counter"));
        assertTrue(sms.getMessage().contains("BIKEGUARD_SMS_GATEWAY"), sms.getMessage());
        ConfigException pay = assertThrows(ConfigException.class, () -> new OwnerGateways("log", "wechat-pay"));
        assertTrue(pay.getMessage().contains("BIKEGUARD_PAYMENT_GATEWAY"), pay.getMessage());
    }
}
