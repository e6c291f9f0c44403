package org.bikeguard.tracker.auth;

import io.vertx.core.json.JsonObject;

/**
 * Where the account side writes its audit rows (logins, locks, logouts, password and role
 * changes). Implemented by the tracker's audit log ({@code tracker.audit.AuditLog}); declared here
 * so that {@code auth} does not depend on {@code audit} (which depends on {@code auth} for roles and
 * tokens). Implementations are blocking (call from a worker) and thread-safe.
 */
@FunctionalInterface
public interface AuthAudit {

    /**
     * Records one action; returns once the row is committed.
     *
     * @throws IllegalStateException when the row cannot be written
     */
    void record(String username, String role, String action, String subject, String caseNo, JsonObject details);
}
