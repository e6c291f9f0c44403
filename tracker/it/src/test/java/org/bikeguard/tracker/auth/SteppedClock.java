package org.bikeguard.tracker.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.bikeguard.testkit.ScenarioClock;

/**
 * A scenario clock (UTC; {@link #withZone} gives views in other zones) a test moves by hand: it ticks with real time from
 * {@link ScenarioClock#start()}, may be frozen (so that a burst of requests all happen at one
 * instant however long the machine takes) and stepped forward or back. Thread-safe.
 */
public final class SteppedClock extends Clock {

    private final Clock base = ScenarioClock.ticking();
    private Duration offset = Duration.ZERO;
    private Instant frozen;

    @Override
    public synchronized Instant instant() {
        return frozen != null ? frozen : base.instant().plus(offset);
    }

    /** Moves the clock by {@code d} (negative: back). */
    public synchronized void advance(Duration d) {
        if (frozen != null) {
            frozen = frozen.plus(d);
        } else {
            offset = offset.plus(d);
        }
    }

    /** Stops the clock at its current reading. */
    public synchronized void freeze() {
        frozen = instant();
    }

    /** Lets the clock tick again from where it stands. */
    public synchronized void thaw() {
        if (frozen != null) {
            offset = Duration.between(base.instant(), frozen);
            frozen = null;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving instant, seen in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        SteppedClock self = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }
        };
    }
}
