package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.alert.AlarmConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two trackers in one cluster on one database: a lock and a revocation hold on both members. */
@Timeout(300)
class PeopleClusterIT {

    private static final SteppedClock CLOCK = new SteppedClock();
    private static TrackerKit a;
    private static TrackerKit b;

    @BeforeAll
    static void start() {
        String db = TestDatabase.newDatabaseUrl();
        int[] ports = FreePorts.free(2);
        a = TrackerKit.builder().database(db).cluster(ports, 0).clock(CLOCK).start();
        b = TrackerKit.builder().database(db).cluster(ports, 1).clock(CLOCK).start();
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static HttpTestClient.Response login(TrackerKit member, String user, String password) {
        return member.http()
                .json(
                        "POST",
                        "/api/v1/auth/token",
                        new JsonObject().put("username", user).put("password", password));
    }

    @Test
    void anAccountLockedOnOneMemberIsLockedOnTheOtherAndUnlockedFromIt() {
        a.user("officer-cluster-lock", "police");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TrackerKit member = i % 2 == 0 ? a : b; // the guesses are spread over both members
            statuses.add(login(member, "officer-cluster-lock", "wrong-" + i).status());
            CLOCK.advance(Duration.ofMinutes(16));
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 401, 401, 401, 423), statuses);
        assertEquals(
                423,
                login(b, "officer-cluster-lock", "password-officer-cluster-lock")
                        .status());
        assertEquals(
                423,
                login(a, "officer-cluster-lock", "password-officer-cluster-lock")
                        .status());
        HttpTestClient admin = b.http().login("admin", TrackerKit.ADMIN_PASSWORD);
        assertEquals(
                200,
                admin.post("/api/v1/users/officer-cluster-lock/unlock", null).status());
        assertEquals(
                200,
                login(a, "officer-cluster-lock", "password-officer-cluster-lock")
                        .status());
    }

    @Test
    void aTokenRevokedOnOneMemberIsRefusedAtOnceOnTheOtherAndItsSocketThereCloses() {
        b.user("officer-cluster-out", "police");
        HttpTestClient onA = a.http().login("officer-cluster-out", "password-officer-cluster-out");
        HttpTestClient onB = b.http(onA.token());
        assertEquals(200, onA.get("/api/v1/alerts").status(), "a caches the token's record as valid");
        assertEquals(200, onB.get("/api/v1/alerts").status(), "a token from a's login works on b");
        try (AlarmConsole socketOnA = AlarmConsole.connect(a.vertx(), a.httpPort(), onA.token(), null)) {
            assertEquals(204, onB.post("/api/v1/auth/logout", null).status());
            // within 2 s, well before a's 5 s cache would let go: the revocation travelled through Hazelcast
            Poll.until(
                    Duration.ofSeconds(2),
                    "a refuses the token",
                    () -> onA.get("/api/v1/alerts").status() == 401);
            assertEquals(4401, socketOnA.awaitClosed(Duration.ofSeconds(20)));
        }
    }
}
