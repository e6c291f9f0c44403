/**
 * Sightings and trajectories of a tag or of a bike across the tags it carried, over a window: the
 * query that merges the database's closed sightings with the engine's live ones, and the police
 * and admin routes, each audited before any data is read.
 */
package org.bikeguard.tracker.sightings;
