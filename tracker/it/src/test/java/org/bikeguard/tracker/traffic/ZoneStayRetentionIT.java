package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.SteppedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The zone stays' retention on a real tracker and PostgreSQL, with the default 30 days and a clock
 * stepped from the default scenario start: a fire-lane dwell that brought a text and a fine, then 31
 * days later a backlog of 25,000 more closed stays beyond the retention, are deleted in batches;
 * a closed stay of 29 days ago, a stay written today from buffered reads of 40 days ago, and a stay
 * running now are kept, and so are the dwell's zone events and fine case.
 */
@Timeout(180)
class ZoneStayRetentionIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OLD = "B1C7001";
    private static final String NOW = "B1C7002";
    private static final long BACKLOG = 25_000;
    private static final long RECENT_CLOSED = 0xB1C7003L;
    private static final long REPLAYED = 0xB1C7004L;

    private long seq = 1;

    @Test
    void closedStaysPastTheRetentionGoInBatchesAndRecentOpenStaysAndZoneEventsStay() {
        SteppedClock clock = new SteppedClock();
        try (TrackerKit tracker = TrackerKit.builder().clock(clock).start()) {
            String admin = tracker.adminToken();
            tracker.station("FP-1", 112.63, 26.93);
            Response z = tracker.put(
                    "/api/v1/zones/fire-p",
                    admin,
                    new JsonObject()
                            .put("name", "消防通道 P")
                            .put("kind", "fire_lane")
                            .put("stations", new JsonArray().add("FP-1")));
            assertEquals(201, z.status(), z.body());
            TestOwner owner = tracker.owner(admin, "保留");
            tracker.bike(admin, owner.id(), OLD);
            long last = park(tracker, OLD, clock.millis(), 31);
            Poll.until(WAIT, "the dwell's text and fine", () -> count(tracker, "zone_event") == 2);
            Poll.until(WAIT, "the dwell written to its last read", () -> lastSeen(tracker, OLD) == last);
            assertEquals(0, tracker.app().traffic().purgeZoneStays(), "nothing is 30 days old yet");

            clock.advance(Duration.ofDays(31));
            Instant now = clock.instant();
            backlog(tracker, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)));
            stay(tracker, RECENT_CLOSED, now.minus(Duration.ofDays(29)), now.minus(Duration.ofDays(29)));
            stay(tracker, REPLAYED, now.minus(Duration.ofDays(40)), now.minus(Duration.ofHours(1)));
            long running = park(tracker, NOW, clock.millis(), 5);
            Poll.until(WAIT, "the running stay written", () -> lastSeen(tracker, NOW) == running);
            long events = count(tracker, "zone_event");
            long fines = count(tracker, "fine");
            assertEquals(1, fines);

            assertEquals(BACKLOG + 1, tracker.app().traffic().purgeZoneStays());

            assertEquals(
                    List.of(Long.parseLong(NOW, 16), RECENT_CLOSED, REPLAYED),
                    longs(tracker, "SELECT tag FROM zone_stay ORDER BY tag"));
            assertEquals(events, count(tracker, "zone_event"), "zone events are never purged");
            assertEquals(fines, count(tracker, "fine"));
            String metrics = tracker.http().get("/metrics").body();
            assertTrue(metrics.contains("bikeguard_zones_stays_purged_total " + (BACKLOG + 1) + ".0"), metrics);
            assertEquals(0, tracker.app().traffic().purgeZoneStays(), "a second run finds nothing");
        }
    }

    /** Reads of {@code tag} every 20 s for {@code minutes} up to {@code nowMs}, in one frame; returns the last read's time. */
    private long park(TrackerKit tracker, String tag, long nowMs, int minutes) {
        StringBuilder reads = new StringBuilder("[");
        long t = nowMs - minutes * 60_000L;
        long last = t;
        for (; t <= nowMs; t += 20_000) {
            reads.append(reads.length() > 1 ? "," : "").append(JsonFrames.read(tag, t, false));
            last = t;
        }
        tracker.publish("FP-1", seq++, reads.append(']').toString());
        return last;
    }

    /** {@value #BACKLOG} closed stays of distinct tags, each an hour long up to {@code lastSeen}. */
    private static void backlog(TrackerKit tracker, Instant lastSeen, Instant written) {
        update(
                tracker,
                "INSERT INTO zone_stay (zone_id, tag, opened_at, entered_at, last_seen_at, station, written_at)"
                        + " SELECT 'fire-p', g, ?::timestamptz - interval '1 hour', ?::timestamptz - interval '1 hour',"
                        + " ?, 'FP-1', ? FROM generate_series(1, " + BACKLOG + ") g",
                utc(lastSeen),
                utc(lastSeen),
                utc(lastSeen),
                utc(written));
    }

    private static void stay(TrackerKit tracker, long tag, Instant lastSeen, Instant written) {
        update(
                tracker,
                "INSERT INTO zone_stay (zone_id, tag, opened_at, entered_at, last_seen_at, station, written_at)"
                        + " VALUES ('fire-p', ?, ?, ?, ?, 'FP-1', ?)",
                tag,
                utc(lastSeen.minusSeconds(600)),
                utc(lastSeen.minusSeconds(600)),
                utc(lastSeen),
                utc(written));
    }

    private static long lastSeen(TrackerKit tracker, String tag) {
        List<Long> l = longs(
                tracker,
                "SELECT (extract(epoch FROM last_seen_at) * 1000)::bigint FROM zone_stay WHERE tag = "
                        + Long.parseLong(tag, 16));
        return l.isEmpty() ? 0 : l.get(0);
    }

    private static long count(TrackerKit tracker, String table) {
        return longs(tracker, "SELECT count(*) FROM " + table).get(0);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void update(TrackerKit tracker, String sql, Object... values) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> longs(TrackerKit tracker, String sql) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
