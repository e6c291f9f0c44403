/**
 * The ground truth written as JSON Lines with ISO-8601 UTC times.
 */
package org.bikeguard.sim.truth;
