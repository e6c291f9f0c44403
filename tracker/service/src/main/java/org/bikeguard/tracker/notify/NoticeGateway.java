package org.bikeguard.tracker.notify;

/**
 * The one port through which notices leave: SMS, WeChat template messages, or a log file.
 * Implementations must be thread-safe; {@link #send} blocks (called from the outbox job, never on
 * an event loop) and should give up within a few seconds.
 */
public interface NoticeGateway {

    /** The gateway's name as recorded on sent notices ({@code log}, {@code sms}, {@code wechat}). */
    String name();

    /**
     * Delivers one notice.
     *
     * @throws GatewayException when the provider refused it or could not be reached; the outbox
     *                          retries later
     */
    void send(Notice notice) throws GatewayException;

    /** A delivery that failed (transient from the outbox's view: it is retried with back-off). */
    final class GatewayException extends Exception {
        private static final long serialVersionUID = 1L;

        public GatewayException(String message) {
            super(message);
        }

        public GatewayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
