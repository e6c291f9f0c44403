package org.bikeguard.tracker.violation;

import java.util.Locale;

/** The kinds of violation, in the order a passage is checked for them. */
public enum ViolationKind {
    RED_LIGHT,
    WRONG_WAY,
    MOTOR_LANE;

    /** The wire name ({@code red_light}, ...). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a wire name, or null. */
    public static ViolationKind fromWire(String s) {
        for (ViolationKind k : values()) {
            if (k.wire().equals(s)) {
                return k;
            }
        }
        return null;
    }
}
