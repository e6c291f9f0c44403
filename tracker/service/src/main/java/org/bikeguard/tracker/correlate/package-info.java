/**
 * Correlation of reads into sightings in Hazelcast: buckets of packed per-tag tables updated by
 * one entry processor per batch, event-time closure, snapshots for checkpoints. Imports nothing
 * else of the tracker.
 */
package org.bikeguard.tracker.correlate;
