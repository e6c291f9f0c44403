package org.bikeguard.claims.policy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bikeguard.claims.ClaimsException;

/**
 * Rules for selling and cancelling policies. Dates are Asia/Shanghai dates; money in fen.
 * Pure; thread-safe.
 */
public final class PolicyRules {

    private PolicyRules() {}

    /**
     * Checks a requested start date: never before the day of purchase, at most 90 days ahead.
     *
     * @throws ClaimsException 400 when backdated or too far ahead
     */
    public static LocalDate checkStart(LocalDate requested, LocalDate today) {
        LocalDate start = requested == null ? today : requested;
        if (start.isBefore(today)) {
            throw ClaimsException.invalid(
                    "a policy cannot start before the day it is bought (" + today + ")",
                    Map.of("start", start.toString(), "today", today.toString()));
        }
        if (start.isAfter(today.plusDays(90))) {
            throw ClaimsException.invalid(
                    "a policy can start at most 90 days ahead",
                    Map.of("start", start.toString(), "today", today.toString()));
        }
        return start;
    }

    /**
     * The unearned premium returned when cover stops from {@code cancelledOn}: pro rata to the
     * days of cover not used, rounded down to the fen.
     */
    public static long refundFen(Policy p, LocalDate cancelledOn) {
        if (!cancelledOn.isAfter(p.start())) {
            return p.premiumFen();
        }
        if (cancelledOn.isAfter(p.end())) {
            return 0;
        }
        long unused = ChronoUnit.DAYS.between(cancelledOn, p.end()) + 1;
        return p.premiumFen() * unused / p.termDays();
    }

    /**
     * Premium earned on the days {@code from..to} inclusive (pro rata to days of cover), in fen,
     * as a fraction kept exact by the caller summing before rounding.
     */
    public static double earnedFen(Policy p, LocalDate from, LocalDate to) {
        LocalDate a = from.isAfter(p.start()) ? from : p.start();
        LocalDate coverEnd =
                p.cancelledOn() != null && p.cancelledOn().minusDays(1).isBefore(p.end())
                        ? p.cancelledOn().minusDays(1)
                        : p.end();
        LocalDate b = to.isBefore(coverEnd) ? to : coverEnd;
        if (b.isBefore(a)) {
            return 0;
        }
        long days = ChronoUnit.DAYS.between(a, b) + 1;
        return (double) p.premiumFen() * days / p.termDays();
    }
}
