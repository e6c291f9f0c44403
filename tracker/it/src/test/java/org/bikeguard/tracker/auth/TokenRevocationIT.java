package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.alert.AlarmConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tokens stop working when they should, on HTTP and on the alarm WebSocket: logout, an admin
 * revoking a user's tokens, a disabled user, a changed role, password changes, expiry; each change
 * audited.
 */
@Timeout(300)
class TokenRevocationIT {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);
    private static final SteppedClock CLOCK = new SteppedClock();
    private static TrackerKit tracker;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.builder().clock(CLOCK).start();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static HttpTestClient admin() {
        return tracker.http().login("admin", TrackerKit.ADMIN_PASSWORD);
    }

    private static AlarmConsole console(String token) {
        return AlarmConsole.connect(tracker.vertx(), tracker.httpPort(), token, null);
    }

    @Test
    void logoutRevokesTheTokenOnHttpAndClosesItsAlarmSocket() {
        HttpTestClient police = tracker.user("officer-out", "police");
        try (AlarmConsole socket = console(police.token())) {
            assertEquals(200, police.get("/api/v1/auth/me").status());
            assertEquals(204, police.post("/api/v1/auth/logout", null).status());
            HttpTestClient.Response r = police.get("/api/v1/auth/me");
            assertEquals(401, r.status(), r.body());
            assertTrue(r.json().getString("message").contains("revoked"), r.body());
            assertEquals(401, police.get("/api/v1/alerts").status());
            assertEquals(4401, socket.awaitClosed(CLOSE_WAIT), "the open socket closes on revocation");
            assertTrue(socket.closeReason().contains("revoked"), socket.closeReason());
        }
        assertThrows(RuntimeException.class, () -> console(police.token()), "a revoked token opens no socket");
        assertEquals(List.of("user.created", "auth.login", "auth.logout"), actions("user:officer-out"));
    }

    @Test
    void anAdminRevokesEveryTokenOfAUser() {
        HttpTestClient one = tracker.user("officer-two-sessions", "police");
        HttpTestClient two = tracker.http().login("officer-two-sessions", "password-officer-two-sessions");
        assertEquals(200, two.get("/api/v1/alerts").status());
        HttpTestClient.Response r = admin().post("/api/v1/users/officer-two-sessions/revoke-tokens", null);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getInteger("revokedTokens"));
        assertEquals(0, r.json().getInteger("liveTokens"));
        assertEquals(401, one.get("/api/v1/alerts").status());
        assertEquals(401, two.get("/api/v1/alerts").status());
        HttpTestClient fresh = tracker.http().login("officer-two-sessions", "password-officer-two-sessions");
        assertEquals(200, fresh.get("/api/v1/alerts").status(), "a new login works");
        assertEquals(403, fresh.post("/api/v1/users/admin/revoke-tokens", null).status(), "admins only");
        assertTrue(actions("user:officer-two-sessions").contains("auth.tokens_revoked"));
    }

    @Test
    void aDisabledUserIsRefusedEverywhereUntilEnabledAgain() {
        HttpTestClient police = tracker.user("officer-disabled", "police");
        try (AlarmConsole socket = console(police.token())) {
            HttpTestClient.Response d = admin().post("/api/v1/users/officer-disabled/disable", null);
            assertEquals(200, d.status(), d.body());
            assertEquals(true, d.json().getBoolean("disabled"));
            assertEquals(401, police.get("/api/v1/alerts").status(), "the existing token stops working");
            assertEquals(4401, socket.awaitClosed(CLOSE_WAIT), "and its socket closes");
        }
        HttpTestClient.Response login = tracker.http()
                .json(
                        "POST",
                        "/api/v1/auth/token",
                        new JsonObject()
                                .put("username", "officer-disabled")
                                .put("password", "password-officer-disabled"));
        assertEquals(403, login.status(), login.body());
        assertEquals("account_disabled", login.code());
        HttpTestClient.Response self = admin().post("/api/v1/users/admin/disable", null);
        assertEquals(409, self.status(), "an admin cannot disable themselves: " + self.body());
        assertEquals(
                200, admin().post("/api/v1/users/officer-disabled/enable", null).status());
        assertEquals(
                200,
                tracker.http()
                        .login("officer-disabled", "password-officer-disabled")
                        .get("/api/v1/alerts")
                        .status());
        assertEquals(
                List.of("auth.login", "user.disabled", "auth.login_failed", "user.enabled", "auth.login"),
                actions("user:officer-disabled").subList(1, 6));
    }

    @Test
    void aRoleChangeTakesEffectAtOnce() {
        HttpTestClient police = tracker.user("officer-moved", "police");
        assertEquals(200, police.get("/api/v1/alerts").status());
        HttpTestClient.Response r =
                admin().json("PUT", "/api/v1/users/officer-moved/role", new JsonObject().put("role", "installer"));
        assertEquals(200, r.status(), r.body());
        assertEquals("installer", r.json().getString("role"));
        HttpTestClient.Response old = police.get("/api/v1/alerts");
        assertEquals(401, old.status(), "the token still says police: " + old.body());
        HttpTestClient installer = tracker.http().login("officer-moved", "password-officer-moved");
        assertEquals("installer", installer.get("/api/v1/auth/me").json().getString("role"));
        assertEquals(403, installer.get("/api/v1/alerts").status(), "an installer reads no alarms");
        assertEquals(
                409,
                admin().json("PUT", "/api/v1/users/officer-moved/role", new JsonObject().put("role", "owner"))
                        .status(),
                "owner accounts belong to the registry");
        assertEquals(
                "{\"from\":\"police\",\"to\":\"installer\"}",
                rows("SELECT json_build_object('from', details->>'from', 'to', details->>'to')::text FROM audit_log"
                                + " WHERE subject = 'user:officer-moved' AND action = 'user.role_changed'")
                        .get(0)
                        .replace(" ", ""));
    }

    @Test
    void changingOnesPasswordKeepsThisSessionAndEndsTheOthers() {
        HttpTestClient here = tracker.user("officer-pw", "police");
        HttpTestClient elsewhere = tracker.http().login("officer-pw", "password-officer-pw");
        HttpTestClient.Response wrong = here.json(
                "POST",
                "/api/v1/auth/password",
                new JsonObject().put("oldPassword", "not-my-password").put("newPassword", "new-password-1"));
        assertEquals(403, wrong.status(), wrong.body());
        HttpTestClient.Response ok = here.json(
                "POST",
                "/api/v1/auth/password",
                new JsonObject().put("oldPassword", "password-officer-pw").put("newPassword", "new-password-1"));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(1, ok.json().getInteger("revokedTokens"));
        assertEquals(200, here.get("/api/v1/auth/me").status(), "this session goes on");
        assertEquals(401, elsewhere.get("/api/v1/auth/me").status(), "the other one ends");
        tracker.http().login("officer-pw", "new-password-1");

        HttpTestClient.Response reset = admin().json(
                        "POST",
                        "/api/v1/users/officer-pw/password",
                        new JsonObject().put("password", "reset-password-2"));
        assertEquals(200, reset.status(), reset.body());
        assertEquals(2, reset.json().getInteger("revokedTokens"), "an admin's reset ends every session");
        assertEquals(401, here.get("/api/v1/auth/me").status());
        tracker.http().login("officer-pw", "reset-password-2");
        List<String> trail = actions("user:officer-pw");
        assertTrue(
                trail.containsAll(
                        List.of("auth.password_change_failed", "auth.password_changed", "auth.password_reset")),
                trail.toString());
    }

    @Test
    void theAlarmSocketClosesWhenItsTokenExpires() {
        HttpTestClient police = tracker.user("officer-late", "police");
        try (AlarmConsole socket = console(police.token())) {
            CLOCK.advance(TokenService.LIFETIME.plusMinutes(1));
            try {
                assertEquals(4401, socket.awaitClosed(CLOSE_WAIT));
                assertEquals("token expired", socket.closeReason());
            } finally {
                CLOCK.advance(TokenService.LIFETIME.plusMinutes(1).negated());
            }
        }
    }

    @Test
    void theSocketAcceptsTheHeaderButNeverATokenInTheUrlAndWaitsForNoOneForever() {
        String police = tracker.userToken("officer-header", "police");
        try (AlarmConsole byHeader = AlarmConsole.open(tracker.vertx(), tracker.httpPort(), null, police)) {
            assertEquals("officer-header", byHeader.awaitReady().getString("username"));
        }
        try (AlarmConsole silent = AlarmConsole.open(tracker.vertx(), tracker.httpPort(), null, null)) {
            assertEquals(4401, silent.awaitClosed(CLOSE_WAIT), "no token within 10 s");
        }
        try (AlarmConsole garbage = AlarmConsole.open(tracker.vertx(), tracker.httpPort(), null, null)) {
            garbage.send("hello");
            assertEquals(4401, garbage.awaitClosed(CLOSE_WAIT));
        }
        String installer = tracker.userToken("installer-socket", "installer");
        try (AlarmConsole wrongRole = AlarmConsole.open(tracker.vertx(), tracker.httpPort(), null, null)) {
            wrongRole.send(new JsonObject().put("token", installer).encode());
            assertEquals(4403, wrongRole.awaitClosed(CLOSE_WAIT));
        }
    }

    private static List<String> actions(String subject) {
        return rows("SELECT action FROM audit_log WHERE subject = '" + subject + "' ORDER BY id");
    }

    private static List<String> rows(String sql) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
