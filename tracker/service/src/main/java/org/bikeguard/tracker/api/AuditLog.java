package org.bikeguard.tracker.api;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Writes rows of {@code audit_log}: who (username, role) did what (action) to which subject
 * (e.g. a canonical tag id), with an optional police case number. Blocking (JDBC): call from a
 * worker. Thread-safe.
 */
public final class AuditLog {

    private final DataSource ds;

    public AuditLog(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Records one action; the row's {@code at} is the database's now (UTC).
     *
     * @throws IllegalStateException when the row cannot be written (the caller must then not
     *                               hand out the audited data)
     */
    public void record(String username, String role, String action, String subject, String caseNo, JsonObject details) {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO audit_log (username, role, action, subject, case_no, details) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            st.setString(1, username);
            st.setString(2, role);
            st.setString(3, action);
            st.setString(4, subject);
            st.setString(5, caseNo);
            st.setString(6, (details == null ? new JsonObject() : details).encode());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write audit log: " + e.getMessage(), e);
        }
    }
}
