package org.bikeguard.tracker.violation;

/**
 * One antenna zone of an intersection approach (docs/protocol.md section 7). Immutable.
 *
 * @param intersection the intersection id
 * @param approach     the approach id (e.g. {@code N})
 * @param station      the station whose antenna covers the zone
 * @param antenna      the antenna, 0..15
 * @param exit         {@code true} for an exit zone, {@code false} for the stop-line zone
 * @param movement     the movement an exit zone belongs to ({@code through}, {@code left}, {@code right}); null for a stop line
 * @param motor        whether the zone is on a motor lane
 * @param inbound      the allowed direction: towards the intersection ({@code true}) or away from it
 */
public record Zone(
        String intersection,
        String approach,
        String station,
        int antenna,
        boolean exit,
        String movement,
        boolean motor,
        boolean inbound) {

    /** The signal movement this exit zone belongs to, {@code approach.movement}; null for a stop line. */
    public String signalMovement() {
        return exit ? approach + "." + movement : null;
    }

    /** The role's wire name. */
    public String role() {
        return exit ? "exit" : "stop_line";
    }

    /** The lane's wire name. */
    public String lane() {
        return motor ? "motor" : "non_motor";
    }

    /** The direction's wire name. */
    public String direction() {
        return inbound ? "in" : "out";
    }

    /** A short name for evidence: {@code N.stop_line} or {@code N.exit.through}. */
    public String label() {
        return exit ? approach + ".exit." + movement : approach + ".stop_line";
    }
}
