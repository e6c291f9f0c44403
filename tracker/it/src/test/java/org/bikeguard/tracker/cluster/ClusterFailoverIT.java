package org.bikeguard.tracker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.HttpTestClient;
import org.junit.jupiter.api.Test;

/**
 * Three tracker processes on one PostgreSQL and one Hazelcast cluster, six stations publishing QoS
 * 1 frames spread over all three, each station reading its own five tags once a second of event
 * time (one continuous stay per tag). In the end every acknowledged read is counted once and
 * every tag has exactly one sighting, as a single tracker gives on the same stream, through:
 * the leader SIGKILLed mid-stream and restarted while the others ingest (one station hopping to
 * the next member every 40 frames); and a member joining mid-stream, then the whole cluster
 * SIGKILLed and its three members started again at the same moment.
 */
class ClusterFailoverIT {

    @Test
    void leaderKilledMidStreamAndRestartedCountsEveryReadOnceInOneSightingPerStay() throws Exception {
        try (ClusterStream cluster = new ClusterStream("cluster-failover")) {
            for (int m = 0; m < ClusterStream.MEMBERS; m++) {
                cluster.start(m);
            }
            cluster.publish(1, ClusterStream.STATIONS - 1);
            cluster.awaitAcked(1, 3);
            cluster.tracker(0).kill();
            cluster.awaitAcked(2, 3);
            cluster.start(0);
            cluster.awaitAllAcked();

            HttpTestClient police = cluster.police(2);
            cluster.awaitAllVisible(police);
            for (long tag : cluster.tags()) {
                List<JsonNode> sightings = cluster.sightingsOf(police, tag);
                assertEquals(
                        1,
                        sightings.size(),
                        "one sighting for the one stay of tag " + TagIds.format(tag) + ": " + sightings);
                assertEquals(ClusterStream.FRAMES, sightings.get(0).get("reads").asLong(), TagIds.format(tag));
                assertEquals(
                        cluster.stationOf(tag), sightings.get(0).get("station").asText());
            }
            String leaderLog = Files.readString(cluster.log(1));
            assertTrue(
                    leaderLog.contains("took over the lane of a member that left"),
                    "the new leader took over the dead member's lane");
        }
    }

    @Test
    void memberJoinsMidStreamThenWholeClusterKilledAndRestartedCountsEveryReadOnce() throws Exception {
        try (ClusterStream cluster = new ClusterStream("cluster-restart")) {
            cluster.start(0);
            cluster.start(1);
            // stations of the third member fail over until it answers
            cluster.publish(0, -1);
            cluster.awaitAcked(1, 4);
            cluster.start(2);
            cluster.awaitAcked(1, 2);
            for (int m = 0; m < ClusterStream.MEMBERS; m++) {
                cluster.tracker(m).kill();
            }
            List<Thread> starts = new ArrayList<>();
            for (int m = 0; m < ClusterStream.MEMBERS; m++) {
                int member = m;
                Thread t = new Thread(() -> cluster.start(member));
                t.start();
                starts.add(t);
            }
            for (Thread t : starts) {
                t.join();
            }
            cluster.awaitAllAcked();
            HttpTestClient police = cluster.police(1);
            cluster.awaitAllVisible(police);
            for (long tag : cluster.tags()) {
                long reads = cluster.sightingsOf(police, tag).stream()
                        .mapToLong(n -> n.get("reads").asLong())
                        .sum();
                assertEquals(ClusterStream.FRAMES, reads, "reads of tag " + TagIds.format(tag));
            }
        }
    }
}
