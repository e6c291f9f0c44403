package org.bikeguard.tracker.app;

import io.vertx.core.shareddata.Shareable;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The tracker's clock as a value of a Vert.x local map, so that co-deployed modules (claims) decide
 * by the same time without a compile-time dependency on the tracker: they read it as a
 * {@code Supplier<Clock>}. {@link Clock} is immutable, so sharing it is safe. Immutable.
 */
public final class ClockHandle implements Shareable, Supplier<Clock> {

    private final Clock clock;

    public ClockHandle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Clock get() {
        return clock;
    }
}
