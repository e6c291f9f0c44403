package org.bikeguard.common.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Token buckets, one per key (a source address, an account), all with the same {@link Limit}: a
 * key may spend {@code burst} requests at once and regains one every {@code per}. Time comes from
 * the injected {@link Clock} (milliseconds), so tests move it by hand.
 *
 * <p>In memory, per process: in a cluster each member counts on its own (a client spread over N
 * members gets up to N times the allowance). Memory is bounded: at most {@code maxKeys} buckets
 * (about 150 bytes each) are kept, least recently used first out. A bucket that leaves comes back
 * full, so a client that cycles through more than {@code maxKeys} keys (addresses) gets a fresh
 * allowance on each; size {@code maxKeys} above the number of keys active within the time a bucket
 * takes to refill.
 *
 * <p>Thread-safe (one lock; each call is O(1)); non-blocking.
 */
public final class RateLimiter {

    /**
     * A limit.
     *
     * @param name  names the limit in answers, audit rows and logs, e.g. {@code transfer-lookup.account}
     * @param burst requests allowed at once (the bucket's size), at least 1
     * @param per   time to regain one request, positive
     */
    public record Limit(String name, int burst, Duration per) {
        public Limit {
            Objects.requireNonNull(name, "name");
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, got " + burst);
            }
            if (per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("per must be positive, got " + per);
            }
        }
    }

    /**
     * The answer for one request.
     *
     * @param allowed          whether it may go on (a token was spent)
     * @param retryAfterMillis when refused, the time until one token is back (0 when allowed)
     * @param firstRefusal     whether this is the first refusal since the key was last allowed (the
     *                         moment a run of refusals starts: what is worth an audit row)
     */
    public record Decision(boolean allowed, long retryAfterMillis, boolean firstRefusal) {

        /** {@link #retryAfterMillis} rounded up to whole seconds (for {@code Retry-After}), at least 1 when refused. */
        public long retryAfterSeconds() {
            return allowed ? 0 : Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    private static final class Bucket {
        /** Tokens, scaled by {@code perMillis}: one token = {@code perMillis} units. */
        long units;

        long atMillis;
        boolean refusing;
    }

    private final Limit limit;
    private final Clock clock;
    private final long perMillis;
    private final long capacityUnits;
    private final LinkedHashMap<String, Bucket> buckets;

    /**
     * @param maxKeys buckets kept at most (least recently used first out)
     * @param clock   the time source (only {@link Clock#millis()} is read)
     */
    public RateLimiter(Limit limit, int maxKeys, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.perMillis = Math.max(1, limit.per().toMillis());
        this.capacityUnits = Math.multiplyExact(limit.burst(), perMillis);
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** The limit. */
    public Limit limit() {
        return limit;
    }

    /** Spends one request of {@code key}'s allowance, or says how long to wait. */
    public synchronized Decision acquire(String key) {
        Objects.requireNonNull(key, "key");
        long now = clock.millis();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.units = capacityUnits;
            b.atMillis = now;
            buckets.put(key, b);
        } else if (now > b.atMillis) {
            // a clock that goes back refills nothing (and takes nothing away)
            long gained = now - b.atMillis;
            b.units = gained >= capacityUnits - b.units ? capacityUnits : b.units + gained;
            b.atMillis = now;
        }
        if (b.units >= perMillis) {
            b.units -= perMillis;
            b.refusing = false;
            return new Decision(true, 0, false);
        }
        boolean first = !b.refusing;
        b.refusing = true;
        return new Decision(false, perMillis - b.units, first);
    }

    /** Buckets held now (for tests and metrics). */
    public synchronized int size() {
        return buckets.size();
    }
}
