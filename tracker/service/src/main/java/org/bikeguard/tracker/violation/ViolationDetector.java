package org.bikeguard.tracker.violation;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bikeguard.protocol.Frame;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.ingest.NewFrameListener;

/**
 * The ingest hook of violation detection. Per frame: a frame without antennas returns at once;
 * otherwise one array read by the station's index ({@link ZoneIndex}), and a station that belongs
 * to no intersection returns there (no allocation). The reads of an intersection's station whose
 * antenna covers a zone are copied into one small batch for the detector thread
 * ({@code bikeguard-violations}), which runs {@link Passages}; every {@value #SWEEP_MS} ms it ends
 * idle passages. Reads stamped more than {@link FrameApplier#MAX_FUTURE_MS} ahead of arrival are
 * ignored (the applier drops them). At most {@value #MAX_PENDING} batches wait; more are dropped and
 * counted. Thread-safe; {@link #onNewFrame} never blocks.
 */
final class ViolationDetector implements NewFrameListener {

    static final long SWEEP_MS = 100;
    static final int MAX_PENDING = 100_000;

    private final ScheduledExecutorService thread;
    private final Passages passages;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private volatile ZoneIndex zones;

    ViolationDetector(
            ScheduledExecutorService thread,
            PhaseBook phases,
            java.util.function.ToLongFunction<String> tolerance,
            long gapMs,
            Clock clock,
            Consumer<Violation> sink,
            ZoneIndex zones) {
        this.thread = thread;
        this.clock = clock;
        this.zones = zones;
        this.passages = new Passages(phases, tolerance, gapMs, sink);
        thread.scheduleWithFixedDelay(() -> passages.sweep(clock.millis()), SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    /** Replaces the zone index (intersections changed). */
    void zones(ZoneIndex index) {
        this.zones = index;
    }

    @Override
    public void onNewFrame(int stationIdx, Frame frame, long receivedAt) {
        if (!frame.hasAntennas()) {
            return;
        }
        Zone[] z = zones.zones(stationIdx);
        if (z.length == 0) {
            return;
        }
        byte[] antennas = frame.antennas();
        long limit = receivedAt + FrameApplier.MAX_FUTURE_MS;
        int n = 0;
        for (int i = 0; i < antennas.length; i++) {
            if (antennas[i] >= 0 && z[antennas[i]] != null && frame.timestamps()[i] <= limit) {
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        Zone[] zs = new Zone[n];
        int[] idx = new int[n];
        for (int i = 0, k = 0; i < antennas.length; i++) {
            if (antennas[i] >= 0 && z[antennas[i]] != null && frame.timestamps()[i] <= limit) {
                zs[k] = z[antennas[i]];
                idx[k++] = i;
            }
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            dropped.addAndGet(n);
            return;
        }
        try {
            thread.execute(() -> {
                pending.decrementAndGet();
                long now = clock.millis();
                for (int k = 0; k < zs.length; k++) {
                    int i = idx[k];
                    passages.onRead(
                            frame.tags()[i], zs[k], frame.timestamps()[i], frame.rssi()[i], frame.counts()[i], now);
                }
                reads.addAndGet(zs.length);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet(); // closing
        }
    }

    /** Reads dropped because the detector's queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Reads the detector has applied. */
    long reads() {
        return reads.get();
    }
}
