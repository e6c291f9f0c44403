package org.bikeguard.tracker.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per source address, in this member's memory (each cluster member keeps its own:
 * behind a load balancer spreading one address over {@code n} members, the address gets up to
 * {@code n} times the allowance; the per-account limits of {@link LoginAttempts} are cluster-wide
 * regardless). After {@link LoginPolicy#addressFreeFailures()} failures an address waits a growing
 * delay before each next attempt; at most {@link LoginPolicy#addressMaxInFlight()} of its attempts
 * are checked at once. Failures are forgotten after {@link LoginPolicy#addressForgetAfter()} without
 * one. At most {@link LoginPolicy#maxAddresses()} addresses are remembered: beyond, addresses that
 * are not being delayed are forgotten first. Times are the tracker's clock. Thread-safe; non-blocking.
 */
public final class AddressThrottle {

    private record State(int failures, Instant lastFailure, Instant nextAttempt, int inFlight) {}

    private final LoginPolicy policy;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public AddressThrottle(LoginPolicy policy) {
        this.policy = policy;
    }

    /**
     * Admits an attempt from {@code address} at {@code now} (then call {@link #done} exactly once),
     * or returns how long it must wait.
     */
    public Optional<Duration> admit(String address, Instant now) {
        Duration[] wait = {null};
        states.compute(address, (a, s) -> {
            if (s != null && s.lastFailure().plus(policy.addressForgetAfter()).isBefore(now)) {
                s = new State(0, s.lastFailure(), now, s.inFlight());
            }
            if (s == null) {
                return new State(0, now, now, 1);
            }
            if (s.nextAttempt().isAfter(now)) {
                wait[0] = Duration.between(now, s.nextAttempt());
                return s;
            }
            if (s.inFlight() >= policy.addressMaxInFlight()) {
                wait[0] = Duration.ofSeconds(1);
                return s;
            }
            return new State(s.failures(), s.lastFailure(), s.nextAttempt(), s.inFlight() + 1);
        });
        if (states.size() > policy.maxAddresses()) {
            evict(now);
        }
        return Optional.ofNullable(wait[0]);
    }

    /** Ends an admitted attempt; {@code failed}: its password was wrong (or its user unknown). */
    public void done(String address, boolean failed, Instant now) {
        states.computeIfPresent(address, (a, s) -> {
            int inFlight = Math.max(0, s.inFlight() - 1);
            if (!failed) {
                return s.failures() == 0 && inFlight == 0
                        ? null
                        : new State(s.failures(), s.lastFailure(), s.nextAttempt(), inFlight);
            }
            int failures = s.failures() + 1;
            Instant next = now.plus(policy.addressDelay(failures));
            return new State(failures, now, next.isAfter(s.nextAttempt()) ? next : s.nextAttempt(), inFlight);
        });
    }

    /** Addresses remembered now. */
    public int size() {
        return states.size();
    }

    private void evict(Instant now) {
        for (Iterator<Map.Entry<String, State>> it = states.entrySet().iterator();
                it.hasNext() && states.size() > policy.maxAddresses() * 9L / 10; ) {
            State s = it.next().getValue();
            if (s.inFlight() == 0 && !s.nextAttempt().isAfter(now)) {
                it.remove();
            }
        }
    }
}
