package org.bikeguard.tracker.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest buffer's byte budget: the estimated heap bytes ({@link #weight}) of every frame
 * accepted from a station and not yet applied to the hot state. A frame is charged when
 * {@link FrameIntake} accepts it (redeliveries are never charged) and released when its write
 * to the frame log fails, or once the sighting engine has applied it ({@link #charged} marks the
 * committed frames that the applier hands back through {@link #applied}). The frame-log queue,
 * the applier's queue and the engine's per-bucket queues therefore hold at most what is charged.
 *
 * <p>Marks, in bytes: at or above the <b>high-water mark</b> (the configured buffer,
 * {@code BIKEGUARD_INGEST_BUFFER_MB}) {@link #readsPaused()} turns true and every station
 * connection that delivers a frame stops reading its socket after it; once releases bring the
 * buffer down to the <b>low-water mark</b> (half the buffer), the resume listeners run and the
 * connections read again. Acknowledgements are then only later; a frame is refused
 * ({@link #tryAcquire} false) only when taking it would pass the <b>hard limit</b> (twice the
 * buffer), which needs the paused connections to have delivered a whole buffer more.
 *
 * <p>Thread-safe and lock-free on the hot path (one CAS per acquire, one add per release);
 * resume listeners run on the releasing thread and must not block.
 */
public final class IngestBudget {

    /** One mebibyte in bytes. */
    public static final long MIB = 1L << 20;
    /** Estimated heap bytes per decoded entry: tag and time (8 + 8), count (4), rssi and flags (1 + 1), rounded up. */
    public static final int BYTES_PER_ENTRY = 24;
    /** Estimated heap bytes of the objects around one frame on its way (records, futures, maps, lambdas). */
    public static final int BYTES_PER_FRAME = 768;

    private final long highWater;
    private final long lowWater;
    private final long hardLimit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicInteger pausedConnections = new AtomicInteger();
    private final AtomicLong pauses = new AtomicLong();
    private final CopyOnWriteArrayList<Runnable> resumeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean overHighWater;

    /**
     * @param bufferBytes the high-water mark in bytes ({@code >= 2}); the low-water mark is half of
     *     it and the hard limit twice it
     */
    public IngestBudget(long bufferBytes) {
        if (bufferBytes < 2 || bufferBytes > Long.MAX_VALUE / 4) {
            throw new IllegalArgumentException("ingest buffer must be within 2..2^61 bytes, got " + bufferBytes);
        }
        this.highWater = bufferBytes;
        this.lowWater = bufferBytes / 2;
        this.hardLimit = bufferBytes * 2;
    }

    /** A budget so large that it never pauses or refuses (tests and tools that wire the ingest by hand). */
    public static IngestBudget unlimited() {
        return new IngestBudget(Long.MAX_VALUE / 4);
    }

    /**
     * Estimated heap bytes a frame holds from arrival until applied: its payload, its decoded
     * columns ({@value #BYTES_PER_ENTRY} B per entry) and {@value #BYTES_PER_FRAME} B of objects.
     */
    public static long weight(int payloadBytes, int entries) {
        return payloadBytes + (long) BYTES_PER_ENTRY * entries + BYTES_PER_FRAME;
    }

    /** {@link #weight(int, int)} of a logged frame. */
    public static long weight(LoggedFrame f) {
        return weight(f.payload().length, f.frame().size());
    }

    /**
     * Publishes the budget's meters: {@code bikeguard_ingest_buffer_bytes} (charged now),
     * {@code _buffer_max_bytes} (highest since start), {@code _buffer_high_water_bytes},
     * {@code _buffer_low_water_bytes}, {@code bikeguard_ingest_paused_connections} (connections
     * not being read now) and {@code bikeguard_ingest_pauses_total} (connection pauses). Frames
     * refused at the hard limit are counted by {@link FrameIntake} as
     * {@code bikeguard_ingest_rejected_total{reason="ingest_buffer_full"}}.
     *
     * @return this budget
     */
    public IngestBudget register(MeterRegistry registry) {
        Gauge.builder("bikeguard.ingest.buffer.bytes", used, AtomicLong::get)
                .description("Estimated heap bytes of frames accepted and not yet applied")
                .register(registry);
        Gauge.builder("bikeguard.ingest.buffer.max.bytes", maxUsed, AtomicLong::get)
                .description("Highest ingest buffer since start, bytes")
                .register(registry);
        Gauge.builder("bikeguard.ingest.buffer.high.water.bytes", this, b -> b.highWater)
                .description("Ingest buffer at which station connections stop being read, bytes")
                .register(registry);
        Gauge.builder("bikeguard.ingest.buffer.low.water.bytes", this, b -> b.lowWater)
                .description("Ingest buffer below which paused connections are read again, bytes")
                .register(registry);
        Gauge.builder("bikeguard.ingest.paused.connections", pausedConnections, AtomicInteger::get)
                .description("Station connections whose reading is paused by backpressure")
                .register(registry);
        FunctionCounter.builder("bikeguard.ingest.pauses", pauses, AtomicLong::get)
                .description("Times a station connection's reading was paused by backpressure")
                .register(registry);
        return this;
    }

    /**
     * Charges {@code bytes} for an accepted frame.
     *
     * @return false (nothing charged) only when the buffer holds something and taking the frame
     *     would pass the hard limit; never below it
     */
    public boolean tryAcquire(long bytes) {
        long now;
        long next;
        do {
            now = used.get();
            next = now + bytes;
            if (now > 0 && next > hardLimit) {
                return false;
            }
        } while (!used.compareAndSet(now, next));
        maxUsed.accumulateAndGet(next, Math::max);
        if (next >= highWater && !overHighWater) {
            overHighWater = true;
        }
        return true;
    }

    /** Gives back {@code bytes} charged earlier; at or below the low-water mark, resumes reading. */
    public void release(long bytes) {
        long now = used.addAndGet(-bytes);
        if (overHighWater && now <= lowWater) {
            boolean resume;
            synchronized (this) {
                resume = overHighWater && used.get() <= lowWater;
                if (resume) {
                    overHighWater = false;
                }
            }
            if (resume) {
                resumeListeners.forEach(Runnable::run);
            }
        }
    }

    /**
     * Whether connections should stop reading: true from the moment the buffer reaches the
     * high-water mark until it is back at the low-water mark.
     */
    public boolean readsPaused() {
        return overHighWater;
    }

    /**
     * Runs {@code listener} each time reading may resume (on the releasing thread; it should only
     * hand the work to where the connections live). Closing the handle removes it.
     */
    public AutoCloseable onResume(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        resumeListeners.add(listener);
        return () -> resumeListeners.remove(listener);
    }

    /** A connection stopped reading (counted in the pause meters). */
    void connectionPaused() {
        pausedConnections.incrementAndGet();
        pauses.incrementAndGet();
    }

    /** A paused connection reads again, or closed while paused. */
    void connectionResumed() {
        pausedConnections.decrementAndGet();
    }

    /**
     * Marks committed frames as charged, so that {@link #applied} gives their bytes back. Every
     * frame in the list must have been charged by {@link FrameIntake}.
     *
     * @return a read-only view of {@code frames}, in order
     */
    public List<LoggedFrame> charged(List<LoggedFrame> frames) {
        long bytes = 0;
        for (LoggedFrame f : frames) {
            bytes += weight(f);
        }
        return new Charged(frames, bytes);
    }

    /**
     * The engine has applied (or will never apply) {@code frames}: releases their bytes when they
     * came from {@link #charged} (once, however often called); other lists, such as frames
     * replayed from the log, were never charged and release nothing.
     */
    public void applied(List<LoggedFrame> frames) {
        if (frames instanceof Charged c && c.released.compareAndSet(false, true)) {
            release(c.bytes);
        }
    }

    /** Bytes charged now. */
    public long used() {
        return used.get();
    }

    /** Highest {@link #used()} since start. */
    public long maxUsed() {
        return maxUsed.get();
    }

    public long highWater() {
        return highWater;
    }

    public long lowWater() {
        return lowWater;
    }

    /** The most that may be charged; also the byte bound of the frame-log queue. */
    public long hardLimit() {
        return hardLimit;
    }

    /** Connections not being read now. */
    public int pausedConnections() {
        return pausedConnections.get();
    }

    /** Connection pauses since start. */
    public long pauses() {
        return pauses.get();
    }

    /** Committed frames whose bytes the budget still counts. */
    private static final class Charged extends AbstractList<LoggedFrame> implements RandomAccess {
        private final List<LoggedFrame> frames;
        private final long bytes;
        private final AtomicBoolean released = new AtomicBoolean();

        Charged(List<LoggedFrame> frames, long bytes) {
            this.frames = frames;
            this.bytes = bytes;
        }

        @Override
        public LoggedFrame get(int index) {
            return frames.get(index);
        }

        @Override
        public int size() {
            return frames.size();
        }
    }
}
