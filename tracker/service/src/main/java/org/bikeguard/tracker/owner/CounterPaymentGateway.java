package org.bikeguard.tracker.owner;

/**
 * The embedded default {@link PaymentGateway} ({@code BIKEGUARD_PAYMENT_GATEWAY=counter}): no money
 * moves online. The order stays {@code pending}; the owner pays at any installation point by
 * showing the order's reference. Stateless; thread-safe.
 */
public final class CounterPaymentGateway implements PaymentGateway {

    @Override
    public Result charge(Charge charge) {
        return new Result("pending", "请到任一安装点缴费 " + yuan(charge.amountFen()) + " 元，出示订单号 " + charge.reference() + "。");
    }

    @Override
    public String name() {
        return "counter";
    }

    private static String yuan(long fen) {
        return String.format("%d.%02d", fen / 100, fen % 100);
    }
}
