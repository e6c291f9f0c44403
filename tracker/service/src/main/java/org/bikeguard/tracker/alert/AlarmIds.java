package org.bikeguard.tracker.alert;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide alarm id counter. Ids are handed out by the oldest member (the one that leads
 * the cluster's jobs), in the order it is asked, from a block of {@value #BLOCK} ids it reserves in
 * the map {@value #MAP_NAME}; the other members ask it through the executor {@value #EXECUTOR}.
 * So an id costs the oldest member a lock and an increment, and another member one round trip to
 * it: no call waits behind the hot-state work queued on Hazelcast's partition threads (which the
 * map's entry processors share). The oldest member reserves its next block as soon as it starts
 * using one (and the first at start, once the counter is above the stored ids), asynchronously, so that it only waits for a reservation when
 * the next block has not come back by the time the current one is used up. (Hazelcast's CP
 * {@code IAtomicLong} is not available in the open-source edition.)
 *
 * <p>The map's one entry is the highest id reserved by any member, changed only by entry
 * processors (atomic on the key's partition, backed up like any map entry): blocks never overlap,
 * so ids are unique, and a new oldest member's block lies above every id handed out before, so
 * ids keep increasing across a change of the oldest member (the old one's unused ids, and its block
 * reserved ahead, are skipped).
 * When the oldest member cannot be asked, an id is reserved directly from the map (a block of
 * one): unique and increasing still. Ids stay below 2^53 so JavaScript reads them exactly.
 * Blocking calls; thread-safe.
 */
final class AlarmIds {

    static final String MAP_NAME = "bikeguard.alarm-ids";
    /** The executor on which members ask the oldest member for an id (one thread per member). */
    static final String EXECUTOR = "bikeguard.alarm-ids";
    /** User-context key of this member's {@link AlarmIds}, which answers {@link Ask}. */
    static final String SERVER = "bikeguard.alarm-ids";
    /** Ids reserved at once by the oldest member. */
    static final int BLOCK = 1_000;
    /** How long a member waits for the oldest member's answer before reserving an id itself. */
    static final long ASK_TIMEOUT_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmIds.class);
    private static final String KEY = "alarm";

    private final HazelcastInstance hz;
    private final IMap<String, Long> map;
    private final IExecutorService executor;
    /** This member's block, while it is the oldest: {@code next..end}; guarded by this. */
    private long next = 1;

    private long end;
    /** The block reserved ahead (its highest id), or {@code null}; guarded by this. */
    private CompletableFuture<Long> following;

    AlarmIds(HazelcastInstance hz) {
        this.hz = hz;
        this.map = hz.getMap(MAP_NAME);
        try {
            hz.getConfig().addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(1));
        } catch (RuntimeException e) {
            LOG.debug("alarm id executor keeps its configuration [error: {}]", e.toString());
        }
        this.executor = hz.getExecutorService(EXECUTOR);
        hz.getUserContext().put(SERVER, this);
    }

    /**
     * Raises the counter to at least {@code floor} (no-op when it is already higher); the oldest
     * member then reserves its first block (above the floor) ahead.
     */
    void atLeast(long floor) {
        map.executeOnKey(KEY, new Floor(floor));
        if (isOldest()) {
            synchronized (this) {
                reserveAhead();
            }
        }
    }

    /** The next id. */
    long next() {
        Member oldest = hz.getCluster().getMembers().iterator().next();
        if (oldest.localMember()) {
            Long id = serveIfOldest();
            if (id != null) {
                return id;
            }
        }
        try {
            Long id = executor.submitToMember(new Ask(), oldest).get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (id != null) {
                return id;
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("alarm id not given by the oldest member [member: {}, error: {}]", oldest, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return map.executeOnKey(KEY, new Reserve(1));
    }

    /** Stops answering other members (they reserve ids themselves meanwhile). */
    void close() {
        hz.getUserContext().remove(SERVER, this);
    }

    /**
     * An id from this member's block, or {@code null} when it is not the oldest member (any more):
     * then its block is dropped, so that it never hands out ids below a later oldest member's.
     */
    private synchronized Long serveIfOldest() {
        if (!isOldest()) {
            end = 0;
            next = 1;
            following = null;
            return null;
        }
        if (next > end) {
            end = takeFollowing();
            next = end - BLOCK + 1;
            reserveAhead();
        }
        return next++;
    }

    private boolean isOldest() {
        return hz.getCluster().getMembers().iterator().next().localMember();
    }

    /** Starts reserving the next block, unless that is under way. Holding the lock. */
    private void reserveAhead() {
        if (following == null) {
            following = map.submitToKey(KEY, new Reserve(BLOCK)).toCompletableFuture();
        }
    }

    /** The block reserved ahead, waited for (reserved now when that failed). Holding the lock. */
    private long takeFollowing() {
        CompletableFuture<Long> f = following;
        following = null;
        if (f != null) {
            try {
                return f.get();
            } catch (ExecutionException | RuntimeException e) {
                LOG.debug("alarm id block not reserved ahead [error: {}]", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return map.executeOnKey(KEY, new Reserve(BLOCK));
    }

    /** Asks the oldest member for an id; answers {@code null} when it is not the oldest (any more). */
    static final class Ask implements Callable<Long>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient HazelcastInstance hz;

        @Override
        public void setHazelcastInstance(HazelcastInstance hz) {
            this.hz = hz;
        }

        @Override
        public Long call() {
            Object server = hz == null ? null : hz.getUserContext().get(SERVER);
            return server instanceof AlarmIds ids ? ids.serveIfOldest() : null;
        }
    }

    /** Sets the value to max(value, floor). */
    static final class Floor implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;
        private final long floor;

        Floor(long floor) {
            this.floor = floor;
        }

        @Override
        public Long process(Map.Entry<String, Long> e) {
            long v = e.getValue() == null ? 0 : e.getValue();
            if (floor > v) {
                e.setValue(floor);
                return floor;
            }
            return v;
        }
    }

    /** Reserves the next {@code count} ids and returns the highest of them. */
    static final class Reserve implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;
        private final int count;

        Reserve(int count) {
            this.count = count;
        }

        @Override
        public Long process(Map.Entry<String, Long> e) {
            long v = (e.getValue() == null ? 0 : e.getValue()) + count;
            e.setValue(v);
            return v;
        }
    }
}
