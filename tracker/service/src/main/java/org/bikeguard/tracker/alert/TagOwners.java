package org.bikeguard.tracker.alert;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which member runs the pattern rules (clone, silent) of a tag: the owner of the Hazelcast
 * partition {@link Routes#partitionOf} of the tag. The member's view is an immutable
 * {@link Routes} snapshot, rebuilt from the partition table when a member joins or leaves, when a
 * migration completes, and on every {@link #refresh()} (the alert scheduler calls it every
 * second as a safety net). During a migration two members may briefly disagree; a read then goes
 * to the member its receiver believes owns it. Thread-safe; {@link #routes()} never blocks.
 */
final class TagOwners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TagOwners.class);

    private final HazelcastInstance hz;
    private final UUID membershipListener;
    private final UUID migrationListener;
    private volatile Routes routes;

    TagOwners(HazelcastInstance hz) {
        this.hz = hz;
        this.routes = Routes.lone(hz.getCluster().getLocalMember().getUuid());
        refresh();
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                refresh();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                refresh();
            }
        });
        this.migrationListener = hz.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
                // the table changes as replicas complete
            }

            @Override
            public void migrationFinished(MigrationState state) {
                refresh();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent e) {
                if (e.getReplicaIndex() == 0) {
                    refresh();
                }
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent e) {
                // the owner stays the source
            }
        });
    }

    /** The current snapshot. */
    Routes routes() {
        return routes;
    }

    /** Rebuilds the snapshot from the member list and the partition table (microseconds; non-blocking). */
    synchronized void refresh() {
        try {
            Set<Member> members = hz.getCluster().getMembers();
            UUID local = hz.getCluster().getLocalMember().getUuid();
            if (members.size() <= 1) {
                routes = Routes.lone(local);
                return;
            }
            Set<Partition> partitions = hz.getPartitionService().getPartitions();
            List<UUID> slots = new ArrayList<>();
            slots.add(local);
            for (Member m : members) {
                if (!m.getUuid().equals(local)) {
                    slots.add(m.getUuid());
                }
            }
            int[] slotOf = new int[partitions.size()];
            for (Partition p : partitions) {
                Member owner = p.getOwner();
                // no owner yet (the table is being built): keep it here rather than lose it
                slotOf[p.getPartitionId()] = owner == null ? 0 : Math.max(0, slots.indexOf(owner.getUuid()));
            }
            routes = new Routes(slots.toArray(UUID[]::new), slotOf);
        } catch (RuntimeException e) {
            LOG.debug("tag owners not refreshed [error: {}]", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            hz.getCluster().removeMembershipListener(membershipListener);
            hz.getPartitionService().removeMigrationListener(migrationListener);
        } catch (RuntimeException e) {
            LOG.debug("tag owner listeners not removed [error: {}]", e.toString());
        }
    }

    /**
     * One view of tag ownership: the members ({@code slot 0} is this member) and, per partition,
     * the slot of its owner. Immutable (the arrays are never changed after construction).
     */
    static final class Routes {

        private final UUID[] members;
        private final int[] slotOfPartition;

        /**
         * @param members         the members, this member first
         * @param slotOfPartition per partition id, the index in {@code members} of its owner
         */
        Routes(UUID[] members, int[] slotOfPartition) {
            if (members.length == 0 || slotOfPartition.length == 0) {
                throw new IllegalArgumentException("no members or no partitions");
            }
            this.members = members.clone();
            this.slotOfPartition = slotOfPartition.clone();
        }

        /** This member alone: it owns every tag. */
        static Routes lone(UUID local) {
            return new Routes(new UUID[] {local}, new int[1]);
        }

        /** Whether this member is alone (nothing is forwarded). */
        boolean lone() {
            return members.length == 1;
        }

        /** Number of slots (members); slot 0 is this member. */
        int slots() {
            return members.length;
        }

        /** The member in {@code slot}. */
        UUID member(int slot) {
            return members[slot];
        }

        /** The slot of the member owning {@code tag} (0: this member). */
        int slotOf(long tag) {
            return slotOfPartition[partitionOf(tag, slotOfPartition.length)];
        }

        /** Whether this member owns {@code tag}. */
        boolean owns(long tag) {
            return members.length == 1 || slotOf(tag) == 0;
        }

        /**
         * The partition of a tag: MurmurHash3's 64-bit finalizer of the tag, modulo the partition
         * count. The same on every member (it depends on the tag and the count only).
         */
        static int partitionOf(long tag, int partitions) {
            long h = tag;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) Math.floorMod(h, (long) partitions);
        }
    }
}
