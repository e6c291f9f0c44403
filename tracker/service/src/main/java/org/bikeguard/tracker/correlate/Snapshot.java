package org.bikeguard.tracker.correlate;

import java.util.List;

/**
 * State for a checkpoint, produced by {@link SightingEngine#snapshot(long)}. Immutable (the byte
 * arrays must not be modified).
 *
 * @param epoch the checkpoint epoch the closed sightings were frozen with
 * @param closed closed sightings to persist (frozen, not yet purged; may repeat ones returned by an
 *     earlier snapshot that was never purged, so persist idempotently on (tag, station, firstSeen))
 * @param openState serialized open sightings, one chunk per bucket, for {@link
 *     SightingEngine#restore(List)}
 * @param openCount number of open sightings in {@code openState}
 * @param marks each bucket's lane marks (opaque), in bucket order, for {@link
 *     SightingEngine#restore(List, List)}
 */
public record Snapshot(long epoch, List<Sighting> closed, List<byte[]> openState, long openCount, List<byte[]> marks) {
    /** Copies the lists. */
    public Snapshot {
        closed = List.copyOf(closed);
        openState = List.copyOf(openState);
        marks = List.copyOf(marks);
    }
}
