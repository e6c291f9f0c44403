package org.bikeguard.tracker.found;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * One "I found this bike" report as the police see it. Immutable.
 *
 * @param id         report id
 * @param bikeId     the bike whose certificate was scanned
 * @param plate      the bike's plate now
 * @param bikeStatus the bike's status when the report came in ({@code registered}, {@code stolen}, ...)
 * @param caseId     the bike's open theft case then, or null
 * @param caseNo     that case's police number, or null
 * @param reportedAt UTC
 * @param lon        WGS-84 longitude in degrees from the finder's browser, or null
 * @param lat        WGS-84 latitude in degrees, or null
 * @param accuracyM  the browser's accuracy radius in metres, or null
 * @param place      the place the finder typed, may be empty
 * @param note       the finder's note, may be empty
 * @param handledAt  when an officer marked it handled (UTC), or null
 * @param handledBy  that officer's username, or null
 */
public record FoundReport(
        long id,
        long bikeId,
        String plate,
        String bikeStatus,
        Long caseId,
        String caseNo,
        Instant reportedAt,
        Double lon,
        Double lat,
        Double accuracyM,
        String place,
        String note,
        Instant handledAt,
        String handledBy) {

    /** The wire form (times ISO-8601 UTC). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("bikeId", bikeId)
                .put("plate", plate)
                .put("bikeStatus", bikeStatus)
                .put("caseId", caseId)
                .put("caseNo", caseNo)
                .put("reportedAt", IsoTimes.format(reportedAt))
                .put("lon", lon)
                .put("lat", lat)
                .put("accuracyM", accuracyM)
                .put("place", place)
                .put("note", note)
                .put("handledAt", handledAt == null ? null : IsoTimes.format(handledAt))
                .put("handledBy", handledBy);
    }
}
