package org.bikeguard.tracker.registry;

/**
 * Told after a bike's tag or plate was replaced, so that other features can follow the bike (the
 * watch list of a confirmed theft case). Called on the worker thread that made the change, after
 * it committed; may block (JDBC, Hazelcast). A failure is answered to the caller as an error, but
 * the change itself stands. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface BikeChangeListener {

    /** Does nothing. */
    BikeChangeListener NONE = change -> {};

    /** @param change the bike before and after the change */
    void tagOrPlateReplaced(BikeChanges.Change change);
}
