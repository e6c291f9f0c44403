package org.bikeguard.tracker.payment;

/**
 * The embedded default {@link PaymentGateway} ({@code BIKEGUARD_PAYMENT_GATEWAY=counter}): no money
 * moves online. The order stays {@code pending}; the owner pays cover at any installation point,
 * and a fine at a traffic-police counter, quoting the reference; staff then mark it paid. Stateless; thread-safe.
 */
public final class CounterPaymentGateway implements PaymentGateway {

    @Override
    public Result charge(Charge charge) {
        if ("fine".equals(charge.product())) {
            return new Result(
                    "pending", "请凭缴款编号 " + charge.reference() + " 到交警窗口缴纳罚款 " + yuan(charge.amountFen()) + " 元。");
        }
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
