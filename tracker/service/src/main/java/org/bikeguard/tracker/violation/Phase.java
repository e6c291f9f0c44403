package org.bikeguard.tracker.violation;

/**
 * A movement's signal state over an interval {@code [since, until)}, epoch ms UTC. Immutable.
 *
 * @param state  the state
 * @param since  when it began ({@link Long#MIN_VALUE}: unknown)
 * @param until  when the next state begins ({@link Long#MAX_VALUE}: not yet known)
 * @param source {@code controller}, {@code plan} or {@code none}
 */
public record Phase(SignalState state, long since, long until, String source) {
    static final Phase UNKNOWN = new Phase(SignalState.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, "none");
}
