package org.bikeguard.tracker.audit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Writes rows of {@code audit_log}: who (username, role) did what (action) to which subject
 * (e.g. a canonical tag id), with an optional police case number. The table is append-only and
 * its insert trigger links every row into a hash chain ({@code sql/V25__audit_chain.sql}, checked
 * by {@link AuditChain}); rows of all tracker processes sharing the database form one chain, so
 * writers queue on one lock for the length of an insert and its commit (about a millisecond on a
 * local disk; see docs/operations.md). Blocking (JDBC): call from a worker. Thread-safe.
 */
public final class AuditLog {

    private final DataSource ds;
    private final Clock clock;

    /** @param clock the tracker's clock: the time each row records */
    public AuditLog(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Records one action of {@code actor} (adding {@code via} to the details when a service acted
     * for them); the row's {@code at} is the clock's now (UTC).
     *
     * @throws IllegalStateException when the row cannot be written (the caller must then not
     *                               hand out the audited data)
     */
    public void record(Actor actor, String action, String subject, String caseNo, JsonObject details) {
        record(actor.username(), actor.role(), action, subject, caseNo, actor.details(details));
    }

    /**
     * Records one action; the row's {@code at} is the clock's now (UTC).
     *
     * @throws IllegalStateException when the row cannot be written (the caller must then not
     *                               hand out the audited data)
     */
    public void record(String username, String role, String action, String subject, String caseNo, JsonObject details) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO audit_log (username, role, action, subject, case_no, details, at)"
                                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            st.setString(1, username);
            st.setString(2, role);
            st.setString(3, action);
            st.setString(4, subject);
            st.setString(5, caseNo);
            st.setString(6, (details == null ? new JsonObject() : details).encode());
            st.setTimestamp(7, Timestamp.from(clock.instant()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write audit log: " + e.getMessage(), e);
        }
    }
}
