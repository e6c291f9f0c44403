/**
 * Theft cases: reporting, police confirmation with the compiled evidence (the bike's sightings and
 * trajectory since the theft), recovery and closure, their HTTP routes, and keeping the watch
 * list on the bike of a confirmed case ({@link org.bikeguard.tracker.theft.CaseEvents}, also
 * across tag and plate changes).
 */
package org.bikeguard.tracker.theft;
