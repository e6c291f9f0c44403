/**
 * Scoring a tracker against the ground truth: visits found, ghosts, per scenario.
 */
package org.bikeguard.sim.score;
