package org.bikeguard.sim.score;

/**
 * One sighting as the tracker's API returns it.
 *
 * @param station station id
 * @param firstSeen epoch ms UTC
 * @param lastSeen epoch ms UTC
 * @param reads sum of counts
 */
public record Sighting(String station, long firstSeen, long lastSeen, long reads) {}
