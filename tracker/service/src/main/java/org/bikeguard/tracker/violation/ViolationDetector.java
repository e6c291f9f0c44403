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
 * the idle passages that never crossed. Reads stamped more than {@link FrameApplier#MAX_FUTURE_MS} ahead of arrival are
 * ignored (the applier drops them). At most {@value #MAX_PENDING} batches wait; more are dropped and
 * counted. Thread-safe; {@link #onNewFrame} never blocks.
 */
final class ViolationDetector implements NewFrameListener, ZoneReads.Receiver {

    /** Where an intersection's passages are decided: here, or on the member owning it. */
    interface Owners {
        /** Whether this member decides the intersection's passages. */
        boolean isLocal(String intersection);

        /** Sends reads to the member that does (asynchronously; a failure loses them). */
        void send(String intersection, ZoneReads reads);

        /** A lone member: everything is local. */
        Owners LOCAL = new Owners() {
            @Override
            public boolean isLocal(String intersection) {
                return true;
            }

            @Override
            public void send(String intersection, ZoneReads reads) {
                throw new IllegalStateException("nothing is sent by a lone member");
            }
        };
    }

    static final long SWEEP_MS = 100;
    static final int MAX_PENDING = 100_000;

    private final ScheduledExecutorService thread;
    private final Passages passages;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private volatile ZoneIndex zones;
    private volatile Owners owners = Owners.LOCAL;
    private final AtomicLong forwarded = new AtomicLong();

    ViolationDetector(
            ScheduledExecutorService thread,
            PhaseBook phases,
            java.util.function.ToLongFunction<String> tolerance,
            java.util.function.BiFunction<String, String, java.util.List<String>> movements,
            long gapMs,
            Clock clock,
            Consumer<Violation> sink,
            ZoneIndex zones) {
        this.thread = thread;
        this.clock = clock;
        this.zones = zones;
        this.passages = new Passages(phases, tolerance, movements, gapMs, sink);
        thread.scheduleWithFixedDelay(() -> passages.sweep(clock.millis()), SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    /** Where passages are decided (a cluster: by the owner of the intersection id's partition). */
    void owners(Owners owners) {
        this.owners = owners;
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
        String intersection = zs[0].intersection(); // a station belongs to one intersection
        Owners o = owners;
        if (!o.isLocal(intersection)) {
            ZoneReads out = new ZoneReads(frame.station(), receivedAt, n);
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                out.tags[k] = frame.tags()[i];
                out.ts[k] = frame.timestamps()[i];
                out.rssi[k] = frame.rssi()[i];
                out.counts[k] = frame.counts()[i];
                out.antennas[k] = antennas[i];
            }
            try {
                o.send(intersection, out);
                forwarded.addAndGet(n);
            } catch (RuntimeException e) {
                dropped.addAndGet(n);
            }
            return;
        }
        enqueue(zs, frame.tags(), frame.timestamps(), frame.rssi(), frame.counts(), idx, receivedAt);
    }

    /** Reads another member forwarded: this member owns their intersection. */
    @Override
    public void accept(ZoneReads r) {
        Zone[] z = zones.zones(r.station);
        int n = 0;
        for (int a : r.antennas) {
            if (a >= 0 && a < z.length && z[a] != null) {
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        Zone[] zs = new Zone[n];
        int[] idx = new int[n];
        byte[] rssi = new byte[r.size()];
        for (int i = 0, k = 0; i < r.size(); i++) {
            rssi[i] = (byte) r.rssi[i];
            int a = r.antennas[i];
            if (a >= 0 && a < z.length && z[a] != null) {
                zs[k] = z[a];
                idx[k++] = i;
            }
        }
        enqueue(zs, r.tags, r.ts, rssi, r.counts, idx, r.receivedAt);
    }

    /** {@code receivedAt}: the frame's receipt by the member it reached, the tracker's clock, epoch ms. */
    private void enqueue(
            Zone[] zs, long[] tags, long[] timestamps, byte[] rssi, int[] counts, int[] idx, long receivedAt) {
        int n = zs.length;
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            dropped.addAndGet(n);
            return;
        }
        try {
            thread.execute(() -> {
                pending.decrementAndGet();
                for (int k = 0; k < zs.length; k++) {
                    int i = idx[k];
                    passages.onRead(tags[i], zs[k], timestamps[i], rssi[i], counts[i], receivedAt);
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

    /** Reads sent to the member owning their intersection. */
    long forwarded() {
        return forwarded.get();
    }

    /** Reads the detector has applied. */
    long reads() {
        return reads.get();
    }
}
