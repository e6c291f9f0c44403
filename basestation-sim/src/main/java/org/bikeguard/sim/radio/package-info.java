/**
 * The radio model: read probability by distance and RSSI noise.
 */
package org.bikeguard.sim.radio;
