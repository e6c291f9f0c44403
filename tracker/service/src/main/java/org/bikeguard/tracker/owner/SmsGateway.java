package org.bikeguard.tracker.owner;

/**
 * The port through which the tracker sends text messages (the owners' login codes). The embedded
 * default is {@link LogSmsGateway}; a real SMS vendor's adapter implements this interface.
 * Implementations are called on a worker thread (they may block) and must be thread-safe.
 */
public interface SmsGateway {

    /**
     * Sends {@code text} to a mainland mobile number.
     *
     * @throws SmsFailedException when the message could not be handed over
     */
    void send(String phone, String text);

    /** The gateway's name for the start-up log and the configuration ({@code BIKEGUARD_SMS_GATEWAY}). */
    String name();

    /** A message could not be sent (answered 502 {@code upstream}). */
    final class SmsFailedException extends org.bikeguard.common.web.ApiException {
        public SmsFailedException(String why) {
            super(502, "upstream", "the SMS could not be sent: " + why, null);
        }
    }
}
