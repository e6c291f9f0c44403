/**
 * "I found this bike": anonymous reports from a QR certificate's public page (a position from the
 * finder's browser or a typed place), rate-limited per client address, listed for the police.
 */
package org.bikeguard.tracker.found;
