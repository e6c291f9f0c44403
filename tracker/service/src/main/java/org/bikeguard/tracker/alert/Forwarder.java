package org.bikeguard.tracker.alert;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pattern thread's outboxes to the other members: reads of tags owned elsewhere are collected
 * per owner ({@link #add}) and the newest read time per local station ({@link #clock}); a
 * {@link #flush()} (the pattern thread calls it every {@value PatternDetector#FLUSH_MS} ms) sends
 * each member one {@link PatternBatch} with its reads and the station clocks that advanced since
 * the previous flush (every member gets those, reads or not). An outbox that reaches
 * {@code maxReads} is sent at once.
 *
 * <p>Nothing is retried: a batch that cannot be delivered (the member left or is unreachable,
 * its queue was full, or {@code maxInFlight} batches to it are still unanswered) is lost for the
 * pattern rules and its reads are counted in {@link #failedReads()}. The rules are best-effort
 * the same way on one member (a full queue drops frames).
 *
 * <p>Thread safety: {@link #add}, {@link #clock}, {@link #flush} and {@link #retarget} belong to
 * one thread (the pattern thread); the counters are thread-safe, and transport callbacks may come
 * on any thread.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final int[] NO_STATIONS = new int[0];
    private static final long[] NO_TIMES = new long[0];

    /** Sends a batch to a member, asynchronously; must not block. */
    interface Transport {
        /**
         * Sends {@code batch} to {@code member} and calls {@code done} once, on any thread:
         * {@code true} when the member took it, {@code false} when it refused it or the call failed.
         */
        void send(UUID member, PatternBatch batch, Done done);
    }

    /** The outcome of one send. */
    @FunctionalInterface
    interface Done {
        void done(boolean accepted);
    }

    private final Transport transport;
    private final int maxReads;
    private final int maxInFlight;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final ConcurrentHashMap<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private TagOwners.Routes routes;
    private PatternBatch[] outboxes = new PatternBatch[0];
    private long[] pendingClock = new long[256];
    private int[] dirty = new int[64];
    private int dirtyCount;

    /**
     * @param maxReads    reads per batch at most (an outbox this full is sent at once)
     * @param maxInFlight unanswered batches per member at most; more are dropped (a slow member
     *                    must not make this one queue without bound)
     */
    Forwarder(Transport transport, int maxReads, int maxInFlight) {
        this.transport = transport;
        this.maxReads = maxReads;
        this.maxInFlight = maxInFlight;
    }

    /**
     * The transport over Hazelcast: each batch is a task of the executor {@value PatternBatch#EXECUTOR}
     * submitted to the member (asynchronous; its answer says whether the member took it).
     */
    static Transport over(HazelcastInstance hz) {
        IExecutorService executor = hz.getExecutorService(PatternBatch.EXECUTOR);
        return (member, batch, done) -> {
            Member target = null;
            for (Member m : hz.getCluster().getMembers()) {
                if (m.getUuid().equals(member)) {
                    target = m;
                }
            }
            if (target == null) {
                done.done(false);
                return;
            }
            executor.submitToMember(batch, target, new ExecutionCallback<Boolean>() {
                @Override
                public void onResponse(Boolean accepted) {
                    done.done(Boolean.TRUE.equals(accepted));
                }

                @Override
                public void onFailure(Throwable t) {
                    LOG.debug("pattern batch failed [member: {}, error: {}]", member, t.toString());
                    done.done(false);
                }
            });
        };
    }

    /**
     * Takes a new view of the members: what is waiting goes out under the old one first (those
     * reads are the old owner's), then the outboxes follow the new members.
     */
    void retarget(TagOwners.Routes next) {
        if (routes != null) {
            flush();
        }
        routes = next;
        outboxes = new PatternBatch[next.slots()];
        inFlight.keySet().removeIf(m -> !contains(next, m));
    }

    /** Queues a read for the member in {@code slot} (not 0: that is this member). */
    void add(int slot, long tag, int station, long ts) {
        PatternBatch b = outboxes[slot];
        if (b == null) {
            b = new PatternBatch(Math.min(maxReads, 256), NO_STATIONS, NO_TIMES);
            outboxes[slot] = b;
        }
        b.add(tag, station, ts);
        if (b.size() >= maxReads) {
            outboxes[slot] = null;
            send(slot, b);
        }
    }

    /** Notes that local station {@code station} heard a read stamped {@code ts} (epoch ms; not positive: ignored). */
    void clock(int station, long ts) {
        if (station >= pendingClock.length) {
            pendingClock = Arrays.copyOf(pendingClock, Math.max(station + 1, pendingClock.length * 2));
        }
        long prev = pendingClock[station];
        if (ts <= prev) {
            return;
        }
        if (prev == 0) {
            if (dirtyCount == dirty.length) {
                dirty = Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = station;
        }
        pendingClock[station] = ts;
    }

    /** Sends every member what is waiting for it: its reads and the station clocks, when there is either. */
    void flush() {
        if (routes == null || routes.lone()) {
            dirtyCount = 0;
            return;
        }
        int[] st = Arrays.copyOf(dirty, dirtyCount);
        long[] ts = new long[dirtyCount];
        for (int i = 0; i < dirtyCount; i++) {
            ts[i] = pendingClock[st[i]];
            pendingClock[st[i]] = 0;
        }
        dirtyCount = 0;
        for (int slot = 1; slot < outboxes.length; slot++) {
            PatternBatch b = outboxes[slot];
            outboxes[slot] = null;
            if (b == null && st.length == 0) {
                continue;
            }
            send(slot, b == null ? new PatternBatch(0, st, ts) : b.withClocks(st, ts));
        }
    }

    /** Reads handed to the transport (including those whose batch then failed). */
    long forwardedReads() {
        return forwarded.get();
    }

    /** Reads lost for the pattern rules: their batch failed, was refused or was not sent (too many in flight). */
    long failedReads() {
        return failed.get();
    }

    /** Batches that failed, were refused or were not sent (a batch of station clocks only counts too). */
    long failedBatches() {
        return failedBatches.get();
    }

    private void send(int slot, PatternBatch b) {
        UUID member = routes.member(slot);
        AtomicInteger pending = inFlight.computeIfAbsent(member, m -> new AtomicInteger());
        int n = b.size();
        if (pending.incrementAndGet() > maxInFlight) {
            pending.decrementAndGet();
            lost(member, n, "too many batches unanswered");
            return;
        }
        forwarded.addAndGet(n);
        try {
            transport.send(member, b, accepted -> {
                pending.decrementAndGet();
                if (!accepted) {
                    lost(member, n, "refused or failed");
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            lost(member, n, e.toString());
        }
    }

    private void lost(UUID member, int reads, String why) {
        failed.addAndGet(reads);
        if (failedBatches.getAndIncrement() % 1000 == 0) {
            LOG.warn(
                    "pattern reads not forwarded [member: {}, reads: {}, reason: {}, failedBatches: {}]",
                    member,
                    reads,
                    why,
                    failedBatches.get());
        }
    }

    private static boolean contains(TagOwners.Routes r, UUID m) {
        for (int i = 0; i < r.slots(); i++) {
            if (r.member(i).equals(m)) {
                return true;
            }
        }
        return false;
    }
}
