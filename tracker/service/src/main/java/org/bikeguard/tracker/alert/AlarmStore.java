package org.bikeguard.tracker.alert;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.bikeguard.common.worker.SerialWorker;
import org.bikeguard.tracker.trajectory.IsoTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code alerts} table: alarms are written asynchronously, in batches of at most {@value #BATCH},
 * by one {@link SerialWorker} thread ({@code bikeguard-alarm-store}, at most {@value #QUEUE}
 * waiting) so that raising an alarm never waits for the database; reads
 * and status changes are blocking JDBC calls for worker threads. Thread-safe.
 */
public final class AlarmStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStore.class);
    private static final int QUEUE = 100_000;
    private static final int BATCH = 500;
    private static final String COLUMNS =
            "body, status, acked_by, acked_at, dispatched_by, dispatched_at, dispatch_note,"
                    + " outcome, outcome_by, outcome_at, outcome_note,"
                    + " (SELECT k.companions::text FROM alert_companions k WHERE k.alert_id = alerts.id)";
    /** The outcomes an alarm can be given ({@code alerts.outcome}). */
    public static final java.util.Set<String> OUTCOMES = java.util.Set.of("dispatched", "intercepted", "false_alarm");

    private final DataSource ds;
    private final Clock clock;
    private final SerialWorker<Alarm> writer;
    private final AtomicLong dropped = new AtomicLong();

    /** @param clock the tracker's clock: times of acknowledgement and dispatch */
    public AlarmStore(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
        this.writer = SerialWorker.<Alarm>named("bikeguard-alarm-store")
                .capacity(QUEUE)
                .stopTimeout(Duration.ofSeconds(10))
                .batches(BATCH, this::writeBatch)
                .start();
    }

    /** Queues an alarm for writing; never blocks (counted and logged when the queue is full, or after close). */
    public void enqueue(Alarm a) {
        if (!writer.offer(a)) {
            dropped.incrementAndGet();
            LOG.warn("alarm not stored, {} [id: {}]", writer.isClosed() ? "store closed" : "queue full", a.id());
        }
    }

    /** Highest stored alarm id, 0 when none. Blocking. */
    public long maxId() {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT coalesce(max(id), 0) FROM alerts");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alerts: " + e.getMessage(), e);
        }
    }

    /**
     * The stored alarms with id &gt; {@code since}, oldest first; when more than {@code limit}
     * match, the newest {@code limit} of them. Each is the alarm's JSON plus its handling
     * ({@code status}, {@code ackedBy}, ...). Blocking.
     */
    public List<JsonObject> since(long since, int limit) throws SQLException {
        List<JsonObject> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM alerts WHERE id > ? ORDER BY id DESC LIMIT ?")) {
            st.setLong(1, since);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** The first {@code limit} stored alarms with id &gt; {@code after}, oldest first (for paging forward). Blocking. */
    public List<JsonObject> after(long after, int limit) throws SQLException {
        List<JsonObject> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id > ? ORDER BY id LIMIT ?")) {
            st.setLong(1, after);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    /** One stored alarm, or {@code null}. Blocking. */
    public JsonObject get(long id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /**
     * Stores a stolen alarm's companions (the {@code companions} list of the alarm's JSON), kept
     * apart from its row (table {@code alert_companions}), so they may be stored before the alarm
     * itself is written; the later call wins. Blocking.
     */
    public void companions(long id, io.vertx.core.json.JsonArray companions) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO alert_companions (alert_id, found_at, companions) VALUES (?, ?, ?::jsonb)"
                                + " ON CONFLICT (alert_id) DO UPDATE SET found_at = excluded.found_at,"
                                + " companions = excluded.companions")) {
            st.setLong(1, id);
            st.setObject(2, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
            st.setString(3, companions.encode());
            st.executeUpdate();
        }
    }

    /** Marks an alarm acknowledged (keeps a later "dispatched"); {@code false} when unknown. Blocking. */
    public boolean acknowledge(long id, String user) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        return update(
                "UPDATE alerts SET acked_by = coalesce(acked_by, ?), acked_at = coalesce(acked_at, ?),"
                        + " status = CASE WHEN status = 'dispatched' THEN status ELSE 'acknowledged' END WHERE id = ?",
                user,
                now,
                id);
    }

    /**
     * Marks an alarm dispatched (and acknowledged if it was not; its outcome becomes
     * {@code dispatched} unless it has one); {@code false} when unknown. Blocking.
     */
    public boolean dispatch(long id, String user, String note) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        return update(
                "UPDATE alerts SET dispatched_by = ?, dispatched_at = ?, dispatch_note = ?, status = 'dispatched',"
                        + " acked_by = coalesce(acked_by, ?), acked_at = coalesce(acked_at, ?),"
                        + " outcome_by = CASE WHEN outcome IS NULL THEN ? ELSE outcome_by END,"
                        + " outcome_at = CASE WHEN outcome IS NULL THEN ? ELSE outcome_at END,"
                        + " outcome = coalesce(outcome, 'dispatched') WHERE id = ?",
                user,
                now,
                note,
                user,
                now,
                user,
                now,
                id);
    }

    /**
     * Records an alarm's outcome (one of {@link #OUTCOMES}; the latest wins) with who and when
     * (tracker clock). The alarm counts as acknowledged by then; {@code dispatched} also marks it
     * dispatched (as {@link #dispatch} does). {@code false} when unknown. Blocking.
     */
    public boolean outcome(long id, String outcome, String user, String note) throws SQLException {
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("unknown outcome " + outcome);
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        boolean dispatched = "dispatched".equals(outcome);
        return update(
                "UPDATE alerts SET outcome = ?, outcome_by = ?, outcome_at = ?, outcome_note = ?,"
                        + " acked_by = coalesce(acked_by, ?), acked_at = coalesce(acked_at, ?),"
                        + " status = CASE WHEN ? THEN 'dispatched' WHEN status = 'new' THEN 'acknowledged' ELSE status END,"
                        + " dispatched_by = CASE WHEN ? THEN coalesce(dispatched_by, ?) ELSE dispatched_by END,"
                        + " dispatched_at = CASE WHEN ? THEN coalesce(dispatched_at, ?) ELSE dispatched_at END"
                        + " WHERE id = ?",
                outcome,
                user,
                now,
                note,
                user,
                now,
                dispatched,
                dispatched,
                user,
                dispatched,
                now,
                id);
    }

    /**
     * Alarms raised in {@code [from, to)} (UTC instants) counted by the day they were raised in
     * {@code zone} and by outcome ({@code none} for none yet): day (ISO date) → outcome → count,
     * days in order, only days with alarms. Blocking.
     */
    public java.util.SortedMap<String, java.util.Map<String, Long>> outcomesByDay(
            java.time.Instant from, java.time.Instant to, java.time.ZoneId zone) throws SQLException {
        java.util.SortedMap<String, java.util.Map<String, Long>> out = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT to_char(raised_at AT TIME ZONE ?, 'YYYY-MM-DD'),"
                        + " coalesce(outcome, 'none'), count(*) FROM alerts WHERE raised_at >= ? AND raised_at < ?"
                        + " GROUP BY 1, 2")) {
            st.setString(1, zone.getId());
            st.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            st.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    private boolean update(String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate() == 1;
        }
    }

    /**
     * The tag's last {@code limit} closed sightings from the database, oldest first (station ids,
     * times epoch ms UTC; positions left 0). Blocking.
     */
    public List<Alarm.Recent> lastSightings(long tag, int limit) throws SQLException {
        List<Alarm.Recent> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT station, first_seen, last_seen FROM sightings WHERE tag = ? ORDER BY first_seen DESC LIMIT ?")) {
            st.setLong(1, tag);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Alarm.Recent(rs.getString(1), 0, 0, millis(rs, 2), millis(rs, 3)));
                }
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** Alarms dropped because the write queue was full (or the store closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Queued alarms not yet written. */
    public int pending() {
        return writer.pending();
    }

    private static JsonObject row(ResultSet rs) throws SQLException {
        JsonObject o = new JsonObject(rs.getString(1));
        o.put("status", rs.getString(2))
                .put("ackedBy", rs.getString(3))
                .put("ackedAt", iso(rs, 4))
                .put("dispatchedBy", rs.getString(5))
                .put("dispatchedAt", iso(rs, 6))
                .put("dispatchNote", rs.getString(7))
                .put("outcome", rs.getString(8))
                .put("outcomeBy", rs.getString(9))
                .put("outcomeAt", iso(rs, 10))
                .put("outcomeNote", rs.getString(11));
        String companions = rs.getString(12);
        if (companions != null) {
            o.put("companions", new io.vertx.core.json.JsonArray(companions));
        }
        return o;
    }

    private static String iso(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : IsoTimes.format(t.toInstant());
    }

    private static long millis(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant().toEpochMilli();
    }

    /** One batch, on the writer thread. */
    private void writeBatch(List<Alarm> batch) throws InterruptedException {
        try {
            write(batch);
        } catch (RuntimeException e) {
            LOG.error("alarm store writer failed [alarms: {}]", batch.size(), e);
        }
    }

    /** Writes a batch, retrying a few times (the ids are unique, so a retried row is skipped). */
    private void write(List<Alarm> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = ds.getConnection();
                    PreparedStatement st = c.prepareStatement(
                            "INSERT INTO alerts (id, type, case_id, tag, station, at, raised_at, body)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (id) DO NOTHING")) {
                for (Alarm a : batch) {
                    st.setLong(1, a.id());
                    st.setString(2, a.type().wire());
                    if (a.caseId() == null) {
                        st.setNull(3, Types.BIGINT);
                    } else {
                        st.setLong(3, a.caseId());
                    }
                    st.setLong(4, a.tag());
                    st.setString(5, a.station());
                    st.setObject(6, OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(a.at()), ZoneOffset.UTC));
                    st.setObject(
                            7, OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(a.raisedAt()), ZoneOffset.UTC));
                    st.setString(8, a.toJson().encode());
                    st.addBatch();
                }
                st.executeBatch();
                return;
            } catch (SQLException e) {
                if (attempt >= 5) {
                    LOG.error(
                            "alarms not stored after {} attempts [alarms: {}, error: {}]",
                            attempt,
                            batch.size(),
                            e.toString());
                    return;
                }
                LOG.warn("storing alarms failed, retrying [attempt: {}, error: {}]", attempt, e.toString());
                Thread.sleep(200L * attempt);
            }
        }
    }

    /** Writes what is queued (up to 10 s), then stops the writer. Idempotent. */
    @Override
    public void close() {
        writer.close();
    }
}
