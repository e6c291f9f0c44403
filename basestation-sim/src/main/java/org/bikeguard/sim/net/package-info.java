/**
 * The stations' MQTT links: one connection per station, frames in flight, resend after outages.
 */
package org.bikeguard.sim.net;
