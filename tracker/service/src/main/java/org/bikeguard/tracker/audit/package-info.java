/**
 * Accountability of reads of personal and location data: the {@code audit_log} writer
 * ({@link org.bikeguard.tracker.audit.AuditLog}, group-committed into the table's hash chain), the
 * chain's check and its route ({@link org.bikeguard.tracker.audit.AuditChain},
 * {@link org.bikeguard.tracker.audit.AuditRoutes}), whom a row names
 * ({@link org.bikeguard.tracker.audit.Actor}, including reads a service makes on a user's behalf),
 * and the police case-number rule ({@link org.bikeguard.tracker.audit.CaseRule}) that decides what
 * a query on a tag or bike must name before any data is read. Imports no feature but auth (roles,
 * token checks).
 */
package org.bikeguard.tracker.audit;
