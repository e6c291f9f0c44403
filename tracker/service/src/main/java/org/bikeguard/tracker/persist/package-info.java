/**
 * Durability of the hot state: checkpoints (closed sightings, open state and the frame-log
 * position in one transaction), recovery and replay of the frame log's tail at start, and time-
 * partition maintenance and retention.
 */
package org.bikeguard.tracker.persist;
