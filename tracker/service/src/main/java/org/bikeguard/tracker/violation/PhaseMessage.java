package org.bikeguard.tracker.violation;

import java.util.Set;

/**
 * One phase message of a controller (docs/protocol.md section 8): from {@code at} (epoch ms UTC) on,
 * {@code green} movements are green, {@code amber} amber, all others red. Immutable.
 */
public record PhaseMessage(String intersection, long seq, long at, Set<String> green, Set<String> amber) {
    public PhaseMessage {
        green = Set.copyOf(green);
        amber = Set.copyOf(amber);
    }

    SignalState state(String movement) {
        return green.contains(movement)
                ? SignalState.GREEN
                : amber.contains(movement) ? SignalState.AMBER : SignalState.RED;
    }
}
