package org.bikeguard.tracker.theft;

import java.time.Instant;

/**
 * A theft case as stored; instants are UTC. Immutable.
 *
 * @param status {@code reported}, {@code confirmed}, {@code recovered} or {@code closed}
 * @param caseNo the police case number, null until confirmed
 * @param tag    the tag fitted to the bike now (null when none), the one the watch list covers
 * @param plate  the bike's plate now
 * @param note   the recovery or closing note, may be empty
 */
public record TheftCase(
        long id,
        long bikeId,
        long ownerId,
        String status,
        String caseNo,
        Instant stolenAt,
        String place,
        String description,
        Instant reportedAt,
        String reportedBy,
        Instant confirmedAt,
        String confirmedBy,
        Instant recoveredAt,
        String recoveredBy,
        Instant closedAt,
        String closedBy,
        String note,
        Long tag,
        String plate) {

    public static final String REPORTED = "reported";
    public static final String CONFIRMED = "confirmed";
    public static final String RECOVERED = "recovered";
    public static final String CLOSED = "closed";

    /** Whether the case is still open (reported or confirmed). */
    public boolean open() {
        return REPORTED.equals(status) || CONFIRMED.equals(status);
    }
}
