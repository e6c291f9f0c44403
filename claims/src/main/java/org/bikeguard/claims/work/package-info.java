/**
 * Work management of the adjusters' console: the work list (the open claims by due date, unknown
 * due dates first, searched and paged on the server), assignment to an adjuster, and notes.
 */
package org.bikeguard.claims.work;
