/**
 * Scenarios on top of daily life: thefts, clones, tampers and the world state they change.
 */
package org.bikeguard.sim.scenario;
