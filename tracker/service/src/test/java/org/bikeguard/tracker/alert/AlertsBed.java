package org.bikeguard.tracker.alert;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.testsupport.HttpTestClient;
import org.bikeguard.tracker.testsupport.ScenarioClock;
import org.bikeguard.tracker.testsupport.TestStation;
import org.bikeguard.tracker.testsupport.TestTracker;

/**
 * A whole tracker for the alarm tests, on a scenario clock ({@link #clock}, ticking from the
 * default scenario start), with helpers to add stations and users and to publish JSON frames.
 */
public final class AlertsBed implements AutoCloseable {

    public static final String SECRET = "alarm-station-secret-0123";
    /** The tracker's clock: scenarios stamp their reads from it. */
    public final Clock clock;
    public final TrackerApp app;
    public final Vertx vertx = Vertx.vertx();
    public final HttpTestClient admin;

    public AlertsBed() {
        this(ScenarioClock.ticking());
    }

    public AlertsBed(Clock clock) {
        this.clock = clock;
        app = TestTracker.start(Map.of("BIKEGUARD_SIGHTING_GAP_S", "30"), clock);
        admin = TestTracker.admin(app);
    }

    /** Creates a station at (lon, lat) with radius 80 m. */
    public void station(String id, double lon, double lat) {
        admin.putStation(id, SECRET, lon, lat);
    }

    /** Creates a user with the role and returns a logged-in client. */
    public HttpTestClient user(String username, String role) {
        HttpTestClient.Response r = admin.post("/api/v1/users",
                "{\"username\":\"" + username + "\",\"password\":\"password-" + username + "\",\"role\":\"" + role + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("user " + username + ": " + r.status() + " " + r.body());
        }
        return new HttpTestClient(app.httpPort()).login(username, "password-" + username);
    }

    /** The bearer token of a client (read back through a login). */
    public String token(String username) {
        HttpTestClient.Response r = new HttpTestClient(app.httpPort()).post("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"password-" + username + "\"}");
        return r.json().get("token").asText();
    }

    /** Publishes one JSON frame (QoS 1) and waits for its PUBACK. Reads: {tag hex, ts ms, flags JSON or null}. */
    public void publish(String station, long seq, String readsJson) {
        try (TestStation s = TestStation.connect(vertx, app.mqttPort(), station, SECRET)) {
            s.publishAndWait(frame(station, seq, readsJson));
        }
    }

    /** A JSON frame with the given reads array text. */
    public static byte[] frame(String station, long seq, String readsJson) {
        return ("{\"station\":\"" + station + "\",\"seq\":" + seq + ",\"reads\":" + readsJson + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One read as JSON. */
    public static String read(String tag, long ts, boolean tamper) {
        return "{\"tag\":\"" + tag + "\",\"ts\":" + ts + ",\"rssi\":-60" + (tamper ? ",\"flags\":[\"tamper\"]" : "") + "}";
    }

    @Override
    public void close() {
        vertx.close().await();
        app.close();
    }
}
