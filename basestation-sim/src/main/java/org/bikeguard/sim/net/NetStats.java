package org.bikeguard.sim.net;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bikeguard.sim.load.LogHistogram;

/**
 * Counters of the city's MQTT links, shared by the simulation thread (which queues frames) and
 * the event loops (which publish them). Latency is publish to PUBACK in microseconds.
 *
 * <p>Thread-safe: adders, atomics and a lock-free histogram.
 */
public final class NetStats {
    final LongAdder framesPublished = new LongAdder();
    final LongAdder framesAcked = new LongAdder();
    final LongAdder entriesAcked = new LongAdder();
    final LongAdder countsAcked = new LongAdder();
    final LongAdder retransmits = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger everConnected = new AtomicInteger();
    final AtomicInteger settled = new AtomicInteger();
    /** Frames queued and not yet acknowledged (pending, in flight, held while offline). */
    final AtomicLong queuedFrames = new AtomicLong();
    /** Payload bytes of those frames. */
    final AtomicLong queuedBytes = new AtomicLong();

    final LogHistogram ackMicros = new LogHistogram();

    /** Frames acknowledged by the tracker. */
    public long framesAcked() {
        return framesAcked.sum();
    }

    /** Entries of the acknowledged frames. */
    public long entriesAcked() {
        return entriesAcked.sum();
    }

    /** Sum of counts (raw reads) of the acknowledged frames. */
    public long countsAcked() {
        return countsAcked.sum();
    }

    /** Frames published again after a lost connection or an ack timeout. */
    public long retransmits() {
        return retransmits.sum();
    }

    /** Failed connection attempts. */
    public long connectFailures() {
        return connectFailures.sum();
    }

    /** Connections lost (outages not counted). */
    public long disconnects() {
        return disconnects.sum();
    }

    /** Connections up now. */
    public int connected() {
        return connected.get();
    }

    /** Stations that have connected at least once. */
    public int everConnected() {
        return everConnected.get();
    }

    /** Stations whose first connection attempt has ended (either way). */
    public int settled() {
        return settled.get();
    }

    /** Frames not yet acknowledged. */
    public long queuedFrames() {
        return queuedFrames.get();
    }

    /** Payload bytes not yet acknowledged. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** A copy of the ack latency histogram (microseconds). */
    public LogHistogram.Snapshot ackLatency() {
        return ackMicros.snapshot();
    }
}
