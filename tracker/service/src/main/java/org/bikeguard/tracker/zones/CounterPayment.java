package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonObject;

/** Pay at the counter: a reference to quote there; staff then mark the fine paid. Stateless. */
public final class CounterPayment implements PaymentGateway {

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public JsonObject start(long fineId, long amountFen) {
        return new JsonObject()
                .put("method", "counter")
                .put("reference", "FINE-" + fineId)
                .put("amountFen", amountFen)
                .put("message", "请凭缴款编号到交警窗口缴纳罚款 (pay at a traffic-police counter quoting the reference)");
    }
}
