package org.bikeguard.tracker.violation;

import java.util.Locale;

/** The state of one signal movement. */
public enum SignalState {
    GREEN,
    AMBER,
    RED,
    /** Neither a controller message nor a plan covers the instant. */
    UNKNOWN;

    /** The lower-case wire name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
