/**
 * The city simulation loop: beacons, emitters, presences at stations and the frames each station
 * sends.
 */
package org.bikeguard.sim.engine;
