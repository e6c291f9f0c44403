package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonObject;

/**
 * The port through which an owner pays a fine case. The embedded default
 * ({@link CounterPayment}) takes no money: it gives a reference to pay at a traffic-police counter,
 * and staff mark the fine paid. An online provider's adapter would return its pay URL here and
 * confirm through a callback that marks the fine paid. Thread-safe.
 */
public interface PaymentGateway {

    /** The gateway's name as recorded on a paid fine. */
    String name();

    /**
     * Starts paying fine {@code fineId} of {@code amountFen}.
     *
     * @return what the owner needs: at least {@code "method"} and {@code "reference"}
     */
    JsonObject start(long fineId, long amountFen);
}
