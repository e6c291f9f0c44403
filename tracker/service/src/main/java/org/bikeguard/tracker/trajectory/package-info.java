/**
 * Trajectories from sightings: JTS line strings through station positions, geodesic lengths
 * (metres) and speeds (km/h), ISO-8601 UTC formatting. Pure and thread-safe.
 */
package org.bikeguard.tracker.trajectory;
