package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.SteppedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fire-lane dwell keeps its clock when it spans a tracker restart on the same database, when
 * its station's frames move to another member of the cluster, or when its station falls silent for
 * minutes and then resends its buffer: 10 minutes of reads before and 6 after give the text (16
 * minutes in), 15 more give the fine, each once. The clock is stepped by
 * hand; nothing sleeps through the grace.
 */
@Timeout(240)
class ZoneStayRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TAG = "B1C5701";
    private static final String PASSWORD = "zone-restart-admin-pw-1";

    private long seq = 1;

    @Test
    void aFireLaneDwellAcrossARestartGivesItsTextOnceAndItsFineOnce() throws Exception {
        SteppedClock clock = new SteppedClock();
        String db = TestDatabase.newDatabaseUrl();
        TrackerKit first = kit(db, clock);
        String phone;
        long t0;
        try {
            String admin = first.adminToken();
            first.station("FR-1", 112.61, 26.91);
            Response z = first.put(
                    "/api/v1/zones/fire-r",
                    admin,
                    new JsonObject()
                            .put("name", "消防通道 R")
                            .put("kind", "fire_lane")
                            .put("stations", new JsonArray().add("FR-1")));
            assertEquals(201, z.status(), z.body());
            TestOwner owner = first.owner(admin, "重启");
            phone = owner.phone();
            first.bike(admin, owner.id(), TAG);
            t0 = clock.millis() - 10 * 60_000L;
            park(first, t0, clock.millis());
            Poll.until(WAIT, "the stay written with its newest read", () -> lastSeen(first) >= clock.millis() - 20_000);
            assertEquals(List.of(), kinds(first), "10 minutes: within the grace");
        } finally {
            first.close();
        }

        clock.advance(Duration.ofMinutes(6));
        TrackerKit second = kit(db, clock);
        try {
            String traffic = second.userToken("officer-restart", "traffic");
            park(second, t0 + 10 * 60_000L + 20_000, clock.millis());
            Poll.until(WAIT, "the text 16 minutes in", () -> kinds(second).contains("text"));
            clock.advance(Duration.ofMinutes(15));
            park(second, t0 + 16 * 60_000L + 20_000, clock.millis());
            Poll.until(WAIT, "the fine 31 minutes in", () -> kinds(second).contains("fine"));
            // the same reads once more (a station resending after the restart) decide nothing new
            park(second, t0 + 16 * 60_000L + 20_000, clock.millis());
            JsonArray events =
                    second.get("/api/v1/zones/fire-r/events", traffic).json().getJsonArray("events");
            assertEquals(List.of("text", "fine"), kinds(second), events.encode());
            JsonObject text = events.getJsonObject(0);
            assertEquals(
                    t0,
                    java.time.Instant.parse(text.getString("enter")).toEpochMilli(),
                    "the clock started before the restart");
            assertEquals(2, notices(second, phone), "one text notice and one fine notice");
            JsonArray stays = Poll.until(
                    WAIT,
                    "the stay written with its decisions",
                    () -> stays(second, traffic, t0, clock),
                    a -> a.size() == 1 && a.getJsonObject(0).getString("finedAt") != null);
            assertNotNull(stays.getJsonObject(0).getString("textedAt"), stays.encode());
            assertEquals(text.getString("enter"), stays.getJsonObject(0).getString("enter"));
        } finally {
            second.close();
        }
    }

    /**
     * The zone's station connected to member A for 10 minutes of the dwell, then to member B for
     * the rest: B reads A's stay back and gives the text at 16 minutes and the fine at 31, once.
     */
    @Test
    void aFireLaneDwellWhoseStationMovesToAnotherMemberKeepsItsClock() throws Exception {
        SteppedClock clock = new SteppedClock();
        try (TwoMembers m = new TwoMembers(clock, 112.62, 26.92, "消防通道 M", "换节点")) {
            TrackerKit a = m.a;
            TrackerKit other = m.b;
            long t0 = clock.millis() - 10 * 60_000L;
            park(a, t0, clock.millis());
            Poll.until(WAIT, "A wrote the stay", () -> lastSeen(a) >= clock.millis() - 20_000);
            // B's periodic read-back lands after A's write and before the station moves (the order
            // that used to lose the stay: B forgot it at the next look, its row read again unchanged)
            other.app().traffic().syncZones();
            clock.advance(Duration.ofMinutes(6));
            // B's periodic read-back and purge after the 6 minutes, run now rather than waited for
            other.app().traffic().syncZones();
            park(other, t0 + 10 * 60_000L + 20_000, clock.millis());
            // and B's next read-back, run now (whether B still held the stay or joins its reads to it)
            other.app().traffic().syncZones();
            Poll.until(WAIT, "the text 16 minutes in", () -> kinds(other).contains("text"));
            clock.advance(Duration.ofMinutes(15));
            park(other, t0 + 16 * 60_000L + 20_000, clock.millis());
            Poll.until(WAIT, "the fine 31 minutes in", () -> kinds(other).contains("fine"));
            assertEquals(List.of("text", "fine"), kinds(other));
            assertEquals(
                    List.of(t0),
                    query(
                            other,
                            "SELECT (extract(epoch FROM enter_at) * 1000)::bigint FROM zone_event"
                                    + " WHERE zone_id = 'fire-r' AND kind = 'text'",
                            rs -> rs.getLong(1)),
                    "timed from A's first read");
            String traffic = other.userToken("officer-moved", "traffic");
            JsonArray stays = stays(other, traffic, t0, clock);
            assertEquals(1, stays.size(), "one dwell, one stay: " + stays.encode());
            assertEquals(
                    t0,
                    java.time.Instant.parse(stays.getJsonObject(0).getString("enter"))
                            .toEpochMilli());
        }
    }

    /**
     * The zone's station fell silent for 6 minutes (longer than a member keeps a stay nobody reads)
     * and then resent what it buffered: the member had forgotten the stay, opens a new one from the
     * buffered reads, and its next read-back joins it to the stored one, so the text still comes 16
     * minutes in, timed from the first read.
     */
    @Test
    void aFireLaneDwellWhoseStationWasSilentForMinutesKeepsItsClockWhenTheBufferArrives() throws Exception {
        SteppedClock clock = new SteppedClock();
        try (TrackerKit kit = kit(TestDatabase.newDatabaseUrl(), clock)) {
            String admin = kit.adminToken();
            kit.station("FR-1", 112.64, 26.94);
            assertEquals(
                    201,
                    kit.put(
                                    "/api/v1/zones/fire-r",
                                    admin,
                                    new JsonObject()
                                            .put("name", "消防通道 S")
                                            .put("kind", "fire_lane")
                                            .put("stations", new JsonArray().add("FR-1")))
                            .status());
            TestOwner owner = kit.owner(admin, "静默");
            kit.bike(admin, owner.id(), TAG);
            long t0 = clock.millis() - 10 * 60_000L;
            park(kit, t0, clock.millis());
            Poll.until(WAIT, "the stay written", () -> lastSeen(kit) >= clock.millis() - 20_000);
            clock.advance(Duration.ofMinutes(6));
            // the periodic work during the silence, run now rather than waited for: forgets the stay
            kit.app().traffic().syncZones();
            park(kit, t0 + 10 * 60_000L + 20_000, clock.millis());
            // the next read-back, run now
            kit.app().traffic().syncZones();
            Poll.until(WAIT, "the text 16 minutes in", () -> kinds(kit).contains("text"));
            assertEquals(
                    List.of(t0),
                    query(
                            kit,
                            "SELECT (extract(epoch FROM enter_at) * 1000)::bigint FROM zone_event"
                                    + " WHERE zone_id = 'fire-r' AND kind = 'text'",
                            rs -> rs.getLong(1)),
                    "timed from the first read before the silence");
        }
    }

    /**
     * The station's later reads reached member B before B had read back member A's stay of the
     * earlier ones (B opened a stay of its own; the read-back then lent it A's start): two rows, one
     * per member, and the stays list shows the dwell once, from A's first read to B's last, with
     * B's text timed from A's first read.
     */
    @Test
    void aDwellWrittenByTwoMembersIsOneStayInTheStaysList() throws Exception {
        SteppedClock clock = new SteppedClock();
        try (TwoMembers m = new TwoMembers(clock, 112.63, 26.93, "消防通道 L", "两段")) {
            TrackerKit a = m.a;
            TrackerKit other = m.b;
            long now = clock.millis();
            long t0 = now - 16 * 60_000L;
            park(other, t0 + 10 * 60_000L + 20_000, now);
            Poll.until(WAIT, "B wrote a stay of its own", () -> rows(other) == 1);
            park(a, t0, t0 + 10 * 60_000L);
            Poll.until(WAIT, "A wrote the earlier part to its last read", () -> query(
                            a,
                            "SELECT (extract(epoch FROM last_seen_at) * 1000)::bigint FROM zone_stay"
                                    + " WHERE zone_id = 'fire-r' AND entered_at = to_timestamp(" + t0
                                    + " / 1000.0)",
                            rs -> rs.getLong(1))
                    .equals(List.of(t0 + 10 * 60_000L)));
            other.app().traffic().syncZones();
            clock.advance(Duration.ofSeconds(20));
            park(other, now + 20_000, clock.millis());
            Poll.until(WAIT, "the text 16 minutes in", () -> kinds(other).contains("text"));
            assertEquals(2, rows(other), "one row per member");
            String traffic = other.userToken("officer-two-rows", "traffic");
            JsonArray stays = Poll.until(
                    WAIT,
                    "one stay with its text",
                    () -> stays(other, traffic, t0, clock),
                    l -> l.size() == 1 && l.getJsonObject(0).getString("textedAt") != null);
            JsonObject stay = stays.getJsonObject(0);
            assertEquals(t0, java.time.Instant.parse(stay.getString("enter")).toEpochMilli(), stays.encode());
            assertEquals(
                    now + 20_000,
                    java.time.Instant.parse(stay.getString("lastSeen")).toEpochMilli(),
                    stays.encode());
            assertEquals("FR-1", stay.getString("station"));
        }
    }

    /**
     * Two members of one cluster on one database and one stepped clock: A has the fire lane {@code fire-r} on station
     * FR-1 and {@link #TAG}'s bike; B starts after, knowing the zone and the station (both are read at start).
     */
    private static final class TwoMembers implements AutoCloseable {
        final TrackerKit a;
        final TrackerKit b;

        TwoMembers(SteppedClock clock, double lon, double lat, String zoneName, String ownerName) {
            String db = TestDatabase.newDatabaseUrl();
            int[] ports = FreePorts.free(2);
            a = TrackerKit.builder()
                    .database(db)
                    .cluster(ports, 0)
                    .clock(clock)
                    .adminPassword(PASSWORD)
                    .start();
            try {
                String admin = a.adminToken();
                a.station("FR-1", lon, lat);
                assertEquals(
                        201,
                        a.put(
                                        "/api/v1/zones/fire-r",
                                        admin,
                                        new JsonObject()
                                                .put("name", zoneName)
                                                .put("kind", "fire_lane")
                                                .put("stations", new JsonArray().add("FR-1")))
                                .status());
                a.bike(admin, a.owner(admin, ownerName).id(), TAG);
                b = TrackerKit.builder()
                        .database(db)
                        .cluster(ports, 1)
                        .clock(clock)
                        .adminPassword(PASSWORD)
                        .start();
            } catch (RuntimeException | Error e) {
                a.close();
                throw e;
            }
        }

        @Override
        public void close() {
            b.close();
            a.close();
        }
    }

    /** The stays list of {@code fire-r} from a minute before {@code t0Ms} to a minute after the clock's now. */
    private static JsonArray stays(TrackerKit kit, String token, long t0Ms, SteppedClock clock) {
        return kit.get(
                        "/api/v1/zones/fire-r/stays?from=" + java.time.Instant.ofEpochMilli(t0Ms - 60_000) + "&to="
                                + clock.instant().plusSeconds(60),
                        token)
                .json()
                .getJsonArray("stays");
    }

    private static long rows(TrackerKit kit) {
        return query(kit, "SELECT count(*) FROM zone_stay WHERE zone_id = 'fire-r'", rs -> rs.getLong(1))
                .get(0);
    }

    private static TrackerKit kit(String db, SteppedClock clock) {
        return TrackerKit.builder()
                .database(db)
                .clock(clock)
                .adminPassword(PASSWORD)
                .start();
    }

    /** Reads every 20 s from {@code fromMs} to {@code toMs}, in one frame. */
    private void park(TrackerKit kit, long fromMs, long toMs) {
        StringBuilder reads = new StringBuilder("[");
        for (long t = fromMs; t <= toMs; t += 20_000) {
            reads.append(reads.length() > 1 ? "," : "").append(JsonFrames.read(TAG, t, false));
        }
        kit.publish("FR-1", seq++, reads.append(']').toString());
    }

    private static List<String> kinds(TrackerKit kit) {
        return query(kit, "SELECT kind FROM zone_event WHERE zone_id = 'fire-r' ORDER BY id", rs -> rs.getString(1));
    }

    private static long lastSeen(TrackerKit kit) {
        List<Long> l = query(
                kit,
                "SELECT (extract(epoch FROM last_seen_at) * 1000)::bigint FROM zone_stay WHERE zone_id = 'fire-r'",
                rs -> rs.getLong(1));
        return l.isEmpty() ? 0 : l.get(0);
    }

    private static long notices(TrackerKit kit, String phone) {
        return query(kit, "SELECT count(*) FROM notice WHERE recipient = '" + phone + "'", rs -> rs.getLong(1))
                .get(0);
    }

    private interface Row<T> {
        T get(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(TrackerKit kit, String sql, Row<T> row) {
        try (Connection c = kit.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            List<T> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(row.get(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
