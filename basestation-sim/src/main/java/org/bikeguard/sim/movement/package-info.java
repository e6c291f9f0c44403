/**
 * How bikes move: daily plans, trips on the road graph and the event queue of simulated time.
 */
package org.bikeguard.sim.movement;
