package org.bikeguard.tracker.zones;

import org.bikeguard.common.web.BadInputException;

/**
 * A zone's kind and its rule's defaults: grace period (seconds of dwell before the rule acts) and
 * fine in fen.
 */
public enum ZoneKind {
    /** Dwell beyond the grace → a text to the owner; still there a grace later → a fine case. */
    FIRE_LANE("fire_lane", 900, 10_000),
    /** Any entry → an immediate alert to the property's console. */
    BUILDING_ENTRANCE("building_entrance", 0, 0),
    /** Parking (dwell beyond the grace) → a fine case. */
    CORRIDOR("corridor", 300, 50_000);

    private final String wire;
    private final int defaultGraceS;
    private final long defaultFineFen;

    ZoneKind(String wire, int defaultGraceS, long defaultFineFen) {
        this.wire = wire;
        this.defaultGraceS = defaultGraceS;
        this.defaultFineFen = defaultFineFen;
    }

    public String wire() {
        return wire;
    }

    public int defaultGraceS() {
        return defaultGraceS;
    }

    public long defaultFineFen() {
        return defaultFineFen;
    }

    /** @throws BadInputException for anything but the three wire names */
    public static ZoneKind fromWire(String s) {
        for (ZoneKind k : values()) {
            if (k.wire.equals(s)) {
                return k;
            }
        }
        throw BadInputException.invalid("kind", "must be fire_lane, building_entrance or corridor");
    }
}
