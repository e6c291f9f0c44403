package org.bikeguard.tracker.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads of personal data and alarm views are audited under the reader, and under the user a
 * service (the claims module) asked for, with the service in {@code via}.
 */
@Timeout(120)
class AuditedReadsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TrackerKit tracker;
    private static String admin;
    private static String installer;
    private static String police;
    private static String adjuster;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        admin = tracker.adminToken();
        installer = tracker.userToken("installer-ar", "installer");
        police = tracker.userToken("officer-ar", "police");
        adjuster = tracker.userToken("adjuster-ar", "adjuster");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** The audit rows of {@code subject}, oldest first, as {@code "action username role via"}. */
    private static List<String> rows(String subject) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT action, username, role, details->>'via' FROM audit_log WHERE subject = ? ORDER BY seq")) {
            st.setString(1, subject);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
        }
        return out;
    }

    private static HttpResponse<String> get(String path, String token, String onBehalfOf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tracker.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (onBehalfOf != null) {
            b.header(Actor.ON_BEHALF_HEADER, onBehalfOf);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void staffReadsOfOwnersAndBikesAreAuditedAndTheOwnersOwnReadsAreNot() throws Exception {
        TestOwner o = tracker.owner(installer, "审计甲");
        long bike = tracker.bike(installer, o.id(), "AD01");
        String owner = "owner:" + o.id();
        String bikeSubject = "bike:" + bike;

        assertEquals(200, tracker.get("/api/v1/owners/" + o.id(), police).status());
        assertEquals(
                200,
                tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", admin).status());
        assertEquals(
                200,
                tracker.get("/api/v1/owners/" + o.id() + "/bikes", installer).status());
        assertEquals(200, tracker.get("/api/v1/owners/" + o.id(), o.token()).status());
        assertEquals(
                200,
                tracker.get("/api/v1/owners/" + o.id() + "/bikes", o.token()).status());
        assertEquals(
                List.of(
                        "owner.read officer-ar police null",
                        "owner.reveal admin admin null",
                        "owner.bikes installer-ar installer null"),
                rows(owner),
                "the owner's own reads leave no row");

        assertEquals(200, tracker.get("/api/v1/bikes/" + bike, adjuster).status());
        assertEquals(
                200, tracker.get("/api/v1/bikes/" + bike + "/history", police).status());
        assertEquals(200, tracker.get("/api/v1/bikes?tag=AD01", police).status());
        assertEquals(200, tracker.get("/api/v1/bikes/" + bike, o.token()).status());
        assertEquals(
                List.of(
                        "bike.read adjuster-ar adjuster null",
                        "bike.history officer-ar police null",
                        "bike.search officer-ar police null"),
                rows(bikeSubject));
    }

    @Test
    void theftCaseReadsByStaffAreAudited() throws Exception {
        TestOwner o = tracker.owner(installer, "审计乙");
        long bike = tracker.bike(installer, o.id(), "AD02");
        long theft = tracker.post(
                        "/api/v1/thefts",
                        o.token(),
                        new JsonObject()
                                .put("bikeId", bike)
                                .put(
                                        "stolenAt",
                                        tracker.clock()
                                                .instant()
                                                .minusSeconds(600)
                                                .toString())
                                .put("place", "小区")
                                .put("description", ""))
                .json()
                .getLong("id");
        assertEquals(200, tracker.get("/api/v1/thefts/" + theft, adjuster).status());
        assertEquals(200, tracker.get("/api/v1/thefts/" + theft, o.token()).status());
        assertEquals(List.of("theft.read adjuster-ar adjuster null"), rows("bike:" + bike));
        assertEquals(200, tracker.get("/api/v1/thefts?status=reported", police).status());
        assertTrue(rows("thefts").contains("theft.list officer-ar police null"), () -> "rows: " + safeRows("thefts"));
    }

    @Test
    void alarmListDetailAndWatchListViewsAreAudited() throws Exception {
        tracker.station("AR-AUDIT", 112.570, 26.890);
        tracker.app().alerts().watchList().watch(TagIds.parse("AD03"), 9, "HY-9", "衡阳A9");
        tracker.publish(
                "AR-AUDIT", 1, "[" + JsonFrames.read("AD03", tracker.clock().millis(), false) + "]");
        long id = Poll.until(
                Duration.ofSeconds(10),
                "the stolen alarm",
                () -> {
                    var list = tracker.get("/api/v1/alerts?limit=1000", police)
                            .json()
                            .getJsonArray("alerts");
                    for (int i = 0; i < list.size(); i++) {
                        if ("AD03".equals(list.getJsonObject(i).getString("tag"))) {
                            return list.getJsonObject(i).getLong("id");
                        }
                    }
                    return -1L;
                },
                v -> v > 0);
        assertEquals(200, tracker.get("/api/v1/alerts/" + id, police).status());
        assertEquals(200, tracker.get("/api/v1/watchlist", admin).status());
        assertEquals(List.of("alert.read officer-ar police null"), rows("AD03"));
        assertTrue(rows("alerts").contains("alert.list officer-ar police null"), () -> safeRows("alerts")
                .toString());
        assertTrue(rows("watchlist").contains("watchlist.read admin admin null"));
    }

    /** The claims service's reads for an adjuster: authorized by the service's admin token, audited under the adjuster. */
    @Test
    void aReadOnBehalfOfAUserIsAuditedUnderThatUserViaTheService() throws Exception {
        TestOwner o = tracker.owner(installer, "审计丙");
        long bike = tracker.bike(installer, o.id(), "AD04");
        HttpResponse<String> r = get("/api/v1/bikes/" + bike, admin, adjuster);
        assertEquals(200, r.statusCode(), r.body());
        HttpResponse<String> s =
                get("/api/v1/tags/AD04/sightings?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", admin, adjuster);
        assertEquals(200, s.statusCode(), s.body());
        assertEquals(List.of("bike.read adjuster-ar adjuster admin"), rows("bike:" + bike));
        assertEquals(List.of("tag.sightings adjuster-ar adjuster admin"), rows("AD04"));

        assertEquals(403, get("/api/v1/bikes/" + bike, police, adjuster).statusCode(), "only the service may");
        HttpResponse<String> forged = get("/api/v1/bikes/" + bike, admin, "v1.forged.token");
        assertEquals(401, forged.statusCode());
        assertTrue(forged.body().contains(Actor.ON_BEHALF_HEADER), forged.body());
        assertEquals(1, rows("bike:" + bike).size(), "refused requests read nothing");
    }

    private static List<String> safeRows(String subject) {
        try {
            return rows(subject);
        } catch (SQLException e) {
            return List.of(e.toString());
        }
    }
}
