package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/v1/zones/{id}/stays} over stored rows (a real tracker and PostgreSQL, sighting gap
 * 30 s): rows of one tag that overlap or follow each other within a gap are one stay, rows further
 * apart are two, and a row just before the window joins the stay inside it.
 */
@Timeout(120)
class ZoneStaysListIT {

    /** 10:00 Shanghai (02:00 UTC) the day before the scenario day: the window's start. */
    private static final Instant T = ScenarioDate.WEEKDAY.instant().minus(Duration.ofDays(1));

    @Test
    void rowsWithinAGapAreOneStayAndRowsFurtherApartAreTwo() {
        try (TrackerKit tracker = TrackerKit.start()) {
            String admin = tracker.adminToken();
            tracker.station("LS-1", 112.64, 26.94);
            assertEquals(
                    201,
                    tracker.put(
                                    "/api/v1/zones/list-1",
                                    admin,
                                    new JsonObject()
                                            .put("name", "走廊 1")
                                            .put("kind", "corridor")
                                            .put("stations", new JsonArray().add("LS-1")))
                            .status());
            // A: two parts 20 s apart, the second fined
            row(tracker, 0xA1, at(0), at(600), null);
            row(tracker, 0xA1, at(620), at(1200), at(900));
            // B: two parts 60 s apart (more than a gap): two stays
            row(tracker, 0xB1, at(0), at(300), null);
            row(tracker, 0xB1, at(360), at(600), null);
            // C: a part ending 10 s before the window and one inside it
            row(tracker, 0xC1, at(-60), at(-10), null);
            row(tracker, 0xC1, at(5), at(180), null);
            // D: wholly before the window, further than a gap: not listed
            row(tracker, 0xD1, at(-120), at(-60), null);
            // E: a part inside another, then one within a gap of the first's end (not the second's)
            row(tracker, 0xE1, at(0), at(480), null);
            row(tracker, 0xE1, at(120), at(300), null);
            row(tracker, 0xE1, at(505), at(540), null);

            JsonArray stays = tracker.get("/api/v1/zones/list-1/stays?from=" + at(0) + "&to=" + at(3600), admin)
                    .json()
                    .getJsonArray("stays");
            assertEquals(
                    List.of(
                            "C1 " + at(-60) + " " + at(180) + " null",
                            "A1 " + at(0) + " " + at(1200) + " " + at(900),
                            "B1 " + at(0) + " " + at(300) + " null",
                            "E1 " + at(0) + " " + at(540) + " null",
                            "B1 " + at(360) + " " + at(600) + " null"),
                    stays.stream()
                            .map(o -> (JsonObject) o)
                            .map(s -> s.getString("tag") + " " + s.getString("enter") + " " + s.getString("lastSeen")
                                    + " " + s.getString("finedAt"))
                            .toList(),
                    stays.encode());
        }
    }

    private static String at(long seconds) {
        return T.plusSeconds(seconds).toString().replace("Z", ".000Z");
    }

    private static void row(TrackerKit tracker, long tag, String enter, String last, String fined) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO zone_stay (zone_id, tag, opened_at, entered_at,"
                                + " last_seen_at, station, fined_at, written_at) VALUES ('list-1', ?, ?, ?, ?, 'LS-1', ?, ?)")) {
            st.setLong(1, tag);
            st.setObject(2, utc(enter));
            st.setObject(3, utc(enter));
            st.setObject(4, utc(last));
            st.setObject(5, fined == null ? null : utc(fined));
            st.setObject(6, utc(last));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(String iso) {
        return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
    }
}
