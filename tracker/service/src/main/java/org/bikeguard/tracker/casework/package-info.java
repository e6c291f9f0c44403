/**
 * The police case workspace: the case list (status, theft dates, area; paged), a case opened by its
 * police case number with its pinned evidence, alarms, notes and shift handovers, and the printed
 * case report with an audit reference. Every read is audited like the police queries.
 */
package org.bikeguard.tracker.casework;
