/**
 * The load generator: many station connections publishing synthetic frames at a target rate, with
 * provisioning and statistics.
 */
package org.bikeguard.sim.load;
