package org.bikeguard.tracker.traffic;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.traffic.TrafficDesk.Rider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the traffic desk's integration test classes: one {@link TrafficDesk} per class, started
 * before its first test and closed after its last, with its tracker, accounts, SMS records and steps
 * at hand. The fields are the running class's (test classes run one after another in this module).
 */
@Timeout(180)
abstract class TrafficDeskTests {

    static TrafficDesk desk;
    static TrackerKit tracker;
    static String admin;
    static String traffic;
    static String property;
    static AtomicInteger failNext;
    static List<JsonObject> smsReceived;

    @BeforeAll
    static void startDesk() {
        desk = TrafficDesk.start();
        tracker = desk.tracker;
        admin = desk.admin;
        traffic = desk.traffic;
        property = desk.property;
        failNext = desk.failNext;
        smsReceived = desk.smsReceived;
    }

    @AfterAll
    static void stopDesk() {
        if (desk != null) {
            desk.close();
            desk = null;
        }
    }

    static Rider rider(String name) {
        return desk.rider(name);
    }

    static long violation(Rider r, String at) {
        return desk.violation(r, at);
    }

    static JsonObject notice(String where, long id) {
        return desk.notice(where, id);
    }
}
