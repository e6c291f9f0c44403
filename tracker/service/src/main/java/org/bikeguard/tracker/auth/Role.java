package org.bikeguard.tracker.auth;

import java.util.Locale;

/** The roles of the contract; {@link #wire()} is the lower-case name used in JSON and the database. */
public enum Role {
    OWNER,
    INSTALLER,
    POLICE,
    ADJUSTER,
    ADMIN,
    /** Traffic police: violations, appeals, training and naming. */
    TRAFFIC,
    /** A property's staff: alerts of e-bikes at its building entrances and lift lobbies. */
    PROPERTY;

    /** The lower-case name, e.g. {@code "police"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the lower-case name.
     *
     * @throws IllegalArgumentException for anything else (including {@code null})
     */
    public static Role fromWire(String s) {
        if (s != null) {
            for (Role r : values()) {
                if (r.wire().equals(s)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(
                "role must be one of owner, installer, police, adjuster, admin, traffic, property, got "
                        + (s == null ? "nothing" : "\"" + s + "\""));
    }
}
