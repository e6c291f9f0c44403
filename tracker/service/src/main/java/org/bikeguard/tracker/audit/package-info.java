/**
 * Accountability of reads of personal and location data: the {@code audit_log} writer and the
 * police case-number rule ({@link org.bikeguard.tracker.audit.CaseRule}) that decides what a query
 * on a tag or bike must name before any data is read. Imports no feature but auth's roles.
 */
package org.bikeguard.tracker.audit;
