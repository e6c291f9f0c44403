package org.bikeguard.tracker.correlate;

/**
 * One tag at one station from {@code firstSeen} to {@code lastSeen}.
 *
 * @param tag the tag id (unsigned 64-bit)
 * @param station dense station index
 * @param firstSeen first read time, epoch ms UTC
 * @param lastSeen last read time, epoch ms UTC
 * @param reads sum of the merged entries' counts
 * @param peakRssi highest RSSI seen, dBm (-127..0)
 * @param flags OR of the merged reads' flags (1 tamper, 2 low battery)
 * @param open true while the sighting may still be extended by new reads
 */
public record Sighting(
        long tag, int station, long firstSeen, long lastSeen, long reads, int peakRssi, int flags, boolean open) {}
