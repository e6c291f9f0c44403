package org.bikeguard.tracker.payment;

/**
 * The one port through which owners pay: cover bought on the owner pages (the anti-theft service
 * or the liability cover) and fine cases of the no-go zones. The embedded default is {@link CounterPaymentGateway} ("pay at the
 * installation point"); an online payment provider's adapter implements this interface.
 * Implementations are called on a worker thread (they may block) and must be thread-safe.
 */
public interface PaymentGateway {

    /**
     * What to collect.
     *
     * @param reference the order's unique reference (also what the owner shows at a counter)
     * @param product   {@code anti-theft}, {@code liability} or {@code fine}
     * @param amountFen the price in fen
     */
    record Charge(String reference, long ownerId, long bikeId, String product, long amountFen) {}

    /**
     * The gateway's answer.
     *
     * @param status       {@code pending} (to be paid later, e.g. at a counter or after a redirect),
     *                     {@code paid} or {@code failed}
     * @param instructions what the owner must do next, in Simplified Chinese
     */
    record Result(String status, String instructions) {}

    /** Starts collecting a charge. */
    Result charge(Charge charge);

    /** The method's name stored with the order ({@code BIKEGUARD_PAYMENT_GATEWAY}). */
    String name();
}
