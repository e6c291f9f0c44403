/**
 * The simulator's client of the tracker's public HTTP API (login, re-login, provisioning,
 * queries).
 */
package org.bikeguard.sim.api;
