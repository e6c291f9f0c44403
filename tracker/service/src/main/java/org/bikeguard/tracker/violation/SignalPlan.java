package org.bikeguard.tracker.violation;

import java.util.List;
import java.util.Set;

/**
 * A fixed-time signal plan: steps run in a loop, the cycle starting at every {@code offsetMs + k·cycle}
 * ms after the Unix epoch (UTC). In a step the movements in {@code green} are green, those in
 * {@code amber} amber, all others red. Immutable; thread-safe.
 */
public record SignalPlan(long offsetMs, List<Step> steps) {

    /** One step: {@code durationMs} long, with its green and amber movements ({@code approach.movement}). */
    public record Step(long durationMs, Set<String> green, Set<String> amber) {
        SignalState state(String movement) {
            return green.contains(movement)
                    ? SignalState.GREEN
                    : amber.contains(movement) ? SignalState.AMBER : SignalState.RED;
        }
    }

    public SignalPlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs steps");
        }
    }

    /** The cycle length, ms. */
    public long cycleMs() {
        long c = 0;
        for (Step s : steps) {
            c += s.durationMs();
        }
        return c;
    }

    /** The movement's state at {@code t} (epoch ms), with the instants the state began and ends (merged over steps). */
    public Phase at(String movement, long t) {
        long cycle = cycleMs();
        long pos = Math.floorMod(t - offsetMs, cycle);
        int i = 0;
        long stepStart = 0;
        while (pos >= stepStart + steps.get(i).durationMs()) {
            stepStart += steps.get(i).durationMs();
            i++;
        }
        SignalState state = steps.get(i).state(movement);
        int n = steps.size();
        long since = t - pos + stepStart;
        long until = since + steps.get(i).durationMs();
        int k = 1;
        for (; k < n && steps.get(Math.floorMod(i - k, n)).state(movement) == state; k++) {
            since -= steps.get(Math.floorMod(i - k, n)).durationMs();
        }
        if (k == n) {
            return new Phase(state, Long.MIN_VALUE, Long.MAX_VALUE, "plan");
        }
        for (k = 1; k < n && steps.get((i + k) % n).state(movement) == state; k++) {
            until += steps.get((i + k) % n).durationMs();
        }
        return new Phase(state, since, until, "plan");
    }
}
