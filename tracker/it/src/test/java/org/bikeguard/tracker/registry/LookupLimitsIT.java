package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The abuse limits of the public stolen-check and the owner transfer look-up: 429 with
 * {@code Retry-After} after the allowance, audited, and open again once the tracker's clock has
 * moved on (the test moves it; nothing waits in real time).
 */
@Timeout(120)
class LookupLimitsIT {

    /** Scenario time ticking from the default start, plus an offset the test moves. */
    private static final class MovableClock extends Clock {
        private final Clock base = ScenarioClock.ticking();
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            offset.updateAndGet(o -> o.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.get());
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final MovableClock CLOCK = new MovableClock();

    private static TrackerKit tracker;
    private static String installer;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().clock(CLOCK).start();
        installer = tracker.userToken("installer-ll", "installer");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tracker.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql, String param) throws SQLException {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void assertRefused(HttpResponse<String> r, String limit) {
        assertEquals(429, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals("rate_limited", body.getString("code"), r.body());
        assertEquals(limit, body.getJsonObject("details").getString("limit"));
        String retry = r.headers().firstValue("Retry-After").orElse(null);
        assertNotNull(retry, "Retry-After");
        assertTrue(Long.parseLong(retry) >= 1, retry);
        assertEquals(Long.parseLong(retry), body.getJsonObject("details").getLong("retryAfterS"));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    /** All stolen-checks come from loopback here: one address, 30 at once, then one per 2 s. */
    @Test
    void theStolenCheckIsLimitedPerAddressAuditedAndRecoversAsTimePasses() throws Exception {
        String path = "/api/v1/public/stolen-check?plate=" + URLEncoder.encode("湘D·99999", StandardCharsets.UTF_8);
        long before = count("SELECT count(*) FROM audit_log WHERE action = ?", "registry.stolen-check");
        int burst = LookupLimits.STOLEN_CHECK_ADDRESS.burst();
        for (int i = 0; i < burst; i++) {
            HttpResponse<String> r = send("GET", path, null, null);
            assertEquals(200, r.statusCode(), "check " + i + ": " + r.body());
        }
        assertEquals(
                before + burst,
                count("SELECT count(*) FROM audit_log WHERE action = ?", "registry.stolen-check"),
                "every look-up is audited");
        HttpResponse<String> refused = send("GET", path, null, null);
        assertRefused(refused, "stolen-check.address");
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) <= 2);
        assertRefused(send("GET", path, null, null), "stolen-check.address");
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM audit_log WHERE action = 'rate-limit.hit' AND subject = ?",
                        "stolen-check.address"),
                "a run of refusals is audited once, at its start");
        assertEquals(
                before + burst,
                count("SELECT count(*) FROM audit_log WHERE action = ?", "registry.stolen-check"),
                "a refused look-up reads nothing");

        CLOCK.advance(LookupLimits.STOLEN_CHECK_ADDRESS.per());
        assertEquals(200, send("GET", path, null, null).statusCode(), "one more after 2 s");
        assertRefused(send("GET", path, null, null), "stolen-check.address");
        assertEquals(
                2,
                count(
                        "SELECT count(*) FROM audit_log WHERE action = 'rate-limit.hit' AND subject = ?",
                        "stolen-check.address"));
        CLOCK.advance(Duration.ofMinutes(5));
        assertEquals(200, send("GET", path, null, null).statusCode(), "and the whole allowance later");
    }

    /**
     * The transfer look-up answers whether a phone and an ID number belong together: 5 per
     * account at once, then one per 12 min; 20 per address over all its accounts.
     */
    @Test
    void theTransferLookUpIsLimitedPerAccountAndPerAddressAndAudited() throws Exception {
        TestOwner seller = tracker.owner(installer, "限流甲");
        TestOwner buyer = tracker.owner(installer, "限流乙");
        long bike = tracker.bike(installer, seller.id(), "11A1");
        String wrong = new JsonObject()
                .put("toPhone", buyer.phone())
                .put("toIdNumber", seller.idNumber())
                .encode();
        String path = "/api/v1/me/bikes/" + bike + "/transfer";
        int burst = LookupLimits.TRANSFER_ACCOUNT.burst();
        for (int i = 0; i < burst; i++) {
            assertEquals(400, send("POST", path, seller.token(), wrong).statusCode(), "attempt " + i);
        }
        assertRefused(send("POST", path, seller.token(), wrong), "transfer-lookup.account");
        assertEquals(
                burst,
                count(
                        "SELECT count(*) FROM audit_log WHERE action = 'owner.transfer-lookup' AND username = ?",
                        seller.phone()),
                "each look-up is audited under the owner");
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM audit_log WHERE action = 'rate-limit.hit' AND username = ?",
                        seller.phone()));

        CLOCK.advance(LookupLimits.TRANSFER_ACCOUNT.per());
        String right = new JsonObject()
                .put("toPhone", buyer.phone())
                .put("toIdNumber", buyer.idNumber())
                .encode();
        HttpResponse<String> done = send("POST", path, seller.token(), right);
        assertEquals(200, done.statusCode(), "12 min later one more attempt: " + done.body());

        // The address (every owner here comes from loopback): 20 at once, one back per 3 min. It has
        // spent 5 + 1 and got 4 back in the 12 min: other owners get 18 more before it refuses.
        int expected = LookupLimits.TRANSFER_ADDRESS.burst()
                - burst
                - 1
                + (int) (LookupLimits.TRANSFER_ACCOUNT.per().toMillis()
                        / LookupLimits.TRANSFER_ADDRESS.per().toMillis());
        int allowed = 0;
        HttpResponse<String> refused = null;
        for (int n = 0; refused == null && n < 10; n++) {
            TestOwner o = tracker.owner(installer, "限流" + n);
            long b = tracker.bike(installer, o.id(), "11B" + n);
            for (int i = 0; i < burst; i++) {
                HttpResponse<String> r = send("POST", "/api/v1/me/bikes/" + b + "/transfer", o.token(), wrong);
                if (r.statusCode() == 429) {
                    refused = r;
                    break;
                }
                assertEquals(400, r.statusCode(), r.body());
                allowed++;
            }
        }
        assertNotNull(refused, "the address limit refuses");
        assertRefused(refused, "transfer-lookup.address");
        assertEquals(expected, allowed, "look-ups the address had left");
        TestOwner fresh = tracker.owner(installer, "限流新");
        long fb = tracker.bike(installer, fresh.id(), "11C1");
        assertRefused(
                send("POST", "/api/v1/me/bikes/" + fb + "/transfer", fresh.token(), wrong), "transfer-lookup.address");
        CLOCK.advance(LookupLimits.TRANSFER_ADDRESS.per());
        assertEquals(
                400,
                send("POST", "/api/v1/me/bikes/" + fb + "/transfer", fresh.token(), wrong)
                        .statusCode(),
                "the address has one more after 3 min");
    }
}
