package org.bikeguard.tracker.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the cluster's hot state is restored from the database once, by one member, and never
 * while other members apply: a marker entry in {@value #MAP_NAME} says {@code ready}, or
 * {@code restoring:<uuid>} while a member restores. A starting member claims the marker when it is
 * absent (the first member of a fresh cluster, or every member gone) and restores; a member that
 * finds it {@code ready} joins without touching state; one that finds a restore in progress waits,
 * and takes the restore over if the restoring member left. Blocking; call once at start.
 */
public final class HotStateGate {

    private static final Logger LOG = LoggerFactory.getLogger(HotStateGate.class);
    static final String MAP_NAME = "bikeguard.cluster-state";
    private static final String KEY = "hot-state";
    private static final String READY = "ready";
    private static final String RESTORING = "restoring:";

    /** The restore, run by the one member that claimed it. */
    @FunctionalInterface
    public interface Restore {
        void run() throws Exception;
    }

    private HotStateGate() {}

    /**
     * Keeps the marker on three members (as many as there are): losing it while the buckets live
     * on would make the next starting member restore over live state.
     */
    public static void configure(Config config) {
        config.addMapConfig(new MapConfig(MAP_NAME).setBackupCount(2));
    }

    /**
     * Returns once the cluster's hot state is ready; runs {@code restore} first when this member
     * is the one to restore. Returns whether it restored.
     *
     * @throws IllegalStateException when the wait exceeds {@code timeout}
     */
    public static boolean await(HazelcastInstance hz, Restore restore, Duration timeout) throws Exception {
        IMap<String, String> map = hz.getMap(MAP_NAME);
        UUID me = hz.getCluster().getLocalMember().getUuid();
        String mine = RESTORING + me;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String seen = map.putIfAbsent(KEY, mine);
            if (seen == null || (seen.startsWith(RESTORING) && !isMember(hz, seen) && map.replace(KEY, seen, mine))) {
                LOG.info("restoring the cluster's hot state from the last checkpoint");
                try {
                    restore.run();
                } catch (Exception | Error e) {
                    map.remove(KEY, mine);
                    throw e;
                }
                map.set(KEY, READY);
                return true;
            }
            if (READY.equals(seen)) {
                LOG.info("joining a cluster whose hot state is live; nothing restored");
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster's hot state is still being restored by another member ("
                        + seen + ") after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static boolean isMember(HazelcastInstance hz, String marker) {
        String uuid = marker.substring(RESTORING.length());
        for (Member m : hz.getCluster().getMembers()) {
            if (m.getUuid().toString().equals(uuid)) {
                return true;
            }
        }
        return false;
    }
}
