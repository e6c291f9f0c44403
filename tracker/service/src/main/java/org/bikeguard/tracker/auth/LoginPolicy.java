package org.bikeguard.tracker.auth;

import java.time.Duration;

/**
 * How failed logins are slowed down and stopped, per account (kept in the database, so it holds on
 * every cluster member) and per source address (kept in each member's memory).
 *
 * <p>Per account: the first {@code freeFailures} failed attempts cost nothing; every later attempt
 * makes the next one wait {@code firstDelay}, doubling each time up to {@code maxDelay}; the
 * {@code lockAfter}-th failure locks the account until an admin unlocks it. Failures older than
 * {@code forgetAfter} (counted from the last one) are forgotten unless the account is locked.
 * Per address: the same growth after {@code addressFreeFailures}, capped at
 * {@code addressMaxDelay}, never a lock (many people may share one address), at most
 * {@code addressMaxInFlight} password checks of one address at once, at most {@code maxAddresses}
 * addresses remembered. Immutable; thread-safe.
 */
public record LoginPolicy(
        int freeFailures,
        Duration firstDelay,
        Duration maxDelay,
        int lockAfter,
        Duration forgetAfter,
        int addressFreeFailures,
        Duration addressMaxDelay,
        Duration addressForgetAfter,
        int addressMaxInFlight,
        int maxAddresses) {

    /**
     * 5 free failures, then 1 s doubling to at most 15 min, locked at the 10th failure, forgotten
     * after 24 h; per address 20 free failures, then 1 s doubling to at most 5 min, forgotten after
     * 1 h, 4 checks at once, 100,000 addresses.
     */
    public static final LoginPolicy DEFAULT = new LoginPolicy(
            5,
            Duration.ofSeconds(1),
            Duration.ofMinutes(15),
            10,
            Duration.ofHours(24),
            20,
            Duration.ofMinutes(5),
            Duration.ofHours(1),
            4,
            100_000);

    public LoginPolicy {
        if (freeFailures < 0 || lockAfter <= freeFailures || addressFreeFailures < 0) {
            throw new IllegalArgumentException("need 0 <= freeFailures < lockAfter and addressFreeFailures >= 0");
        }
        if (firstDelay.isNegative()
                || firstDelay.isZero()
                || maxDelay.compareTo(firstDelay) < 0
                || addressMaxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive and the caps at least firstDelay");
        }
        if (addressMaxInFlight < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("addressMaxInFlight and maxAddresses must be positive");
        }
    }

    /** The wait after the {@code failures}-th counted attempt of an account (zero while free). */
    public Duration accountDelay(int failures) {
        return delay(failures - freeFailures, maxDelay);
    }

    /** The wait after the {@code failures}-th failure of an address (zero while free). */
    public Duration addressDelay(int failures) {
        return delay(failures - addressFreeFailures, addressMaxDelay);
    }

    private Duration delay(int beyondFree, Duration cap) {
        if (beyondFree <= 0) {
            return Duration.ZERO;
        }
        if (beyondFree > 40) {
            return cap;
        }
        Duration d = firstDelay.multipliedBy(1L << (beyondFree - 1));
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
