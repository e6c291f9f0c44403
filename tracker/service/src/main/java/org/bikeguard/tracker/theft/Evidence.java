package org.bikeguard.tracker.theft;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Trajectory evidence pinned to a case: a frozen copy of the bike's sightings in
 * {@code [from, to)} and the trajectory built from them. Never changed after it is stored.
 * Immutable (the JSON values are copies).
 *
 * @param compiledAt when it was compiled (UTC)
 * @param from       start of the window: the reported theft time (UTC)
 * @param to         end of the window: the compilation time (UTC)
 * @param sightings  [{"tag","station","firstSeen","lastSeen","reads","peakRssi","open"}] in time order
 * @param trajectory the GeoJSON Feature, or null when the bike was not heard in the window
 */
public record Evidence(
        long id,
        long caseId,
        Instant compiledAt,
        String compiledBy,
        Instant from,
        Instant to,
        JsonArray sightings,
        JsonObject trajectory) {

    public Evidence {
        sightings = sightings.copy();
        trajectory = trajectory == null ? null : trajectory.copy();
    }
}
