/**
 * Working days in Asia/Shanghai from the official holiday notices (bundled year files, loadable
 * at runtime) and the 15-working-day deadlines computed on them.
 */
package org.bikeguard.claims.calendar;
