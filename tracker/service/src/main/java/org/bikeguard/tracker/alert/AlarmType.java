package org.bikeguard.tracker.alert;

import java.util.Locale;

/** The kinds of alarm of the contract; {@link #wire()} is the JSON name. */
public enum AlarmType {
    /** A watched (stolen) tag was heard. */
    STOLEN,
    /** A tag was heard at two stations too far apart for the time between (a cloned tag). */
    CLONE,
    /** A read carried the tamper flag. */
    TAMPER,
    /** A tag went silent right after leaving its home station at night. */
    SILENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static AlarmType fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
