package org.bikeguard.tracker.auth;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Login throttling and lockout against a whole tracker, on a clock the test steps: the attack of
 * the issue (3,000 wrong passwords in seconds, then the right one), the lock after ten failures
 * and its lifting by an admin, unknown usernames treated alike, the per-address throttle, and the
 * audit rows of each step.
 */
@Timeout(300)
class LoginLockoutIT {

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

    @BeforeEach
    void forgetTheAddress() {
        CLOCK.thaw();
        CLOCK.advance(Duration.ofHours(2)); // past the per-address forgetting window of earlier tests
    }

    @AfterEach
    void thaw() {
        CLOCK.thaw();
    }

    /** A fresh admin login (the test moves the clock by days: tokens made earlier expire). */
    private static HttpTestClient admin() {
        return tracker.http().login("admin", TrackerKit.ADMIN_PASSWORD);
    }

    /** Creates a user with the password {@code password-<name>} and logs them in. */
    private static HttpTestClient user(String name, String role) {
        HttpTestClient.Response r = admin().json(
                        "POST",
                        "/api/v1/users",
                        new JsonObject()
                                .put("username", name)
                                .put("password", "password-" + name)
                                .put("role", role));
        assertEquals(201, r.status(), r.body());
        return tracker.http().login(name, "password-" + name);
    }

    private static HttpTestClient.Response login(String user, String password) {
        return tracker.http()
                .json(
                        "POST",
                        "/api/v1/auth/token",
                        new JsonObject().put("username", user).put("password", password));
    }

    @Test
    void threeThousandWrongPasswordsInSecondsThenTheRightOneIsRefusedUntilTheDelayPasses() throws Exception {
        user("officer-burst", "police");
        CLOCK.freeze(); // the whole burst happens at one instant, however slow the machine
        Map<Integer, AtomicInteger> statuses = burst("officer-burst", 3_000, 64);
        int checked = statuses.getOrDefault(401, new AtomicInteger()).get();
        int throttled = statuses.getOrDefault(429, new AtomicInteger()).get();
        assertEquals(6, checked, "5 free failures, then the 6th sets a delay; nothing else is checked: " + statuses);
        assertEquals(3_000 - 6, throttled, "every other attempt is refused unchecked: " + statuses);

        HttpTestClient.Response right = login("officer-burst", "password-officer-burst");
        assertEquals(429, right.status(), "the right password right after the burst is refused: " + right.body());
        assertEquals("rate_limited", right.code());
        assertTrue(right.json().getJsonObject("details").getLong("retryAfterS") >= 1, right.body());

        CLOCK.advance(Duration.ofSeconds(2)); // the 1 s delay after the 6th failure has passed
        assertEquals(200, login("officer-burst", "password-officer-burst").status(), "once the delay passes");
        assertEquals(
                6,
                count(
                        "SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND subject = 'user:officer-burst'"),
                "each checked wrong password is audited");
        assertEquals(0, count("SELECT count(*) FROM login_failures WHERE username = 'officer-burst'"), "cleared");
    }

    @Test
    void tenFailuresLockTheAccountUntilAnAdminUnlocksItAndEveryStepIsAudited() {
        user("officer-lock", "police");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            statuses.add(login("officer-lock", "wrong-password-" + i).status());
            CLOCK.advance(Duration.ofMinutes(16)); // longer than the longest delay
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 401, 401, 401, 423), statuses);
        HttpTestClient.Response locked = login("officer-lock", "password-officer-lock");
        assertEquals(423, locked.status(), locked.body());
        assertEquals("account_locked", locked.code());
        CLOCK.advance(Duration.ofDays(3));
        assertEquals(423, login("officer-lock", "password-officer-lock").status(), "a lock does not wear off");

        JsonObject state = admin().get("/api/v1/users/officer-lock").json();
        assertEquals(true, state.getBoolean("locked"), state.encode());
        assertEquals(10, state.getInteger("failures"));
        HttpTestClient police = user("officer-other", "police");
        assertEquals(403, police.post("/api/v1/users/officer-lock/unlock", null).status(), "admins unlock");
        HttpTestClient.Response unlocked = admin().post("/api/v1/users/officer-lock/unlock", null);
        assertEquals(200, unlocked.status(), unlocked.body());
        assertEquals(true, unlocked.json().getBoolean("wasLocked"));
        assertEquals(false, unlocked.json().getBoolean("locked"));
        assertEquals(200, login("officer-lock", "password-officer-lock").status());

        List<String> trail = rows("SELECT username || ' ' || role || ' ' || action FROM audit_log"
                + " WHERE subject = 'user:officer-lock' ORDER BY id");
        List<String> expected = new ArrayList<>();
        expected.add("admin admin user.created");
        expected.add("officer-lock police auth.login");
        for (int i = 0; i < 10; i++) {
            expected.add("anonymous anonymous auth.login_failed");
        }
        expected.add("anonymous anonymous auth.locked");
        expected.add("admin admin auth.unlocked");
        expected.add("officer-lock police auth.login");
        assertEquals(expected, trail);
    }

    @Test
    void anUnknownUsernameIsThrottledExactlyLikeARealOne() {
        CLOCK.freeze();
        List<Integer> unknown = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        user("officer-real", "police");
        for (int i = 0; i < 7; i++) {
            unknown.add(login("nobody-at-all", "wrong-password").status());
            known.add(login("officer-real", "wrong-password").status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 429), unknown);
        assertEquals(unknown, known, "the answers do not tell which names exist");
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedDown() {
        CLOCK.freeze();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            statuses.add(login("sprayed-" + i, "Passw0rd!").status());
        }
        assertEquals(21, statuses.stream().filter(s -> s == 401).count(), "20 free failures, the 21st sets a delay");
        HttpTestClient.Response r = login("sprayed-21", "Passw0rd!");
        assertEquals(429, r.status(), r.body());
        assertTrue(r.json().getString("message").contains("address"), r.body());
        assertEquals(429, login("admin", TrackerKit.ADMIN_PASSWORD).status(), "the address waits, whoever it tries");
        CLOCK.advance(Duration.ofSeconds(3));
        assertEquals(200, login("admin", TrackerKit.ADMIN_PASSWORD).status());
    }

    /** {@code n} wrong-password logins, {@code parallel} at a time; the count of each status. */
    private static Map<Integer, AtomicInteger> burst(String user, int n, int parallel) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            HttpRequest req = HttpRequest.newBuilder(URI.create(tracker.baseUrl() + "/api/v1/auth/token"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("username", user)
                            .put("password", "guess-" + i)
                            .encode()))
                    .build();
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                slots.release();
                statuses.computeIfAbsent(e != null ? -1 : r.statusCode(), k -> new AtomicInteger())
                        .incrementAndGet();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new TreeMap<>(statuses);
    }

    private static long count(String sql) {
        return Long.parseLong(rows(sql).get(0));
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
