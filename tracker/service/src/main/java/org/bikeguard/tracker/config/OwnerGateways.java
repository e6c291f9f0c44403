package org.bikeguard.tracker.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bikeguard.common.config.ConfigException;

/**
 * Which outside services the owner portal uses. Immutable and thread-safe.
 *
 * @param sms     {@code BIKEGUARD_SMS_GATEWAY}: how login codes are sent; {@code log} (the embedded
 *                default: logged and appended to {@code BIKEGUARD_DATA_DIR/sms-outbox.jsonl}) is
 *                the only gateway built in
 * @param payment {@code BIKEGUARD_PAYMENT_GATEWAY}: how owners pay for cover; {@code counter} (the
 *                embedded default: an order to pay at the installation point) is the only one built in
 */
public record OwnerGateways(String sms, String payment) {

    private static final Set<String> SMS = Set.of("log");
    private static final Set<String> PAYMENT = Set.of("counter");

    /** The embedded defaults (after the sets the constructor checks against). */
    public static final OwnerGateways DEFAULT = new OwnerGateways("log", "counter");

    public OwnerGateways {
        sms = Objects.requireNonNull(sms, "sms").trim().toLowerCase(Locale.ROOT);
        payment = Objects.requireNonNull(payment, "payment").trim().toLowerCase(Locale.ROOT);
        if (!SMS.contains(sms)) {
            throw new ConfigException("BIKEGUARD_SMS_GATEWAY must be one of " + SMS + ", got " + sms);
        }
        if (!PAYMENT.contains(payment)) {
            throw new ConfigException("BIKEGUARD_PAYMENT_GATEWAY must be one of " + PAYMENT + ", got " + payment);
        }
    }

    /** For the start-up log. */
    public String summary() {
        return "smsGateway=" + sms + ", paymentGateway=" + payment;
    }
}
