/**
 * The port through which claims asks the tracker for evidence (bikes, theft cases, sightings) and
 * its HTTP implementation.
 */
package org.bikeguard.claims.tracker;
