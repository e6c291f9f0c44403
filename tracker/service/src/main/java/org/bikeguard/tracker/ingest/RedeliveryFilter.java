package org.bikeguard.tracker.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Recognises redelivered frames by (station, seq): remembers, per station, the durability future
 * of its most recent {@link #WINDOW} frames. A frame seen again is acknowledged when (or as soon
 * as) its first copy is durable and is not counted or applied again. This is the fast path for a
 * resend on the same process; resends to another member, or after a restart, are recognised by
 * the frame log's {@code frame_dedup} in the writer's transaction. Thread-safe.
 */
public final class RedeliveryFilter {

    /**
     * Frames remembered per station: more than a station keeps in flight (MQTT 5 Receive Maximum
     * 100). Older resends are recognised by the frame log's dedup table; about 90 bytes each, so
     * some 23 KB per station.
     */
    public static final int WINDOW = 256;

    private final ConcurrentMap<String, Map<Long, CompletableFuture<Long>>> byStation = new ConcurrentHashMap<>();

    /**
     * Registers a first delivery. Returns {@code null} when (station, seq) is new — the caller
     * must then complete {@code durable} — or the earlier delivery's future when it is a redelivery.
     */
    public CompletableFuture<Long> register(String station, long seq, CompletableFuture<Long> durable) {
        Map<Long, CompletableFuture<Long>> window = byStation.computeIfAbsent(station, s -> newWindow());
        synchronized (window) {
            CompletableFuture<Long> earlier = window.get(seq);
            if (earlier != null && !earlier.isCompletedExceptionally()) {
                return earlier;
            }
            window.put(seq, durable);
            return null;
        }
    }

    /** Records a frame already durable in the log (start-up fill from the log's tail). */
    public void remember(String station, long seq, long frameId) {
        register(station, seq, CompletableFuture.completedFuture(frameId));
    }

    /** Forgets a delivery whose write failed, so the station's resend is written again. */
    public void forget(String station, long seq) {
        Map<Long, CompletableFuture<Long>> window = byStation.get(station);
        if (window != null) {
            synchronized (window) {
                window.remove(seq);
            }
        }
    }

    private static Map<Long, CompletableFuture<Long>> newWindow() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, CompletableFuture<Long>> eldest) {
                return size() > WINDOW;
            }
        };
    }
}
