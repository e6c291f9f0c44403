/**
 * Traffic police work on violations: appeals, the monthly rules (training at 3, public naming at
 * 5 counted violations in a calendar month of Asia/Shanghai), the dashboard, the owner's view, and
 * the wiring of notices and zones into the tracker.
 */
package org.bikeguard.tracker.traffic;
