package org.bikeguard.tracker.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Recognises redelivered frames by (station, seq) and content: remembers, per station, the
 * {@link FrameDigest} and the durability future of its most recent {@link #WINDOW} frames. A frame
 * seen again with the same digest is acknowledged when (or as soon as) its first copy is durable
 * and is not counted or applied again. A frame that reuses a remembered seq with <em>other</em>
 * reads is no redelivery: its station restarted its seq counter, and the frame goes on to the
 * frame log like any new one (where {@link FrameDedup} counts the restart). This is the fast path
 * for a resend on the same process; resends to another member, or after a restart, are recognised
 * by the frame log's {@code frame_dedup} in the writer's transaction. Thread-safe.
 */
public final class RedeliveryFilter {

    /**
     * Frames remembered per station: more than a station keeps in flight (MQTT 5 Receive Maximum
     * 100). Older resends are recognised by the frame log's dedup table; about 110 bytes each, so
     * some 28 KB per station.
     */
    public static final int WINDOW = 256;

    /** A remembered frame: its content digest and when its first copy is durable. */
    private record Seen(long digest, CompletableFuture<Long> durable) {}

    private final ConcurrentMap<String, Map<Long, Seen>> byStation = new ConcurrentHashMap<>();

    /**
     * Registers a delivery. Returns {@code null} when it is a first delivery — a new (station,
     * seq), or a known one with another digest (a restarted seq counter) — and the caller must
     * then complete {@code durable}; or the earlier delivery's future when it is a redelivery (same
     * seq, same digest).
     *
     * @param digest the frame's {@link FrameDigest}
     */
    public CompletableFuture<Long> register(String station, long seq, long digest, CompletableFuture<Long> durable) {
        Map<Long, Seen> window = byStation.computeIfAbsent(station, s -> newWindow());
        synchronized (window) {
            Seen earlier = window.get(seq);
            if (earlier != null
                    && earlier.digest() == digest
                    && !earlier.durable().isCompletedExceptionally()) {
                return earlier.durable();
            }
            window.put(seq, new Seen(digest, durable));
            return null;
        }
    }

    /** Records a frame already durable in the log (start-up fill from the log's tail). */
    public void remember(String station, long seq, long digest, long frameId) {
        register(station, seq, digest, CompletableFuture.completedFuture(frameId));
    }

    /**
     * Forgets a delivery whose write failed, so the station's resend is written again; a no-op when
     * the seq has since been registered by another delivery (a restarted counter's frame).
     */
    public void forget(String station, long seq, CompletableFuture<Long> durable) {
        Map<Long, Seen> window = byStation.get(station);
        if (window != null) {
            synchronized (window) {
                Seen seen = window.get(seq);
                if (seen != null && seen.durable() == durable) {
                    window.remove(seq);
                }
            }
        }
    }

    private static Map<Long, Seen> newWindow() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Seen> eldest) {
                return size() > WINDOW;
            }
        };
    }
}
