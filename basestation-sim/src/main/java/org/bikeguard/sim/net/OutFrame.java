package org.bikeguard.sim.net;

/**
 * One encoded frame on its way to the tracker; kept (and resent with the same bytes, hence the
 * same seq) until acknowledged. Not thread-safe: handed from the simulation thread to one event
 * loop, then confined to it.
 */
final class OutFrame {
    final int station;
    final byte[] payload;
    final int entries;
    final long counts;
    /** Order in which the station produced it (resends go in this order). */
    final long order;
    /** The topic, or null for the station's reads topic. */
    final String topic;

    long sentNanos;
    int attempts;

    OutFrame(int station, byte[] payload, int entries, long counts, long order) {
        this(station, payload, entries, counts, order, null);
    }

    OutFrame(int station, byte[] payload, int entries, long counts, long order, String topic) {
        this.topic = topic;
        this.station = station;
        this.payload = payload;
        this.entries = entries;
        this.counts = counts;
        this.order = order;
    }
}
