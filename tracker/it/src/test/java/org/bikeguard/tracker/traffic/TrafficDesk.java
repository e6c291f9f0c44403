package org.bikeguard.tracker.traffic;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TrackerKit;

/**
 * The fixture of the traffic desk's integration tests: a real tracker on a fresh embedded
 * PostgreSQL database with a clock ticking from 24 November 2026, 10:00 Asia/Shanghai
 * ({@link ScenarioDate#WEEKDAY}), whose SMS gateway is a local HTTP server that records every
 * message and can be told to fail the next ones; admin, traffic and property accounts; and the
 * steps the flows share (riders with a bike, violations inserted into the {@code violation} table
 * as detection would, the notice rows). One per test class; the SMS records are thread-safe, the
 * rest is driven from one test thread.
 */
final class TrafficDesk implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong TAGS = new AtomicLong(0xB1C0000);

    /** How many of the next SMS requests the gateway answers with 503. */
    final AtomicInteger failNext = new AtomicInteger();
    /** Every SMS request's body, oldest first, with {@code "failed"} set to whether it was failed. */
    final List<JsonObject> smsReceived = new CopyOnWriteArrayList<>();

    final TrackerKit tracker;
    final String admin;
    final String traffic;
    final String property;
    private final HttpServer sms;

    /** An owner with one bike and its tag (canonical hex) and plate. */
    record Rider(TestOwner owner, long bikeId, String tag, String plate) {}

    private TrafficDesk(HttpServer sms) {
        this.sms = sms;
        sms.createContext("/sms", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            boolean fail = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            smsReceived.add(new JsonObject(new String(body, StandardCharsets.UTF_8)).put("failed", fail));
            byte[] answer = (fail ? "{\"error\":\"busy\"}" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(fail ? 503 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        sms.start();
        try {
            tracker = TrackerKit.builder()
                    .clock(ScenarioClock.ticking(ScenarioDate.WEEKDAY.instant()))
                    .env("BIKEGUARD_NOTICE_GATEWAY", "sms")
                    .env(
                            "BIKEGUARD_NOTICE_URL",
                            "http://127.0.0.1:" + sms.getAddress().getPort() + "/sms")
                    .env("BIKEGUARD_NOTICE_RETRY_S", "1")
                    .start();
        } catch (RuntimeException e) {
            sms.stop(0);
            throw e;
        }
        admin = tracker.adminToken();
        traffic = tracker.userToken("officer-traffic", "traffic");
        property = tracker.userToken("property-desk", "property");
    }

    /** Starts the SMS gateway and the tracker; blocking. */
    static TrafficDesk start() {
        try {
            return new TrafficDesk(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            tracker.close();
        } finally {
            sms.stop(0);
        }
    }

    /** A new owner named {@code name} with a new bike on a fresh tag. */
    Rider rider(String name) {
        TestOwner o = tracker.owner(admin, name);
        String tag = Long.toHexString(TAGS.incrementAndGet()).toUpperCase();
        long bike = tracker.bike(admin, o.id(), tag);
        String plate = tracker.get("/api/v1/bikes/" + bike, admin).json().getString("plate");
        return new Rider(o, bike, tag, plate);
    }

    /** Inserts a red-light violation at {@code at} (ISO-8601 with an offset) as detection would; returns its id. */
    long violation(Rider r, String at) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO violation (tag, bike_id, kind, intersection_id,"
                        + " at, confidence, evidence, detected_at) VALUES (?, ?, 'red_light', 'X-01', ?, 0.97,"
                        + " '{\"phase\":\"red\"}'::jsonb, ?) RETURNING id")) {
            st.setLong(1, Long.parseUnsignedLong(r.tag(), 16));
            st.setLong(2, r.bikeId());
            st.setObject(3, OffsetDateTime.parse(at));
            st.setObject(4, OffsetDateTime.ofInstant(tracker.clock().instant(), ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The notice whose column {@code where} is {@code id}: its state, attempts, last error, template
     * and the number of such rows; null when there is none.
     */
    JsonObject notice(String where, long id) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT state, attempts, last_error, template, count(*) OVER ()"
                                + " FROM notice WHERE " + where + " = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new JsonObject()
                        .put("state", rs.getString(1))
                        .put("attempts", rs.getInt(2))
                        .put("lastError", rs.getString(3))
                        .put("template", rs.getString(4))
                        .put("rows", rs.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The owner the notice of a violation is addressed to. */
    long noticeOwner(long violationId) {
        try (Connection c = tracker.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT owner_id FROM notice WHERE violation_id = ?")) {
            st.setLong(1, violationId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
