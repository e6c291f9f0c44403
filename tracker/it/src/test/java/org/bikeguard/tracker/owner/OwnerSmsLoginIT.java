package org.bikeguard.tracker.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.SteppedClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The owners' login with an SMS code as second factor, against a real tracker (embedded
 * PostgreSQL, the log SMS gateway whose outbox file stands in for the phone) on a scenario clock
 * the test steps: a code logs in once; wrong codes are limited to 5; a code expires after 5 min;
 * codes are rate-limited per account; staff cannot use the owners' entrance; a wrong password
 * sends nothing.
 */
@Timeout(180)
class OwnerSmsLoginIT {

    private static final SteppedClock CLOCK = new SteppedClock();
    private static TrackerKit tracker;
    private static String installer;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().clock(CLOCK).start();
        installer = tracker.userToken("installer-sms", "installer");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static Response start(String phone, String password) {
        return tracker.post(
                "/api/v1/auth/sms/start",
                null,
                new JsonObject().put("username", phone).put("password", password));
    }

    private static Response verify(String challenge, String code) {
        return tracker.post(
                "/api/v1/auth/sms/verify",
                null,
                new JsonObject().put("challenge", challenge).put("code", code));
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void theRightCodeLogsTheOwnerInOnceWithTheirUsualToken() {
        TestOwner owner = tracker.owner(installer, "短信甲");
        Response s = start(owner.phone(), RegistryFixtures.OWNER_PASSWORD);
        assertEquals(200, s.status(), s.body());
        assertEquals(300, s.json().getInteger("expiresInS"));
        assertEquals(
                owner.phone().substring(0, 3) + "****" + owner.phone().substring(7),
                s.json().getString("sentTo"));
        String code = SmsOutbox.latestCode(tracker.dataDir(), owner.phone());
        Response v = verify(s.json().getString("challenge"), code);
        assertEquals(200, v.status(), v.body());
        assertEquals("owner", v.json().getString("role"));
        Response me = tracker.get("/api/v1/me/profile", v.json().getString("token"));
        assertEquals(200, me.status(), me.body());
        assertEquals(owner.id(), me.json().getLong("id"));
        Response again = verify(s.json().getString("challenge"), code);
        assertEquals(401, again.status());
        assertEquals("used", again.json().getJsonObject("details").getString("reason"), "a code logs in once");
    }

    @Test
    void fiveWrongCodesUseTheChallengeUpSoEvenTheRightCodeIsThenRefused() {
        TestOwner owner = tracker.owner(installer, "短信乙");
        Response s = start(owner.phone(), RegistryFixtures.OWNER_PASSWORD);
        String challenge = s.json().getString("challenge");
        String code = SmsOutbox.latestCode(tracker.dataDir(), owner.phone());
        for (int left = 4; left >= 1; left--) {
            Response w = verify(challenge, wrong(code));
            assertEquals(401, w.status());
            assertEquals("wrong", w.json().getJsonObject("details").getString("reason"));
            assertEquals(left, w.json().getJsonObject("details").getInteger("attemptsLeft"));
        }
        Response fifth = verify(challenge, wrong(code));
        assertEquals("too_many", fifth.json().getJsonObject("details").getString("reason"));
        Response right = verify(challenge, code);
        assertEquals(401, right.status(), "the right code after five wrong ones is refused");
        assertEquals("too_many", right.json().getJsonObject("details").getString("reason"));
    }

    @Test
    void aCodeExpiresAfterFiveMinutesAndANewOneMayBeSentAfterAMinute() {
        TestOwner owner = tracker.owner(installer, "短信丙");
        Response s = start(owner.phone(), RegistryFixtures.OWNER_PASSWORD);
        String code = SmsOutbox.latestCode(tracker.dataDir(), owner.phone());
        Response soon = start(owner.phone(), RegistryFixtures.OWNER_PASSWORD);
        assertEquals(429, soon.status(), "one code a minute");
        assertEquals("sms.account", soon.json().getJsonObject("details").getString("limit"));
        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        Response late = verify(s.json().getString("challenge"), code);
        assertEquals(401, late.status());
        assertEquals("expired", late.json().getJsonObject("details").getString("reason"));
        Response fresh = start(owner.phone(), RegistryFixtures.OWNER_PASSWORD);
        assertEquals(200, fresh.status(), fresh.body());
        String second = SmsOutbox.latestCode(tracker.dataDir(), owner.phone());
        assertEquals(2, SmsOutbox.to(tracker.dataDir(), owner.phone()).size());
        assertEquals(200, verify(fresh.json().getString("challenge"), second).status());
    }

    @Test
    void aWrongPasswordSendsNothingAndStaffMustUseTheirOwnLogin() {
        TestOwner owner = tracker.owner(installer, "短信丁");
        Response w = start(owner.phone(), "not-the-password");
        assertEquals(401, w.status());
        assertTrue(SmsOutbox.to(tracker.dataDir(), owner.phone()).isEmpty(), "no SMS for a wrong password");
        tracker.userToken("clerk-sms", "installer");
        Response staff = start("clerk-sms", "password-clerk-sms");
        assertEquals(403, staff.status(), "the SMS entrance is the owners'");
        assertEquals("installer", staff.json().getJsonObject("details").getString("role"));
    }
}
