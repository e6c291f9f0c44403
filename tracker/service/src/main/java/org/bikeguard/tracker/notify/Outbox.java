package org.bikeguard.tracker.notify;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notice outbox ({@code notice} table). {@link #enqueueViolations} adds one notice for each
 * violation of a registered bike that has none, to the bike's owner at the passage (one INSERT ... SELECT: transactional and
 * idempotent, the unique {@code violation_id} keeps concurrent members from adding two);
 * {@link #deliverDue} takes due pending notices with {@code FOR UPDATE SKIP LOCKED} (cluster-safe:
 * a notice is in one member's hands at a time), sends each through the gateway and records the
 * outcome in the same transaction: {@code sent}; or another attempt after a back-off of
 * {@code retryBase × 2^(attempts-1)} (at most one hour); or {@code failed} after
 * {@code maxAttempts}. Thread-safe (state lives in the database); blocking (JDBC, gateway).
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Violations older than this (by passage time) get no notice: a late-registered bike is not spammed. */
    static final Duration NOTICE_WINDOW = Duration.ofDays(7);

    static final int BATCH = 50;
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final DataSource ds;
    private final NoticeGateway gateway;
    private final NoticeSettings settings;
    private final Clock clock;

    public Outbox(DataSource ds, NoticeGateway gateway, NoticeSettings settings, Clock clock) {
        this.ds = ds;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
    }

    /** One job run: new violations in, due notices out. Blocking. */
    public void tick() throws SQLException {
        enqueueViolations();
        while (deliverDue() == BATCH) {
            // a full batch: more may be due
        }
    }

    /** Adds the missing notices of recent violations; returns how many. Blocking. */
    public int enqueueViolations() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO notice (violation_id, owner_id, recipient,"
                        + " template, params, next_attempt_at, created_at)"
                        + " SELECT v.id, o.id, o.phone, 'violation', jsonb_build_object('violation', v.id,"
                        + " 'plate', b.plate, 'kind', v.kind, 'intersection', v.intersection_id,"
                        + " 'at', to_char(v.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')), ?, ?"
                        + " FROM violation v JOIN violation_owner vo ON vo.violation_id = v.id"
                        + " JOIN bikes b ON b.id = v.bike_id JOIN owners o ON o.id = vo.owner_id"
                        + " WHERE v.at >= ? AND NOT EXISTS"
                        + " (SELECT 1 FROM notice n WHERE n.violation_id = v.id)"
                        + " ON CONFLICT (violation_id) DO NOTHING")) {
            st.setObject(1, utc(now));
            st.setObject(2, utc(now));
            st.setObject(3, utc(now.minus(NOTICE_WINDOW)));
            return st.executeUpdate();
        }
    }

    /**
     * Adds a notice on the caller's connection (inside its transaction), once per zone event.
     *
     * @return whether it was added (false: that event has its notice already)
     */
    public static boolean enqueue(
            Connection c, long zoneEventId, long ownerId, String phone, String template, JsonObject params, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO notice (zone_event_id, owner_id, recipient,"
                + " template, params, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)"
                + " ON CONFLICT (zone_event_id) DO NOTHING")) {
            st.setLong(1, zoneEventId);
            st.setLong(2, ownerId);
            st.setString(3, phone);
            st.setString(4, template);
            st.setString(5, params.encode());
            st.setObject(6, utc(now));
            st.setObject(7, utc(now));
            return st.executeUpdate() == 1;
        }
    }

    /** Sends up to {@value #BATCH} due notices; returns how many were taken. Blocking. */
    public int deliverDue() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Due> due = due(c, now);
                for (Due d : due) {
                    attempt(c, d, now);
                }
                c.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private record Due(Notice notice, int attempts) {}

    private static List<Due> due(Connection c, Instant now) throws SQLException {
        List<Due> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, recipient, template, params::text, attempts"
                + " FROM notice WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
                + " LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
            st.setObject(1, utc(now));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(
                            new Notice(
                                    rs.getLong(1), rs.getString(2), rs.getString(3), new JsonObject(rs.getString(4))),
                            rs.getInt(5)));
                }
            }
        }
        return out;
    }

    private void attempt(Connection c, Due d, Instant now) throws SQLException {
        int attempts = d.attempts() + 1;
        try {
            gateway.send(d.notice());
            try (PreparedStatement st = c.prepareStatement("UPDATE notice SET state = 'sent', attempts = ?,"
                    + " sent_at = ?, gateway = ?, last_error = NULL WHERE id = ?")) {
                st.setInt(1, attempts);
                st.setObject(2, utc(now));
                st.setString(3, gateway.name());
                st.setLong(4, d.notice().id());
                st.executeUpdate();
            }
        } catch (NoticeGateway.GatewayException e) {
            boolean giveUp = attempts >= settings.maxAttempts();
            Instant next = now.plus(backoff(settings.retryBase(), attempts));
            LOG.warn(
                    "notice not delivered [id: {}, attempt: {}, {}, error: {}]",
                    d.notice().id(),
                    attempts,
                    giveUp ? "giving up" : "next at " + next,
                    e.getMessage());
            try (PreparedStatement st = c.prepareStatement("UPDATE notice SET state = ?, attempts = ?,"
                    + " next_attempt_at = ?, last_error = ?, gateway = ? WHERE id = ?")) {
                st.setString(1, giveUp ? "failed" : "pending");
                st.setInt(2, attempts);
                st.setObject(3, utc(next));
                st.setString(4, e.getMessage());
                st.setString(5, gateway.name());
                st.setLong(6, d.notice().id());
                st.executeUpdate();
            }
        }
    }

    /** {@code base × 2^(attempts-1)}, at most one hour. */
    static Duration backoff(Duration base, int attempts) {
        int shift = Math.min(20, Math.max(0, attempts - 1));
        Duration d = base.multipliedBy(1L << shift);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /**
     * Puts failed notices back to pending for an immediate attempt (after a gateway outage);
     * returns how many. Blocking.
     */
    public int retryFailed() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE notice SET state = 'pending', attempts = 0,"
                        + " next_attempt_at = ? WHERE state = 'failed'")) {
            st.setObject(1, utc(clock.instant()));
            return st.executeUpdate();
        }
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
